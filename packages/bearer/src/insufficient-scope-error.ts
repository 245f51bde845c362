/**
 * Thrown by a `validateToken` callback when the token is valid but lacks scope: the middleware answers 403 with
 * `error="insufficient_scope"` and a `scope` naming what is needed (RFC 6750 §3.1).
 *
 * @example
 * ```ts
 * import { InsufficientScopeError } from '@authheaders/bearer';
 * import { withBearerAuth } from '@authheaders/bearer/fetch';
 *
 * declare function introspect(token: string): Promise<{ subject: string; scopes: string[] }>;
 *
 * const handler = withBearerAuth(async (_request, auth) => Response.json(auth), {
 *   validateToken: async (token) => {
 *     const info = await introspect(token);
 *     if (!info.scopes.includes('files:write')) throw new InsufficientScopeError(['files:write']);
 *     return info;
 *   },
 * });
 * ```
 */
export class InsufficientScopeError extends Error {
  override readonly name = 'InsufficientScopeError';
  readonly code = 'insufficient_scope';
  /** The scopes the request needs. */
  declare readonly requiredScopes: readonly string[];

  constructor(requiredScopes: readonly string[], message = 'The access token lacks the required scope.') {
    super(message);
    this.requiredScopes = [...requiredScopes];
  }
}
