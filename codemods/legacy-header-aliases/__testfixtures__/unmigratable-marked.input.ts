import { bearerAuth } from '@authheaders/bearer';

export const spread = bearerAuth({ ...defaults, validateToken });

export const computed = bearerAuth({ [key]: 'x-adcp-auth', validateToken });

export const notAnArray = bearerAuth({
  legacyHeaderAliases: defaultAliases,
  headerName: 'x-adcp-auth',
  validateToken,
});

export const disagree = bearerAuth({
  headerName: 'x-adcp-auth',
  bearerPrefixRequired: true,
  mcpHeaderName: 'x-mcp-token',
  mcpBearerPrefixRequired: false,
  validateToken,
});

const opts = { validateToken };
opts.headerName = 'x-adcp-auth';
export const later = bearerAuth(opts);
