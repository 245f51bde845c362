import { BACKSLASH, DEL, DQUOTE, HTAB, isToken, isToken68 } from './char-classes';
import type { Challenge, SerializeOptions } from './types';

/**
 * Writes `value` as an auth-param value: a token when it is one and quoting is not forced, else a quoted-string with
 * `"` and `\` escaped (RFC 9110 §5.6.4). Refuses what no quoted-string can carry: CR, LF, NUL and every other control
 * character but HTAB (RFC 9110 §5.5), and obs-text when `asciiOnly` is set.
 *
 * `field` names the value in the TypeError; the value itself is never put in a message (it may be a secret).
 */
export function serializeParamValue(value: unknown, forceQuotes: boolean, asciiOnly: boolean, field: string): string {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string.`);
  if (!forceQuotes && isToken(value)) return value;
  let quoted = '"';
  let segmentStart = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== HTAB) || code === DEL) {
      throw new TypeError(`${field} contains a control character (CR, LF, NUL, ...), which no header may carry (RFC 9110 §5.5).`);
    }
    if (code >= 0x80 && asciiOnly) {
      throw new TypeError(`${field} contains a non-ASCII character and options.asciiOnly is set.`);
    }
    if (code === DQUOTE || code === BACKSLASH) {
      quoted += `${value.slice(segmentStart, i)}\\`;
      segmentStart = i;
    }
  }
  return `${quoted}${value.slice(segmentStart)}"`;
}

/**
 * Writes one challenge or credentials value: `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.3, §11.4).
 *
 * Validates what would not parse back: the scheme and parameter names must be tokens, token68 must match token68,
 * a token68 cannot come with params, and no name may repeat (compared case-insensitively, RFC 9110 §11.2). `realm`
 * is always a quoted-string (RFC 9110 §11.5). Params are written in their object's key order.
 */
export function serializeChallenge(challenge: Challenge, options: SerializeOptions | undefined, field: string): string {
  if (challenge === null || typeof challenge !== 'object') throw new TypeError(`${field} must be an object.`);
  const { scheme, token68, params } = challenge;
  if (typeof scheme !== 'string' || !isToken(scheme)) {
    throw new TypeError(`${field}.scheme must be a token (RFC 9110 §11.1).`);
  }
  const names = params === undefined || params === null ? [] : Object.keys(params);
  if (params !== undefined && params !== null && typeof params !== 'object') {
    throw new TypeError(`${field}.params must be an object.`);
  }
  if (token68 !== undefined) {
    if (typeof token68 !== 'string' || !isToken68(token68)) {
      throw new TypeError(`${field}.token68 must match token68 syntax (RFC 9110 §11.2).`);
    }
    if (names.length > 0) {
      throw new TypeError(`${field} has both token68 and params; a challenge carries one or the other (RFC 9110 §11.3).`);
    }
    return `${scheme} ${token68}`;
  }
  if (names.length === 0) return scheme;
  const alwaysQuote = options?.quote === 'always';
  const asciiOnly = options?.asciiOnly === true;
  const seen = new Set<string>();
  let out = `${scheme} `;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!isToken(name)) throw new TypeError(`${field}.params has a name that is not a token (RFC 9110 §11.2).`);
    const lower = name.toLowerCase();
    if (seen.has(lower)) {
      throw new TypeError(`${field}.params names "${lower}" twice (names are case-insensitive, RFC 9110 §11.2).`);
    }
    seen.add(lower);
    const value = serializeParamValue(
      (params as Record<string, unknown>)[name],
      alwaysQuote || lower === 'realm',
      asciiOnly,
      `${field}.params["${name}"]`,
    );
    out += i === 0 ? `${name}=${value}` : `, ${name}=${value}`;
  }
  return out;
}
