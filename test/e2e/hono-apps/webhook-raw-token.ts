// A webhook receiver: the sender puts the shared secret, raw, in `x-hook-token` (`prefix: ''`); a refusal
// names the service from the Worker's bindings.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const app = new Hono();
app.post(
  '/hooks/deploy',
  bearerAuth({
    token: ['hook-secret-1', 'hook-secret-2'],
    headerName: 'x-hook-token',
    prefix: '',
    invalidToken: { message: (c) => `refused by ${c.env.SERVICE_NAME}` },
  }),
  (c) => c.text('queued', 202),
);

export default app;
