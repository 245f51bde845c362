// A Worker-style API behind a static token sent as `X-Api-Key: Bearer <token>` (Hono's default prefix).
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const API_TOKEN = 'api-0123456789';

const app = new Hono();
app.get('/health', (c) => c.text('ok'));
app.use('/v1/*', bearerAuth({ token: API_TOKEN, headerName: 'X-Api-Key' }));
app.get('/v1/items', (c) => c.json({ items: [1, 2, 3] }));

export default app;
