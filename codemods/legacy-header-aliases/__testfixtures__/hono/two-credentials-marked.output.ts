import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bearerAuth as bearerAuthWithAliases } from '@authheaders/bearer/hono';
import { jwt } from 'hono/jwt';

const app = new Hono();

// Partners send an API key and their user's JWT (in Authorization) on every request: left to you.
app.use('/partner/*', bearerAuth({ token: 'partner-key', /* legacy-header-aliases: this app also reads Authorization on these routes (jwt from hono/jwt, line 9): it would be read first, so a request with both credentials would be refused; migrate by hand */ headerName: 'X-Api-Key' }));
app.use('/partner/*', jwt({ secret: 'jwt-secret', alg: 'HS256' }));

// The gateway's secret, next to whatever Authorization the client sent: left to you.
app.use('/market/*', bearerAuth({ token: 'proxy-secret', /* legacy-header-aliases: "X-RapidAPI-Proxy-Secret" looks like a gateway's secret, not the client's token: the client's own Authorization would be read first and the request refused; migrate by hand */ headerName: 'X-RapidAPI-Proxy-Secret', prefix: '' }));

// A route no Authorization reader shares: migrated.
app.use('/hooks/*', bearerAuthWithAliases({ token: 'hook-token', legacyHeaderAliases: ['x-hook-token'], prefix: '' }));

export default app;
