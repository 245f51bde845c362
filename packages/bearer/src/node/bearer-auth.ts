import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions } from '../bearer-auth-core';

/** A Node request once authenticated: `req.auth` holds what `validateToken` returned. */
export type AuthenticatedRequest<Auth extends AuthInfo = AuthInfo> = IncomingMessage & { auth: Auth };

/**
 * Connect-style middleware (`(req, res, next)`) for Node's `http` server, Express and Connect. On success it sets
 * `req.auth` and calls `next()`; otherwise it answers with the status, a full `WWW-Authenticate` challenge and a JSON
 * body (see `withBearerAuth` for the rules). Headers are read from `req.headersDistinct` when there is one, so two
 * Authorization lines are seen as two.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { bearerAuth } from '@authheaders/bearer/node';
 *
 * declare function lookUp(token: string): Promise<{ subject: string; scopes: string[] } | null>;
 *
 * const app = express();
 * app.use('/mcp', bearerAuth({
 *   realm: 'mcp',
 *   resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource/mcp',
 *   legacyHeaderAliases: ['x-adcp-auth'],
 *   validateToken: (token) => lookUp(token),
 * }));
 * ```
 */
export function bearerAuth<Auth extends AuthInfo = AuthInfo>(
  options: BearerAuthOptions<IncomingMessage, Auth>,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  const authenticate = createBearerAuthenticator(options);
  return (req, res, next) => {
    const headers = (req as { headersDistinct?: Record<string, string[]> }).headersDistinct ?? req.headers;
    authenticate(headers, req).then(
      (outcome) => {
        if (outcome.ok) {
          (req as AuthenticatedRequest<Auth>).auth = outcome.auth;
          next();
          return;
        }
        res.statusCode = outcome.failure.status;
        res.setHeader('WWW-Authenticate', outcome.failure.wwwAuthenticate);
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-store');
        res.end(outcome.body);
      },
      (error: unknown) => next(error),
    );
  };
}
