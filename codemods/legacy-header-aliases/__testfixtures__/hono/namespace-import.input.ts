import * as honoBearer from 'hono/bearer-auth';
import { Hono } from 'hono';

const options = { token: 'secret', headerName: 'X-Service-Token' } as const;

export const app = new Hono().use('/internal/*', honoBearer.bearerAuth(options));
