import { isToken, isToken68, QUOTED_PAIR, skipClass } from './char-classes';
import { refuse } from './refuse';
import type { Challenge, SerializeOptions } from './types';

/**
 * Writes one challenge or credentials value: `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.3, §11.4).
 *
 * Validates what would not parse back: the scheme and parameter names must be tokens, token68 must match token68,
 * a token68 cannot come with params, and no name may repeat (compared case-insensitively, RFC 9110 §11.2). Params
 * are written in their object's key order.
 *
 * A value is written as a token when it is one and quoting is not forced, else as a quoted-string with `"` and `\`
 * escaped (RFC 9110 §5.6.4). `realm` is always a quoted-string (RFC 9110 §11.5). Refused in a value: what no field
 * value can carry, CR, LF, NUL and every other control character but HTAB (RFC 9110 §5.5), and obs-text when
 * `asciiOnly` is set.
 *
 * `field` names the value in the TypeError; a value is never put in a message (it may be a secret).
 */
export function serializeChallenge(challenge: Challenge, options: SerializeOptions | undefined, field: string): string {
  const { scheme, token68, params } = challenge ?? refuse(field, 'be an object');
  if (!isToken(scheme)) refuse(`${field}.scheme`, 'be a token');
  if (typeof params !== 'object') refuse(`${field}.params`, 'be an object');
  const names = Object.keys(params ?? {});
  if (token68 !== undefined) {
    if (!isToken68(token68)) refuse(`${field}.token68`, 'be token68');
    if (names.length) refuse(field, 'not have both token68 and params');
    return `${scheme} ${token68}`;
  }
  const seen = new Set<string>();
  let out = scheme;
  for (const name of names) {
    const lower = name.toLowerCase();
    let value: unknown = params[name];
    if (!isToken(name)) refuse(`${field}.params`, 'have token names');
    if (seen.has(lower)) refuse(`${field}.params`, `not name "${lower}" twice`);
    seen.add(lower);
    if (options?.quote === 'always' || lower === 'realm' || !isToken(value)) {
      const where = `${field}.params["${name}"]`;
      // A quoted-string carries what a quoted-pair can: HTAB, SP, VCHAR and obs-text (RFC 9110 §5.6.4).
      if (typeof value !== 'string' || skipClass(value, 0, QUOTED_PAIR) < value.length) {
        refuse(where, 'be a string without control characters');
      }
      if (options?.asciiOnly && /[^\0-\x7f]/.test(value)) refuse(where, 'be ASCII (asciiOnly)');
      value = `"${value.replace(/["\\]/g, '\\$&')}"`;
    }
    out += `${out === scheme ? ' ' : ', '}${name}=${value}`;
  }
  return out;
}
