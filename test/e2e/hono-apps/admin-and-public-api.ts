// Two areas: the public API on Authorization (no headerName, untouched by the migration), the admin area on a
// header of its own with the deprecated `*Message` options. The migration adds a second import for the admin call.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const PUBLIC_TOKEN = 'public-token';
const ADMIN_TOKEN = 'admin~token=';

const app = new Hono();
app.use('/api/*', bearerAuth({ token: PUBLIC_TOKEN }));
app.get('/api/me', (c) => c.json({ role: 'user' }));

const adminAuth = {
  token: ADMIN_TOKEN,
  headerName: 'X-Admin-Token',
  noAuthenticationHeaderMessage: 'admin token required',
  invalidTokenMessage: 'admin token refused',
};
app.use('/admin/*', bearerAuth(adminAuth));
app.get('/admin/stats', (c) => c.json({ users: 42 }));

export default app;
