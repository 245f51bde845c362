import { isErrorText } from './rfc6750-syntax';

/**
 * Thrown by a `validateToken` callback when the token is refused (expired, revoked, meant for another resource, not
 * verifiable): the middleware answers 401 with `error="invalid_token"` and `description` as the challenge's
 * `error_description`, and the same description in the JSON body (RFC 6750 §3.1). The description is the server
 * author's text, sent to the client as it is: never put the token or a claim value in it. It is checked when the
 * error is built: text that could not be written into the challenge is a `TypeError` here, not a broken answer later.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 RFC 6750 §3.1 (invalid_token)
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3 (the characters of error_description)
 * @example
 * ```ts
 * import { InvalidTokenError } from '@authheaders/bearer';
 * import { withBearerAuth } from '@authheaders/bearer/fetch';
 *
 * declare function introspect(token: string): Promise<{ active: boolean; subject: string; scopes: string[] }>;
 *
 * const handler = withBearerAuth(async (_request, auth) => Response.json(auth), {
 *   validateToken: async (token) => {
 *     const info = await introspect(token);
 *     if (!info.active) throw new InvalidTokenError('The access token was revoked.');
 *     return info;
 *   },
 * });
 * ```
 */
export class InvalidTokenError extends Error {
  override readonly name: string = 'InvalidTokenError';
  /** The RFC 6750 error code of the answer. */
  readonly code = 'invalid_token';
  /** The `error_description` sent: printable US-ASCII without `"` and `\` (RFC 6750 §3). */
  readonly description: string;

  constructor(description = 'Invalid or expired access token.') {
    // error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ); the value is not echoed: it may be anything.
    if (typeof description !== 'string' || !isErrorText(description)) {
      throw new TypeError('description must be ASCII without " or \\ (RFC 6750 §3)');
    }
    super(description);
    this.description = description;
  }
}
