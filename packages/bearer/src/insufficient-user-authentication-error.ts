import { bearerChallenge } from './bearer-challenge';

/**
 * Thrown by a `validateToken` callback when the token is valid but the user's authentication does not meet the
 * resource's requirements (too weak, or too long ago): the middleware answers 401 with
 * `error="insufficient_user_authentication"` and the `acr_values` and `max_age` the client must obtain a new token
 * for (RFC 9470 §3). The values are checked when the error is built: a value that could not be written into the
 * challenge is a `TypeError` here, not a broken answer later.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9470#section-3 RFC 9470 §3
 * @example
 * ```ts
 * import { InsufficientUserAuthenticationError } from '@authheaders/bearer';
 * import { withBearerAuth } from '@authheaders/bearer/fetch';
 *
 * declare function introspect(token: string): Promise<{ subject: string; acr: string }>;
 *
 * const handler = withBearerAuth(async (_request, auth) => Response.json(auth), {
 *   validateToken: async (token) => {
 *     const info = await introspect(token);
 *     if (info.acr !== 'urn:example:mfa') throw new InsufficientUserAuthenticationError({ acrValues: ['urn:example:mfa'] });
 *     return info;
 *   },
 * });
 * ```
 */
export class InsufficientUserAuthenticationError extends Error {
  override readonly name = 'InsufficientUserAuthenticationError';
  readonly code = 'insufficient_user_authentication';
  /** Acceptable authentication context classes, most preferred first (`acr_values`). */
  declare readonly acrValues: readonly string[] | undefined;
  /** The most seconds allowed since the user last authenticated (`max_age`). */
  declare readonly maxAge: number | undefined;

  /** `description` becomes the challenge's `error_description`: printable US-ASCII without `"` and `\`. */
  constructor({ acrValues, maxAge, description }: { acrValues?: readonly string[]; maxAge?: number; description?: string } = {}) {
    super(description ?? 'A different authentication level is required.');
    bearerChallenge({ acrValues, maxAge, errorDescription: this.message });
    this.acrValues = acrValues && [...acrValues];
    this.maxAge = maxAge;
  }
}
