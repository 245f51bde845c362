import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bearerAuth as bearerAuthWithAliases } from '@authheaders/bearer/hono';

const app = new Hono();

// Without headerName: left on Hono's middleware.
app.use('/admin/*', bearerAuth({ token: 'admin-token' }));

// With a literal headerName: moved to the adapter, through a second import.
app.use('/api/*', bearerAuthWithAliases({ token: 'api-token', legacyHeaderAliases: ['x-api-key'], legacyAliasesBearerPrefixRequired: true }));

export default app;
