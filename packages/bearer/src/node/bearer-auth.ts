import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions } from '../bearer-auth-core';
import { isCorsPreflight } from '../cors';
import { nodeRequestInfo } from '../node-request-info';
import { exposedTo } from './exposed-to';
import { nodeJsonBody } from './read-node-body';

/** A Node request once authenticated: `req.auth` holds what `validateToken` returned. */
export type AuthenticatedRequest<Auth extends AuthInfo = AuthInfo> = IncomingMessage & { auth: Auth };

/**
 * Connect-style middleware (`(req, res, next)`) for Node's `http` server, Express and Connect. On success it sets
 * `req.auth` and calls `next()`; otherwise it answers with the status, a full `WWW-Authenticate` challenge and a JSON
 * body (see `withBearerAuth` in `@authheaders/bearer/fetch` for the rules). Any other failure inside the middleware
 * (a `validateToken` result of the wrong shape, a response that cannot be written) goes to `next(err)`; nothing
 * reaches the process. Headers are read from `req.rawHeaders`, so two Authorization lines are seen as two.
 * With `requiredScopes` a function (such as `mcpScopes(...)`), the JSON-RPC body is taken from `req.body` or read
 * here (at most `maxBodyBytes`) and left in `req.body`. Each refusal adds `WWW-Authenticate` to the response's
 * `Access-Control-Expose-Headers`, and a CORS preflight goes to `next()` untouched (option `cors`).
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
    if (authenticate.cors && isCorsPreflight(req.method, req.headers['access-control-request-method'])) {
      next();
      return;
    }
    // The raw lines keep two Authorization lines apart (req.headers keeps only the first) and cost no copy.
    // Its method and URL for a DPoP proof, its body for scopes per operation: each read only when needed.
    const info = nodeRequestInfo(req, () => nodeJsonBody(req, authenticate.maxBodyBytes));
    authenticate(req.rawHeaders ?? req.headers, req, info).then((outcome) => {
      if (outcome.ok) {
        (req as AuthenticatedRequest<Auth>).auth = outcome.auth;
        // A fresh DPoP-Nonce, exposed beside what a CORS middleware already exposes.
        if (outcome.headers) {
          const headers = exposedTo(res, outcome.headers);
          for (const name in headers) res.setHeader(name, headers[name]!);
        }
        // Outside the try: an error of a later handler is that handler's, not passed to next a second time.
        next();
        return;
      }
      try {
        res.writeHead(outcome.failure.status, exposedTo(res, outcome.failure.headers)).end(outcome.body);
      } catch (error) {
        next(error);
      }
    }, next);
  };
}
