import { Hono } from 'hono';
import { bearerAuth } from '@authheaders/bearer/hono';

const app = new Hono<{ Bindings: { TOKENS: string } }>();

// prefix: '' reads a raw token from the custom header; the adapter applies the prefix to the alias the same way.
app.use(
  '/webhook/*',
  bearerAuth({
    verifyToken: async (token, c) => c.env.TOKENS.split(',').includes(token),
    legacyHeaderAliases: ['x-webhook-token'],
    prefix: '',
  }),
);

// A custom prefix applies to the alias as well.
app.use('/bot/*', bearerAuth({ token: ['a', 'b'], prefix: 'Bot', legacyHeaderAliases: ['X-Bot-Auth'], realm: 'bots' }));

export default app;
