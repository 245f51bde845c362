/**
 * The `error` codes a client of a protected resource knows how to act on, and where each is registered:
 *
 * - RFC 6750 §3.1: `invalid_request` (400), `invalid_token` (401: sign in again), `insufficient_scope` (403: ask
 *   for the `scope` the challenge names);
 * - RFC 9470 §3: `insufficient_user_authentication` (401: sign in again with `acr_values` / `max_age`);
 * - RFC 9449 §7 and §9: `invalid_dpop_proof`, `use_dpop_nonce` (DPoP).
 *
 * A code outside this list (`Unauthorized`, `missing_auth_header`, `missing_required_scopes`) is one no client
 * switches on: an MCP client's step-up on 403 waits for `insufficient_scope` and never fires.
 */
export const REGISTERED_ERROR_CODES: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_token',
  'insufficient_scope',
  'insufficient_user_authentication',
  'invalid_dpop_proof',
  'use_dpop_nonce',
]);
