import { bearerAuth } from '@acme/mcp-auth';

export const auth = bearerAuth({
  legacyHeaderAliases: ['x-adcp-auth'],
  legacyAliasesBearerPrefixRequired: true,
  validateToken,
});

export const withDefaults = bearerAuth({ ...defaults, legacyHeaderAliases: ['x-adcp-auth'], validateToken });
