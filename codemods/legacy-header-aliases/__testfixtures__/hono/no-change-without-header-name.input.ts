import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const app = new Hono();
const token = 'honoishot';

// Hono's default header is Authorization: nothing to migrate (headerName appears only in this comment).
app.use('/api/*', bearerAuth({ token }));
app.use('/explicit/*', bearerAuth({ token, headerName: 'Authorization' }));

export default app;
