import { bearerAuth } from '@authheaders/bearer';

// Authorization is always accepted: nothing is left to alias.
export const strict = bearerAuth({
  validateToken,
});

// Authorization dropped, the other header kept; false is the new default, so the flag goes.
export const mixed = bearerAuth({
  legacyHeaderAliases: ['x-mcp-token'],
  validateToken,
});
