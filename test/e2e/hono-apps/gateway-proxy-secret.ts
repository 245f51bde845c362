// An API sold through RapidAPI: the gateway adds its proxy secret, raw, as `X-RapidAPI-Proxy-Secret` to every
// request it forwards, with the subscriber in `X-RapidAPI-User`; whatever `Authorization` the subscriber sent (a
// token of their own account elsewhere) passes through. The secret is the gateway's, not the client's token.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const PROXY_SECRET = 'test-only-proxy-secret-7f3a';

const app = new Hono();
app.use('*', bearerAuth({ token: PROXY_SECRET, headerName: 'X-RapidAPI-Proxy-Secret', prefix: '' }));
app.get('/quotes/today', (c) => c.json({ subscriber: c.req.header('X-RapidAPI-User') ?? null, quote: 'Make it work.' }));

export default app;
