import { bearerAuth, type BearerAuthOptions } from '@authheaders/bearer/node';

export const asCast = bearerAuth({ legacyHeaderAliases: ['x-a'], validateToken } as BearerAuthOptions);

export const satisfied = bearerAuth({ legacyHeaderAliases: ['x-b'], legacyAliasesBearerPrefixRequired: true, validateToken } satisfies BearerAuthOptions);

export const angle = bearerAuth(<BearerAuthOptions>{ legacyHeaderAliases: ['x-c'], validateToken });

const options = { legacyHeaderAliases: ['x-d'], validateToken } as const satisfies BearerAuthOptions;
export const fromConst = bearerAuth(options);
