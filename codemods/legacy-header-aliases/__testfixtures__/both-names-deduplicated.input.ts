import { withBearerAuth } from '@authheaders/bearer/fetch';

export default withBearerAuth(handler, {
  headerName: 'X-Api-Key',
  mcpHeaderName: 'x-api-key',
  bearerPrefixRequired: false,
  mcpBearerPrefixRequired: false,
  validateToken: check,
});
