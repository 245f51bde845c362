// A partner API: the partner's server sends its API key as `X-Api-Key: Bearer <key>` and its user's session JWT in
// `Authorization: Bearer <jwt>`, both on every request: an API-key middleware in front of hono/jwt on the same
// routes. The migration must not move the key to an alias: Authorization would be read first, and the JWT refused
// as an API key.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { jwt } from 'hono/jwt';

export const JWT_SECRET = 'test-only-hs256-secret-for-the-partner-api';
const PARTNER_KEY = 'partner-key-0123';

const app = new Hono();
app.get('/health', (c) => c.text('ok'));
app.use('/v1/*', bearerAuth({ token: PARTNER_KEY, headerName: 'X-Api-Key' }));
app.use('/v1/*', jwt({ secret: JWT_SECRET, alg: 'HS256' }));
app.get('/v1/orders', (c) => c.json({ user: (c.get('jwtPayload') as { sub: string }).sub, orders: [] }));

export default app;
