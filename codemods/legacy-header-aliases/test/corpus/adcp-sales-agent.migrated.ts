// A sales agent server on @authheaders/bearer/node: a legacy header, options in a const, and a factory.
import express from 'express';
import { bearerAuth, type BearerAuthOptions } from '@authheaders/bearer/node';
import { lookupPrincipal } from './principals';

const authOptions = {
  legacyHeaderAliases: ['x-adcp-auth'],
  validateToken: async (token: string) => lookupPrincipal(token),
} satisfies BearerAuthOptions;

export function makeAuth(headerName?: string) {
  return bearerAuth({ /* legacy-header-aliases: headerName is not a string literal; left as it is, since an array of it could throw; migrate by hand */ headerName, validateToken: lookupPrincipal });
}

const app = express();
app.use('/mcp', bearerAuth(authOptions));
app.use('/a2a', makeAuth(process.env.A2A_HEADER));
app.listen(3000, '127.0.0.1');
