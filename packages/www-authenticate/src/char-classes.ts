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

export const HTAB = 0x09;
export const SP = 0x20;
export const DQUOTE = 0x22;
export const COMMA = 0x2c;
export const EQUALS = 0x3d;
export const BACKSLASH = 0x5c;
export const DEL = 0x7f;

/**
 * The flags of code points 0 to 127, one character each, encoded as `"0".charCodeAt(0) + flags`. The string is
 * written out rather than computed so the table costs a few bytes in a bundle; `char-classes.test.ts` checks every
 * entry against the ABNF above, and says how to regenerate it.
 */
const ENCODED_TABLE =
  '000000000L0000000000000000000000L=8=====<<=?<??>??????????<<<<<<<??????????????????????????<8<=?=??????????????????????????<=<?0';

/** Bit flags per US-ASCII code point: {@link TCHAR}, {@link TOKEN68}, {@link QDTEXT}, {@link QUOTED_PAIR}, {@link WHITESPACE}. */
export const CHAR_CLASSES: Uint8Array = Uint8Array.from(ENCODED_TABLE, (char) => char.charCodeAt(0) - 48);

/**
 * obs-text = %x80-FF (RFC 9110 §5.5). JavaScript strings may also carry code points above U+00FF when a caller
 * decoded the field as UTF-8; they are treated as obs-text too, so such values survive a parse/serialize round trip.
 */
export function isObsText(code: number): boolean {
  return code >= 0x80;
}

/** OWS characters, SP and HTAB (RFC 9110 §5.6.3): the one whitespace test of the parser and of field-line trimming. */
export function isWhitespace(code: number): boolean {
  return code < 128 && (CHAR_CLASSES[code]! & WHITESPACE) !== 0;
}

export function isTchar(code: number): boolean {
  return code < 128 && (CHAR_CLASSES[code]! & TCHAR) !== 0;
}

/** True when `value` is a non-empty token (RFC 9110 §5.6.2). */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    if (!isTchar(value.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * True when `value` matches token68 (RFC 9110 §11.2): at least one token68 character, then only `=` padding.
 * The two character sets are disjoint, so the pattern cannot backtrack.
 */
export function isToken68(value: string): boolean {
  return /^[\w\-.~+/]+=*$/.test(value);
}
