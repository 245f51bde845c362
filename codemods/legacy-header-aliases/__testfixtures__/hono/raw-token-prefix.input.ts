import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const app = new Hono<{ Bindings: { TOKENS: string } }>();

// prefix: '' reads a raw token from the custom header; the adapter applies the prefix to the alias the same way.
app.use(
  '/webhook/*',
  bearerAuth({
    verifyToken: async (token, c) => c.env.TOKENS.split(',').includes(token),
    headerName: 'x-webhook-token',
    prefix: '',
  }),
);

// A custom prefix applies to the alias as well.
app.use('/bot/*', bearerAuth({ token: ['a', 'b'], prefix: 'Bot', headerName: 'X-Bot-Auth', realm: 'bots' }));

export default app;
