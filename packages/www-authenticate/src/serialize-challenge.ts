import { isToken, isToken68 } from './char-classes';
import type { Challenge, SerializeOptions } from './types';

function refuse(field: string, problem: string): never {
  throw new TypeError(field + problem);
}

/**
 * Writes `value` as an auth-param value: a token when it is one and quoting is not forced, else a quoted-string with
 * `"` and `\` escaped (RFC 9110 §5.6.4). Refuses what no field value can carry: CR, LF, NUL and every other control
 * character but HTAB (RFC 9110 §5.5), and obs-text when `asciiOnly` is set.
 *
 * `field` names the value in the TypeError; the value itself is never put in a message (it may be a secret).
 */
export function serializeParamValue(value: unknown, forceQuotes: boolean, asciiOnly: boolean, field: string): string {
  if (typeof value !== 'string') refuse(field, ' must be a string');
  if (!forceQuotes && isToken(value)) return value;
  // Single character classes: each test is one linear pass, with no backtracking possible.
  if (/[\0-\x08\n-\x1f\x7f]/.test(value)) refuse(field, ' has a control character');
  if (asciiOnly && /[^\0-\x7f]/.test(value)) refuse(field, ' has non-ASCII (asciiOnly)');
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Writes one challenge or credentials value: `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.3, §11.4).
 *
 * Validates what would not parse back: the scheme and parameter names must be tokens, token68 must match token68,
 * a token68 cannot come with params, and no name may repeat (compared case-insensitively, RFC 9110 §11.2). `realm`
 * is always a quoted-string (RFC 9110 §11.5). Params are written in their object's key order.
 */
export function serializeChallenge(challenge: Challenge, options: SerializeOptions | undefined, field: string): string {
  const { scheme, token68, params } = challenge ?? refuse(field, ' must be an object');
  if (typeof scheme !== 'string' || !isToken(scheme)) refuse(field, '.scheme must be a token');
  if (typeof params !== 'object') refuse(field, '.params must be an object');
  const names = Object.keys(params ?? {});
  if (token68 !== undefined) {
    if (typeof token68 !== 'string' || !isToken68(token68)) refuse(field, '.token68 must be token68');
    if (names.length > 0) refuse(field, ' has both token68 and params');
    return `${scheme} ${token68}`;
  }
  const seen = new Set<string>();
  let out = scheme;
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!isToken(name)) refuse(field, '.params has a name that is not a token');
    if (seen.has(lower)) refuse(field, `.params names "${lower}" twice`);
    seen.add(lower);
    const value = serializeParamValue(
      params[name],
      options?.quote === 'always' || lower === 'realm',
      options?.asciiOnly === true,
      `${field}.params["${name}"]`,
    );
    out += `${seen.size === 1 ? ' ' : ', '}${name}=${value}`;
  }
  return out;
}
