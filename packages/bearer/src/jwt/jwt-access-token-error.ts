// By the package's name, like the adapters: the engine of /fetch and /node recognizes the base class in ESM and
// CommonJS alike (a relative import would give CommonJS a copy of its own).
import { InvalidTokenError } from '@authheaders/bearer';

/**
 * Why a JWT access token was refused (RFC 9068 §4). Every reason answers 401 `invalid_token` (RFC 6750 §3.1).
 */
export type JwtAccessTokenFailure =
  | 'malformed'
  | 'wrong_type'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'bad_signature'
  | 'keys_unavailable'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'missing_claim'
  | 'invalid_claim';

/**
 * The fixed `error_description` of each failure. None holds a claim value or any part of the token: the client
 * learns which check failed, never what the token said.
 */
export const JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS: Readonly<Record<JwtAccessTokenFailure, string>> = {
  malformed: 'The access token is not a well-formed JWT.',
  wrong_type: 'The access token is not a JWT access token (typ at+jwt).',
  algorithm_not_allowed: 'The access token is signed with an algorithm this resource does not accept.',
  unknown_key: 'The access token is signed with an unknown key.',
  bad_signature: 'The access token signature is invalid.',
  keys_unavailable: 'The access token could not be verified: the signing keys are unavailable.',
  expired: 'The access token expired.',
  not_yet_valid: 'The access token is not valid yet.',
  wrong_issuer: 'The access token was issued by another authorization server.',
  wrong_audience: 'The access token is meant for another resource.',
  missing_claim: 'The access token lacks a required claim.',
  invalid_claim: 'The access token has a claim of the wrong type.',
};

/**
 * Thrown by the validator of {@link jwtAccessTokenValidator} for a token it refuses: an `InvalidTokenError`, so the
 * middleware answers 401 `invalid_token` (RFC 6750 §3.1) with `description`, the fixed text of
 * {@link JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS}, as the `error_description`; `failure` says which RFC 9068 §4 check
 * failed. It never holds the token, a claim value, or the underlying library error (whose fields may hold the
 * claims).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4 RFC 9068 §4
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 RFC 6750 §3.1
 * @example
 * ```ts
 * import { JwtAccessTokenError } from '@authheaders/bearer/jwt';
 *
 * const error = new JwtAccessTokenError('expired');
 * error.description; // 'The access token expired.'
 * ```
 */
export class JwtAccessTokenError extends InvalidTokenError {
  override readonly name = 'JwtAccessTokenError';
  /** Which check failed. */
  readonly failure: JwtAccessTokenFailure;

  constructor(failure: JwtAccessTokenFailure) {
    super(JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS[failure]);
    this.failure = failure;
  }
}
