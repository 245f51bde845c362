/**
 * True when `value` is a b64token, the syntax of a Bearer access token in the Authorization header.
 *
 * ```text
 * b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * ```
 * The two character sets are disjoint, so the pattern cannot backtrack.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 RFC 6750 §2.1
 */
export function isB64token(value: string): boolean {
  return /^[\w\-.~+/]+=*$/.test(value);
}
