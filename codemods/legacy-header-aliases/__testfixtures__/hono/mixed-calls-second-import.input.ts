import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const app = new Hono();

// Without headerName: left on Hono's middleware.
app.use('/admin/*', bearerAuth({ token: 'admin-token' }));

// With a literal headerName: moved to the adapter, through a second import.
app.use('/api/*', bearerAuth({ token: 'api-token', headerName: 'x-api-key' }));

export default app;
