/**
 * Character sets RFC 6750 §3 puts on Bearer challenge attribute values.
 *
 * ```text
 * scope       = scope-token *( SP scope-token )
 * scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
 * error, error_description: 1*( %x20-21 / %x23-5B / %x5D-7E )
 * error_uri:   1*( %x21 / %x23-5B / %x5D-7E )   (and a URI)
 * ```
 * Each pattern is a single character class, so matching is linear.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 */
export function isScopeToken(value: string): boolean {
  return /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(value);
}

export function isErrorText(value: string): boolean {
  return /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/.test(value);
}

/** error_uri has the character set of a scope-token. */
export const isErrorUriText = isScopeToken;

/** Splits a space-separated list (scope, algs, acr_values) into its non-empty items. */
export function splitSpaceList(value: string | undefined): string[] {
  return (value ?? '').split(' ').filter((item) => item !== '');
}

/** Visible US-ASCII, SP and HTAB: what a server may write into a header field (RFC 9110 §5.5, no obs-text). */
export function isFieldText(value: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(value);
}

/** A list of scope-tokens (RFC 6749 §3.3, RFC 6750 §3) joined by SP; a TypeError naming `field` otherwise. */
export function joinScope(scope: string | readonly string[], field: string): string {
  const tokens = typeof scope === 'string' ? splitSpaceList(scope) : scope;
  if (tokens.length === 0 || tokens.some((token) => typeof token !== 'string' || !isScopeToken(token))) {
    throw new TypeError(`${field} must be scope-tokens (RFC 6750 §3)`);
  }
  return tokens.join(' ');
}
