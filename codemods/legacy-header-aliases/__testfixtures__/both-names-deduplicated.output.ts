import { withBearerAuth } from '@authheaders/bearer';

export default withBearerAuth(handler, {
  legacyHeaderAliases: ['X-Api-Key'],
  validateToken: check,
});
