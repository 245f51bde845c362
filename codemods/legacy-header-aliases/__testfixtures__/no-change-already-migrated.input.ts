import { bearerAuth } from '@authheaders/bearer';

export const auth = bearerAuth({
  legacyHeaderAliases: ['x-adcp-auth'],
  legacyAliasesBearerPrefixRequired: true,
  validateToken,
});

export const withDefaults = bearerAuth({ ...defaults, legacyHeaderAliases: ['x-adcp-auth'], validateToken });
