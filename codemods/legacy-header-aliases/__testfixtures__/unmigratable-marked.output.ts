import { bearerAuth } from '@authheaders/bearer';

export const spread = bearerAuth({ /* legacy-header-aliases: a spread may carry headerName or mcpHeaderName; migrate by hand */ ...defaults, validateToken });

export const computed = bearerAuth({ /* legacy-header-aliases: a computed key may be headerName or mcpHeaderName; migrate by hand */ [key]: 'x-adcp-auth', validateToken });

export const notAnArray = bearerAuth({
  /* legacy-header-aliases: legacyHeaderAliases is not an array literal; merge headerName into it by hand */
  legacyHeaderAliases: defaultAliases,
  headerName: 'x-adcp-auth',
  validateToken,
});

export const disagree = bearerAuth({
  headerName: 'x-adcp-auth',
  /* legacy-header-aliases: bearerPrefixRequired and mcpBearerPrefixRequired disagree; one flag now covers every alias */
  bearerPrefixRequired: true,
  mcpHeaderName: 'x-mcp-token',
  mcpBearerPrefixRequired: false,
  validateToken,
});

const opts = { validateToken };
/* legacy-header-aliases: headerName is assigned after the options object was built; migrate by hand */
opts.headerName = 'x-adcp-auth';
export const later = bearerAuth(opts);
