import { refuse } from './refuse';
import { serializeChallenge } from './serialize-challenge';
import type { Challenge, SerializeOptions } from './types';

/**
 * Serializes one or more challenges into a `WWW-Authenticate` / `Proxy-Authenticate` field value.
 *
 * The result always parses back, strictly, to the same challenges: anything that would not (a non-token scheme or
 * name, a bad token68, token68 with params, a repeated name, CR/LF or another control character in a value) is a
 * `TypeError` naming the field, never quoting the value. Values are quoted only when they are not tokens, except
 * `realm`, which is always quoted (RFC 9110 §11.5); `quote: 'always'` quotes every value.
 *
 * A field needs at least one challenge (`1#challenge`, RFC 9110 §11.6.1): an empty list is a `TypeError`, because an
 * empty `WWW-Authenticate` is exactly the bug of a 401 that does not say how to authenticate.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1 RFC 9110 §11.6.1
 * @example
 * ```ts
 * serializeChallenges([
 *   { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token', error_description: 'The token expired' } },
 *   { scheme: 'Basic', params: { realm: 'api' } },
 * ]);
 * // 'Bearer realm="api", error=invalid_token, error_description="The token expired", Basic realm="api"'
 * ```
 */
export function serializeChallenges(challenges: Challenge | readonly Challenge[], options?: SerializeOptions): string {
  const list = [challenges].flat(); // one challenge or a list of them
  if (!list.length) refuse('challenges', 'not be empty');
  return list.map((challenge, i) => serializeChallenge(challenge, options, `challenges[${i}]`)).join(', ');
}
