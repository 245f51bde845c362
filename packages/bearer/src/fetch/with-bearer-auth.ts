import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions } from '../bearer-auth-core';
import { isCorsPreflight, withExposedHeaders } from '../cors';
import { parseJsonBytes } from '../json-body';
import { readFetchBody } from './read-fetch-body';

/**
 * Protects a Fetch-style handler (`(request) => Response`): Hono, Bun, Deno, Cloudflare Workers, Next.js route
 * handlers. The auth info reaches the handler as its second argument. Every refusal carries a full
 * `WWW-Authenticate` challenge and a JSON body: 401 without credentials (no error code, RFC 6750 §3.1), 401
 * `invalid_token`, 400 `invalid_request` for a malformed or conflicting token, 403 `insufficient_scope` with the
 * scope needed, 401 `insufficient_user_authentication` for step-up (RFC 9470 §3), 503 with `Retry-After` when the
 * validator times out. A server error inside the middleware is a bare 500; errors of `handler` are its own.
 * With `requiredScopes` a function (such as `mcpScopes(...)`), the JSON-RPC body is read here (at most
 * `maxBodyBytes`) and the handler gets a fresh `Request` with the same bytes. Each refusal lists `WWW-Authenticate`
 * in `Access-Control-Expose-Headers`; a CORS preflight is never refused: put your CORS layer in front, which
 * answers it (one that reaches this middleware gets a bare 204, and never the handler). Option `cors: false` turns this off.
 *
 * @example
 * ```ts
 * export const GET = withBearerAuth(
 *   async (request, auth) => Response.json({ hello: auth.subject }),
 *   {
 *     realm: 'api',
 *     resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource',
 *     validateToken: async (token) => (token === process.env.API_TOKEN ? { subject: 'ci', scopes: ['read'] } : null),
 *   },
 * );
 * ```
 */
export function withBearerAuth<Auth extends AuthInfo = AuthInfo>(
  handler: (request: Request, auth: Auth) => Response | Promise<Response>,
  options: BearerAuthOptions<Request, Auth>,
): (request: Request) => Promise<Response> {
  const authenticate = createBearerAuthenticator(options);
  return async (request) => {
    // A handler is for authenticated requests only: a preflight that no CORS layer in front answered gets a bare
    // 204 (no grant of its own, so the browser's CORS check decides), never a 401 and never the handler.
    if (authenticate.cors && isCorsPreflight(request.method, request.headers.get('access-control-request-method'))) return new Response(null, { status: 204 });
    let outcome;
    let passed = request;
    try {
      // Its method and URL for a DPoP proof, its body for scopes per operation (read only then).
      outcome = await authenticate(request.headers, request, {
        method: request.method,
        url: request.url,
        body: async () => {
          const read = await readFetchBody(request, authenticate.maxBodyBytes);
          passed = read.request;
          return parseJsonBytes(read.bytes);
        },
      });
    } catch {
      // A server error inside the middleware: a bare 500 that says nothing of it.
      return new Response(null, { status: 500 });
    }
    if (outcome.ok) {
      if (!outcome.headers) return handler(passed, outcome.auth);
      // A fresh DPoP-Nonce on the handler's answer, copied first (its headers may be immutable), exposed beside
      // what the handler's answer already exposes.
      const response = await handler(passed, outcome.auth);
      const answer = new Response(response.body, response);
      const headers = withExposedHeaders(outcome.headers, answer.headers.get('access-control-expose-headers'));
      for (const name in headers) answer.headers.set(name, headers[name]!);
      return answer;
    }
    // A failure carries its status and headers: it is the ResponseInit of its answer.
    return new Response(outcome.body, outcome.failure);
  };
}

