import { withBearerAuth } from '@acme/mcp-auth';

export default withBearerAuth(handler, {
  legacyHeaderAliases: ['X-Api-Key'],
  validateToken: check,
});
