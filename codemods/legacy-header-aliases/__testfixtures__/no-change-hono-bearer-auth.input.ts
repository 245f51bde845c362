import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

// Hono's own middleware: its headerName is not ours (the --hono migration handles it), so this one leaves it.
const app = new Hono();
app.use('/api/*', bearerAuth({ token: 'secret', headerName: 'X-Api-Key' }));

export default app;
