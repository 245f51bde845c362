// A Cloudflare Worker: an API behind a static token in X-Api-Key, and a health route.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { bearerAuth } from 'hono/bearer-auth';

type Bindings = { API_TOKEN: string; KV: KVNamespace };

const app = new Hono<{ Bindings: Bindings }>();

app.use('*', cors());
app.get('/health', (c) => c.text('ok'));

app.use(
  '/v1/*',
  bearerAuth({
    verifyToken: async (token, c) => token === c.env.API_TOKEN,
    headerName: 'X-Api-Key',
    realm: 'api',
    noAuthenticationHeader: { message: { error: 'missing token' } },
  }),
);

app.get('/v1/items/:id', async (c) => {
  const item = await c.env.KV.get(c.req.param('id'), 'json');
  return item === null ? c.notFound() : c.json(item);
});

export default app;
