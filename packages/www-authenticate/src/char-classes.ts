/**
 * One table of character classes for every rule the parser and serializer need, built once.
 * Each entry of {@link CHAR_CLASSES} is a bit set of the flags below, for the 128 US-ASCII code points; code points
 * from 0x80 up are obs-text (RFC 9110 §5.5) and handled by {@link isObsText}.
 */

/**
 * ```abnf
 * tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2 RFC 9110 §5.6.2
 */
export const TCHAR = 1;

/**
 * The characters of token68 before its padding.
 * ```abnf
 * token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.2 RFC 9110 §11.2
 */
export const TOKEN68 = 2;

/**
 * The US-ASCII part of qdtext (obs-text is added by {@link isObsText}).
 * ```abnf
 * qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4 RFC 9110 §5.6.4
 */
export const QDTEXT = 4;

/**
 * What may follow a backslash, US-ASCII part.
 * ```abnf
 * quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4 RFC 9110 §5.6.4
 */
export const QUOTED_PAIR = 8;

/**
 * ```abnf
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

function buildTable(): Uint8Array {
  const table = new Uint8Array(128);
  const tcharSymbols = "!#$%&'*+-.^_`|~";
  const token68Symbols = '-._~+/';
  for (let code = 0; code < 128; code++) {
    const char = String.fromCharCode(code);
    const alnum = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    const vchar = code >= 0x21 && code <= 0x7e;
    let flags = 0;
    if (alnum || tcharSymbols.includes(char)) flags |= TCHAR;
    if (alnum || token68Symbols.includes(char)) flags |= TOKEN68;
    if (code === HTAB || code === SP || (vchar && code !== DQUOTE && code !== BACKSLASH)) flags |= QDTEXT;
    if (code === HTAB || code === SP || vchar) flags |= QUOTED_PAIR;
    if (code === HTAB || code === SP) flags |= WHITESPACE;
    table[code] = flags;
  }
  return table;
}

/** Bit flags per US-ASCII code point: {@link TCHAR}, {@link TOKEN68}, {@link QDTEXT}, {@link QUOTED_PAIR}, {@link WHITESPACE}. */
export const CHAR_CLASSES: Uint8Array = buildTable();

/**
 * obs-text = %x80-FF (RFC 9110 §5.5). JavaScript strings may also carry code points above U+00FF when a caller
 * decoded the field as UTF-8; they are treated as obs-text too, so such values survive a parse/serialize round trip.
 */
export function isObsText(code: number): boolean {
  return code >= 0x80;
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

/** True when `value` matches token68 (RFC 9110 §11.2): at least one token68 character, then only `=` padding. */
export function isToken68(value: string): boolean {
  let i = 0;
  while (i < value.length) {
    const code = value.charCodeAt(i);
    if (code >= 128 || (CHAR_CLASSES[code]! & TOKEN68) === 0) break;
    i++;
  }
  if (i === 0) return false;
  while (i < value.length && value.charCodeAt(i) === EQUALS) i++;
  return i === value.length;
}
