import * as honoBearer from '@authheaders/bearer/hono';
import { Hono } from 'hono';

const options = { token: 'secret', legacyHeaderAliases: ['X-Service-Token'], legacyAliasesBearerPrefixRequired: true } as const;

export const app = new Hono().use('/internal/*', honoBearer.bearerAuth(options));
