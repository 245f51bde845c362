import * as bearer from '@authheaders/bearer/node';
import { withBearerAuth as protect } from '@authheaders/bearer';
import fastifyBearer from '@authheaders/bearer/fastify';
const { requireBearerAuth } = require('@authheaders/bearer/mcp');

app.use(bearer.bearerAuth({ headerName: 'x-a', validateToken }));
export const handler = protect(route, { headerName: 'x-b', validateToken });
fastify.register(fastifyBearer, { headerName: 'x-c', validateToken });
router.post('/mcp', requireBearerAuth({ verifier, mcpHeaderName: 'x-d' }));

// Same names, other origins: left alone.
function local(protect) {
  return protect(route, { headerName: 'x-e' });
}
other.register(plugin, { headerName: 'x-f' });
