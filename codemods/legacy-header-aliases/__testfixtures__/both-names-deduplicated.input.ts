import { withBearerAuth } from '@acme/mcp-auth';

export default withBearerAuth(handler, {
  headerName: 'X-Api-Key',
  mcpHeaderName: 'x-api-key',
  bearerPrefixRequired: false,
  mcpBearerPrefixRequired: false,
  validateToken: check,
});
