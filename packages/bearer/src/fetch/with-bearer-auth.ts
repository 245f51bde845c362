import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions } from '../bearer-auth-core';

/**
 * Protects a Fetch-style handler (`(request) => Response`): Hono, Bun, Deno, Cloudflare Workers, Next.js route
 * handlers. The auth info reaches the handler as its second argument. Every refusal carries a full
 * `WWW-Authenticate` challenge and a JSON body: 401 without credentials (no error code, RFC 6750 §3.1), 401
 * `invalid_token`, 400 `invalid_request` for a malformed or conflicting token, 403 `insufficient_scope` with the
 * scope needed, 401 `insufficient_user_authentication` for step-up (RFC 9470 §3), 503 with `Retry-After` when the
 * validator times out. A server error inside the middleware is a bare 500; errors of `handler` are its own.
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
    let outcome;
    try {
      outcome = await authenticate(request.headers, request, request);
    } catch {
      // A server error inside the middleware: a bare 500 that says nothing of it.
      return new Response(null, { status: 500 });
    }
    if (outcome.ok) {
      if (!outcome.headers) return handler(request, outcome.auth);
      // A fresh DPoP-Nonce on the handler's answer, copied first: its headers may be immutable.
      const response = await handler(request, outcome.auth);
      const answer = new Response(response.body, response);
      for (const name in outcome.headers) answer.headers.set(name, outcome.headers[name]!);
      return answer;
    }
    // A failure carries its status and headers: it is the ResponseInit of its answer.
    return new Response(outcome.body, outcome.failure);
  };
}

