import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions } from './bearer-auth-core';

/**
 * Protects a Fetch-style handler (`(request) => Response`): Hono, Bun, Deno, Cloudflare Workers, Next.js route
 * handlers. The auth info reaches the handler as its second argument. Every refusal carries a full
 * `WWW-Authenticate` challenge and a JSON body: 401 without credentials (no error code, RFC 6750 §3.1), 401
 * `invalid_token`, 400 `invalid_request` for conflicting tokens, 403 `insufficient_scope` with the scope needed.
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
    const outcome = await authenticate(request.headers, request);
    if (outcome.ok) return handler(request, outcome.auth);
    return new Response(outcome.body, {
      status: outcome.failure.status,
      headers: { 'www-authenticate': outcome.failure.wwwAuthenticate, 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  };
}
