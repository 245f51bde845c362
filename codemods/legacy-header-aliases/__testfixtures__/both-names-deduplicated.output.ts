import { withBearerAuth } from '@authheaders/bearer/fetch';

export default withBearerAuth(handler, {
  legacyHeaderAliases: ['X-Api-Key'],
  validateToken: check,
});
