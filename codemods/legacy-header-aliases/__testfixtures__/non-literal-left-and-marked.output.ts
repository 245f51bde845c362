import { bearerAuth } from '@authheaders/bearer';
import { config } from './config';

export const fromConfig = bearerAuth({
  /* legacy-header-aliases: headerName is not a string literal; left as it is, since an array of it could throw; migrate by hand */
  headerName: config.auth.header,
  mcpHeaderName: `x-${config.product}-token`,
  bearerPrefixRequired: config.auth.prefixRequired,
  validateToken,
});

export const fromCall = bearerAuth({ /* legacy-header-aliases: mcpHeaderName is not a string literal; left as it is, since an array of it could throw; migrate by hand */ mcpHeaderName: headerFor('mcp'), validateToken });
