import { bearerAuth } from '@acme/mcp-auth';

const headerName = process.env.AUTH_HEADER ?? 'x-adcp-auth';

export const quoted = bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], legacyAliasesBearerPrefixRequired: true, validateToken });

export const shorthand = bearerAuth({ legacyHeaderAliases: [headerName], validateToken });
