import { serializeChallenge } from './serialize-challenge';
import type { Credentials, SerializeOptions } from './types';

/**
 * Serializes credentials into an `Authorization` / `Proxy-Authorization` field value, with the same validation as
 * {@link serializeChallenges}. Errors name the field only, never the token or a value.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.4 RFC 9110 §11.4
 * @example
 * ```ts
 * serializeCredentials({ scheme: 'Bearer', token68: 'mF_9.B5f-4.1JqM', params: {} }); // 'Bearer mF_9.B5f-4.1JqM'
 * ```
 */
export function serializeCredentials(credentials: Credentials, options?: SerializeOptions): string {
  return serializeChallenge(credentials, options, 'credentials');
}
