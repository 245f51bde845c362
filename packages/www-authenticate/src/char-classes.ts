/**
 * One table of character classes for every rule the parser and serializer need, built once.
 * Each entry of {@link CHAR_CLASSES} is a bit set of the flags below, for the 128 US-ASCII code points; code points
 * from 0x80 up are obs-text (RFC 9110 §5.5) and handled by {@link isObsText}.
 */

/**
 * ```text
 * tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2 RFC 9110 §5.6.2
 */
export const TCHAR = 1;

/**
 * The characters of token68 before its padding.
 * ```text
 * token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.2 RFC 9110 §11.2
 */
export const TOKEN68 = 2;

/**
 * The US-ASCII part of qdtext (obs-text is added by {@link isObsText}).
 * ```text
 * qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4 RFC 9110 §5.6.4
 */
export const QDTEXT = 4;

/**
 * What may follow a backslash, US-ASCII part.
 * ```text
 * quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4 RFC 9110 §5.6.4
 */
export const QUOTED_PAIR = 8;

/**
 * ```text
 * OWS = *( SP / HTAB )
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.3 RFC 9110 §5.6.3
 */
export const WHITESPACE = 16;

/**
 * The separator of a list: with OWS, what an empty list element is made of (RFC 9110 §5.6.1).
 * ```text
 * #element = [ element ] *( OWS "," OWS [ element ] )
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.1 RFC 9110 §5.6.1
 */
export const COMMA_CLASS = 32;

/**
 * What an unquoted value may hold in lenient mode, beyond a token: qdtext but OWS and `,` (so no `"`, `\` or
 * control character either), as in `uri=https://example.com/a?b=c`. A deviation from `token / quoted-string`, listed
 * in the package README's lenient policy.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.2 RFC 9110 §11.2
 */
export const LENIENT_VALUE = 64;

/**
 * Empty list elements, OWS and commas: a recipient ignores them (RFC 9110 §5.6.1). `WHITESPACE | COMMA_CLASS`, written
 * as a literal so a bundler inlines it (a test checks the two agree).
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.1 RFC 9110 §5.6.1
 */
export const EMPTY_ELEMENTS = 48;

export const SP = 0x20;
export const DQUOTE = 0x22;
export const COMMA = 0x2c;
export const EQUALS = 0x3d;
export const BACKSLASH = 0x5c;

/**
 * The flags of code points 0 to 127, one character each, encoded as `"/".charCodeAt(0) + flags`. The string is
 * written out rather than computed so the table costs a few bytes in a bundle; `char-classes.test.ts` checks every
 * entry against the ABNF above, and says how to regenerate it.
 */
const ENCODED_TABLE =
  '/////////K//////////////////////K|7|||||{{|~[~~}~~~~~~~~~~{{{{{{{~~~~~~~~~~~~~~~~~~~~~~~~~~{7{|~|~~~~~~~~~~~~~~~~~~~~~~~~~~{|{~/';

/**
 * Bit flags per US-ASCII code point: {@link TCHAR}, {@link TOKEN68}, {@link QDTEXT}, {@link QUOTED_PAIR},
 * {@link WHITESPACE}, {@link COMMA_CLASS}, {@link LENIENT_VALUE}.
 */
export const CHAR_CLASSES: Uint8Array = Uint8Array.from(ENCODED_TABLE, (char) => char.charCodeAt(0) - 47);

/**
 * The classes of every code point from 0x80 up: obs-text = %x80-FF (RFC 9110 §5.5) may stand in qdtext and after a
 * backslash (and so in a lenient unquoted value), nowhere else. JavaScript strings may also carry code points above
 * U+00FF when a caller decoded the field as UTF-8; they are treated as obs-text too, so such values survive a
 * parse/serialize round trip. `QDTEXT | QUOTED_PAIR | LENIENT_VALUE`, written as a literal so a bundler inlines it (a
 * test checks the two agree).
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.5 RFC 9110 §5.5
 */
export const OBS_TEXT = 76;

/**
 * Non-zero (the flags it has of `classes`) when the character `code` belongs to one of `classes` (a union of the flags
 * above), else 0. A number rather than a boolean: every caller only tests it, and the bundle is smaller.
 */
export function hasClass(code: number, classes: number): number {
  return (CHAR_CLASSES[code] ?? OBS_TEXT) & classes;
}

/**
 * Returns the position after the run of characters of `classes` that starts at `i` (`i` itself when there is none).
 * Every scan of the parser is this loop: `skipClass(s, i, WHITESPACE)` is OWS (RFC 9110 §5.6.3), `TCHAR` a token
 * (§5.6.2), `WHITESPACE | COMMA_CLASS` the empty elements of a list (§5.6.1), `QDTEXT` a run of qdtext (§5.6.4).
 */
export function skipClass(s: string, i: number, classes: number): number {
  while (i < s.length && hasClass(s.charCodeAt(i), classes)) i++;
  return i;
}

/** True when `value` is a string and a non-empty token (RFC 9110 §5.6.2). */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && value > '' && skipClass(value, 0, TCHAR) === value.length;
}

/**
 * True when `value` matches token68 (RFC 9110 §11.2): at least one token68 character, then only `=` padding.
 * The two character sets are disjoint, so the pattern cannot backtrack.
 */
export function isToken68(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.~+/-]+=*$/.test(value);
}
