import { bearerAuth } from '@authheaders/bearer';
import { config } from './config';

export const fromConfig = bearerAuth({
  headerName: config.auth.header,
  mcpHeaderName: `x-${config.product}-token`,
  bearerPrefixRequired: config.auth.prefixRequired,
  validateToken,
});

export const fromCall = bearerAuth({ mcpHeaderName: headerFor('mcp'), validateToken });
