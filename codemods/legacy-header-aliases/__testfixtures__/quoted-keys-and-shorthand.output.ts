import { bearerAuth } from '@authheaders/bearer';

const headerName = process.env.AUTH_HEADER ?? 'x-adcp-auth';

export const quoted = bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], legacyAliasesBearerPrefixRequired: true, validateToken });

export const shorthand = bearerAuth({ /* legacy-header-aliases: headerName is not a string literal; left as it is, since an array of it could throw; migrate by hand */ headerName, validateToken });
