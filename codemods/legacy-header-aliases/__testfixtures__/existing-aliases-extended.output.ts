import { bearerAuth } from '@authheaders/bearer';

export const a = bearerAuth({
  legacyHeaderAliases: ['x-adcp-auth', 'x-legacy-token'],
  validateToken,
});

export const b = bearerAuth({
  legacyHeaderAliases: ['x-adcp-auth'],
  validateToken,
});
