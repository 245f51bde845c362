import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions } from '../bearer-auth-core';
import { nodeRequestTarget } from '../node-request-target';

/** A Node request once authenticated: `req.auth` holds what `validateToken` returned. */
export type AuthenticatedRequest<Auth extends AuthInfo = AuthInfo> = IncomingMessage & { auth: Auth };

/**
 * Connect-style middleware (`(req, res, next)`) for Node's `http` server, Express and Connect. On success it sets
 * `req.auth` and calls `next()`; otherwise it answers with the status, a full `WWW-Authenticate` challenge and a JSON
 * body (see `withBearerAuth` in `@authheaders/bearer/fetch` for the rules). Any other failure inside the middleware
 * (a `validateToken` result of the wrong shape, a response that cannot be written) goes to `next(err)`; nothing
 * reaches the process. Headers are read from `req.rawHeaders`, so two Authorization lines are seen as two.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
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
    // The raw lines keep two Authorization lines apart (req.headers keeps only the first) and cost no copy.
    authenticate(req.rawHeaders ?? req.headers, req, nodeRequestTarget(req)).then((outcome) => {
      if (outcome.ok) {
        (req as AuthenticatedRequest<Auth>).auth = outcome.auth;
        for (const name in outcome.headers) res.setHeader(name, outcome.headers[name]!);
        // Outside the try: an error of a later handler is that handler's, not passed to next a second time.
        next();
        return;
      }
      try {
        res.writeHead(outcome.failure.status, outcome.failure.headers).end(outcome.body);
      } catch (error) {
        next(error);
      }
    }, next);
  };
}
