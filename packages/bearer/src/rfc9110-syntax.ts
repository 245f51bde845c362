/**
 * RFC 9110 §5.6 rules the token resolver and the Hono adapter both apply to header names and values.
 *
 * ```text
 * field-name = token
 * token      = 1*tchar
 * tchar      = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
 * OWS        = *( SP / HTAB )
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2 RFC 9110 §5.6.2
 */
export const TOKEN_CHARS = /^[!#$%&'*+\-.^`|~\w]+$/;

/**
 * `value` without leading and trailing SP and HTAB, the only optional whitespace (RFC 9110 §5.6.3). JavaScript's
 * `trim` would also drop NBSP, line separators and BOMs, turning `good<U+00A0>` into a valid token.
 */
export function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value.charCodeAt(start) === 0x20 || value.charCodeAt(start) === 0x09)) start++;
  while (end > start && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x09)) end--;
  return value.slice(start, end);
}
