// A webhook receiver: the sender puts the shared secret, raw, in `x-hook-token` (`prefix: ''`).
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const app = new Hono();
app.post(
  '/hooks/deploy',
  bearerAuth({ token: ['hook-secret-1', 'hook-secret-2'], headerName: 'x-hook-token', prefix: '' }),
  (c) => c.text('queued', 202),
);

export default app;
