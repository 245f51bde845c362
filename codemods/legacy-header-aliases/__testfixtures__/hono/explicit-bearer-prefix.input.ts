import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const app = new Hono();

// Hono's prefix written out, in any case, is its default: the alias keeps requiring it through
// legacyAliasesBearerPrefixRequired (a Bearer prefix is not applied to legacyHeaderAliases by the adapter).
app.use('/a/*', bearerAuth({ token: 'a', headerName: 'X-Api-Key', prefix: 'Bearer' }));
app.use('/b/*', bearerAuth({ token: 'b', prefix: 'bearer', headerName: 'X-Other-Key' }));

export default app;
