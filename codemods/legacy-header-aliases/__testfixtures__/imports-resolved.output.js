import * as bearer from '@authheaders/bearer/node';
import { withBearerAuth as protect } from '@authheaders/bearer';
import fastifyBearer from '@authheaders/bearer/fastify';
const { requireBearerAuth } = require('@authheaders/bearer/mcp');

app.use(bearer.bearerAuth({ legacyHeaderAliases: ['x-a'], validateToken }));
export const handler = protect(route, { legacyHeaderAliases: ['x-b'], validateToken });
fastify.register(fastifyBearer, { legacyHeaderAliases: ['x-c'], validateToken });
router.post('/mcp', requireBearerAuth({ verifier, legacyHeaderAliases: ['x-d'] }));

// Same names, other origins: left alone.
function local(protect) {
  return protect(route, { headerName: 'x-e' });
}
other.register(plugin, { headerName: 'x-f' });
