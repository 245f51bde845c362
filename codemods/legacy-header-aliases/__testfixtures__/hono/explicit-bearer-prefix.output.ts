import { Hono } from 'hono';
import { bearerAuth } from '@authheaders/bearer/hono';

const app = new Hono();

// Hono's prefix written out, in any case, is its default: the alias keeps requiring it through
// legacyAliasesBearerPrefixRequired (a Bearer prefix is not applied to legacyHeaderAliases by the adapter).
app.use('/a/*', bearerAuth({ token: 'a', legacyHeaderAliases: ['X-Api-Key'], legacyAliasesBearerPrefixRequired: true, prefix: 'Bearer' }));
app.use('/b/*', bearerAuth({ token: 'b', prefix: 'bearer', legacyHeaderAliases: ['X-Other-Key'], legacyAliasesBearerPrefixRequired: true }));

export default app;
