import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { jwt } from 'hono/jwt';

const app = new Hono();

// Partners send an API key and their user's JWT (in Authorization) on every request: left to you.
app.use('/partner/*', bearerAuth({ token: 'partner-key', headerName: 'X-Api-Key' }));
app.use('/partner/*', jwt({ secret: 'jwt-secret', alg: 'HS256' }));

// The gateway's secret, next to whatever Authorization the client sent: left to you.
app.use('/market/*', bearerAuth({ token: 'proxy-secret', headerName: 'X-RapidAPI-Proxy-Secret', prefix: '' }));

// A route no Authorization reader shares: migrated.
app.use('/hooks/*', bearerAuth({ token: 'hook-token', headerName: 'x-hook-token', prefix: '' }));

export default app;
