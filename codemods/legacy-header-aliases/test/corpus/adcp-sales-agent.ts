// A sales agent server on @authheaders/bearer/node: a legacy header, options in a const, and a factory.
import express from 'express';
import { bearerAuth, type BearerAuthOptions } from '@authheaders/bearer/node';
import { lookupPrincipal } from './principals';

const authOptions = {
  headerName: 'x-adcp-auth',
  bearerPrefixRequired: false,
  validateToken: async (token: string) => lookupPrincipal(token),
} satisfies BearerAuthOptions;

export function makeAuth(headerName?: string) {
  return bearerAuth({ headerName, validateToken: lookupPrincipal });
}

const app = express();
app.use('/mcp', bearerAuth(authOptions));
app.use('/a2a', makeAuth(process.env.A2A_HEADER));
app.listen(3000, '127.0.0.1');
