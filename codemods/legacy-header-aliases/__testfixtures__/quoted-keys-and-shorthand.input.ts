import { bearerAuth } from '@authheaders/bearer';

const headerName = process.env.AUTH_HEADER ?? 'x-adcp-auth';

export const quoted = bearerAuth({ 'headerName': 'x-adcp-auth', "bearerPrefixRequired": true, validateToken });

export const shorthand = bearerAuth({ headerName, validateToken });
