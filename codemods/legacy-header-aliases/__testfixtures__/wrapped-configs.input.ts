import { bearerAuth, type BearerAuthOptions } from '@authheaders/bearer/node';

export const asCast = bearerAuth({ headerName: 'x-a', validateToken } as BearerAuthOptions);

export const satisfied = bearerAuth({ headerName: 'x-b', bearerPrefixRequired: true, validateToken } satisfies BearerAuthOptions);

export const angle = bearerAuth(<BearerAuthOptions>{ headerName: 'x-c', validateToken });

const options = { mcpHeaderName: 'x-d', validateToken } as const satisfies BearerAuthOptions;
export const fromConst = bearerAuth(options);
