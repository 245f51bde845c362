import { bearerAuth } from '@acme/mcp-auth';
import { config } from './config';

export const fromConfig = bearerAuth({
  legacyHeaderAliases: [config.auth.header, `x-${config.product}-token`],
  legacyAliasesBearerPrefixRequired: config.auth.prefixRequired,
  validateToken,
});

export const fromCall = bearerAuth({ legacyHeaderAliases: [headerFor('mcp')], validateToken });
