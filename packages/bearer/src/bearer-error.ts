/**
 * Error codes of a Bearer (or DPoP) challenge.
 *
 * - `invalid_request`, `invalid_token`, `insufficient_scope`: RFC 6750 §3.1
 * - `invalid_dpop_proof`, `use_dpop_nonce`: RFC 9449 §7.1, §8 and §9
 * - `insufficient_user_authentication`: RFC 9470 §3
 *
 * Any other registered code may be given as a string.
 */
export type BearerErrorCode =
  | 'invalid_request'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  | 'insufficient_user_authentication'
  | (string & {});

/**
 * The HTTP status that goes with a Bearer error code: `invalid_request` → 400, `insufficient_scope` → 403, every
 * other code (`invalid_token`, DPoP and step-up errors included), and none (a request without credentials, RFC 6750
 * §3.1), → 401.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 RFC 6750 §3.1
 * @see https://www.rfc-editor.org/rfc/rfc9470#section-3 RFC 9470 §3 (insufficient_user_authentication is a 401)
 * @example
 * ```ts
 * bearerErrorStatus('insufficient_scope'); // 403
 * ```
 */
export function bearerErrorStatus(error: BearerErrorCode | undefined): 400 | 401 | 403 {
  if (error === 'invalid_request') return 400;
  if (error === 'insufficient_scope') return 403;
  return 401;
}
