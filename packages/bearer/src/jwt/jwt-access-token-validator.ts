import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  jwtVerify,
  type FetchImplementation,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
// By the package's name, like the adapters: the engine of /fetch and /node recognizes this very class in ESM and
// CommonJS alike (a relative import would give CommonJS a copy of its own).
import { InsufficientUserAuthenticationError } from '@authheaders/bearer';
import { parseSecureUrl } from '../is-loopback-host';
import { readBoundedBytes } from '../read-bounded-body';
import { JwtAccessTokenError, type JwtAccessTokenFailure } from './jwt-access-token-error';

/**
 * The asymmetric JWS algorithms (RFC 7518 §3.1, RFC 8037) a resource may accept. `none` and the HMAC algorithms
 * are not among them: a resource holds only the authorization server's public keys, and accepting `HS256` with a
 * public key as the secret is the classic algorithm-confusion forgery.
 */
export const ASYMMETRIC_JWS_ALGORITHMS: readonly string[] = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519',
];

/** Options of {@link jwtAccessTokenValidator}. */
export interface JwtAccessTokenValidatorOptions {
  /** The authorization server's issuer identifier, compared exactly with `iss` (RFC 9068 §4, RFC 8414 §2). */
  issuer: string;
  /** This resource's identifier (RFC 8707), or several: `aud` must contain one (RFC 9068 §4). */
  audience: string | readonly string[];
  /**
   * The signing keys: the authorization server's `jwks_uri` (fetched on first use, cached, refetched when a token
   * names an unknown `kid`, at most every 30 s, so key rotation needs no restart; https, or http on loopback only),
   * a local JWK Set, or a key resolver of your own (for example a shared `createRemoteJWKSet` of `jose`).
   */
  jwks: string | URL | JSONWebKeySet | JWTVerifyGetKey;
  /** The JWS algorithms accepted. Default: every asymmetric one; `none` and `HS*` are refused at construction. */
  algorithms?: readonly string[];
  /** Seconds of clock skew allowed when checking `exp`, `nbf` and `auth_time`. Default 0. */
  clockToleranceSec?: number;
  /**
   * Step-up (RFC 9470): the authentication context classes accepted. A token whose `acr` is not one of them is
   * refused with 401 `insufficient_user_authentication` and `acr_values` in the challenge.
   */
  acrValues?: readonly string[];
  /**
   * Step-up (RFC 9470): the longest time since the user authenticated, in seconds. A token whose `auth_time` is
   * older (or absent) is refused with 401 `insufficient_user_authentication` and `max_age` in the challenge.
   */
  maxAgeSec?: number;
  /** The current time; a test seam. Default `() => new Date()`. */
  currentDate?: () => Date;
}

/** What a verified JWT access token grants; the auth info the middleware hands to the handler. */
export interface JwtAccessTokenInfo {
  /** `sub`: the user, or the client for a client-credentials token (RFC 9068 §2.2). */
  subject: string;
  /** `scope`, split on spaces (RFC 9068 §2.2.3, RFC 6749 §3.3); empty when absent. */
  scopes: string[];
  /** `client_id` (RFC 9068 §2.2). */
  clientId: string;
  /** `exp`, in seconds since the epoch. */
  expiresAt: number;
  /** Every claim of the verified token, for what the fields above do not cover. */
  claims: JWTPayload;
  /**
   * The token's confirmation (RFC 7800 §3.1), when it is bound to a DPoP key: `jkt`, the key's RFC 7638
   * thumbprint (RFC 9449 §6.1). With the middleware's `dpop` option it is accepted only with a proof by that key.
   */
  cnf?: { jkt: string };
  [member: string]: unknown;
}

/** jose's error codes, read by value so two copies of jose still map. */
const FAILURES: Readonly<Record<string, JwtAccessTokenFailure>> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JOSE_ALG_NOT_ALLOWED: 'algorithm_not_allowed',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'bad_signature',
  ERR_JWKS_NO_MATCHING_KEY: 'unknown_key',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'unknown_key',
  ERR_JWK_INVALID: 'unknown_key',
  ERR_JWKS_TIMEOUT: 'keys_unavailable',
  ERR_JWKS_INVALID: 'keys_unavailable',
  ERR_JWS_INVALID: 'malformed',
  ERR_JWT_INVALID: 'malformed',
  ERR_JOSE_NOT_SUPPORTED: 'malformed',
};

/** The claim checks jose reports as ERR_JWT_CLAIM_VALIDATION_FAILED, by the claim (or header) that failed. */
const CLAIM_FAILURES: Readonly<Record<string, JwtAccessTokenFailure>> = {
  typ: 'wrong_type',
  iss: 'wrong_issuer',
  aud: 'wrong_audience',
  nbf: 'not_yet_valid',
  iat: 'not_yet_valid',
};

/** The `error_description` of a step-up refusal: fixed, like every other. */
export const STEP_UP_DESCRIPTION = 'This request needs a stronger or more recent sign-in.';

/** RFC 9068 §2.2: the claims every JWT access token carries. */
const REQUIRED_CLAIMS = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'];

/** Which check a jose error (or anything else thrown while verifying) stands for. */
function failureOf(error: unknown): JwtAccessTokenFailure {
  const { code, claim, reason } = (error ?? {}) as { code?: unknown; claim?: unknown; reason?: unknown };
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    if (reason === 'missing') return 'missing_claim';
    if (reason === 'invalid') return 'invalid_claim';
    return CLAIM_FAILURES[String(claim)] ?? 'invalid_claim';
  }
  // Anything else (the key endpoint unreachable or answering garbage) means the token could not be checked.
  return (typeof code === 'string' && FAILURES[code]) || 'keys_unavailable';
}

/** A JWK Set is a few kilobytes; an answer larger than this is not read into memory (RFC 7517 §5). */
const MAX_JWKS_BYTES = 1_048_576;

/**
 * `fetch` for jose's remote key set, reading at most {@link MAX_JWKS_BYTES} of a 200 answer: jose reads the whole
 * body, so a key endpoint that answers 100 MB would be buffered on every refetch. A larger answer fails like an
 * unreachable one (`keys_unavailable`). jose's own options (no redirects, its timeout signal) pass through.
 */
const boundedFetch: FetchImplementation = async (url, init) => {
  const response = await fetch(url, init);
  if (response.status !== 200 || response.body === null) return response;
  const bytes = await readBoundedBytes(response.body, MAX_JWKS_BYTES);
  if (bytes === undefined) throw new RangeError(`the JWK Set is larger than ${MAX_JWKS_BYTES} bytes`);
  return new Response(bytes, { status: 200, headers: response.headers });
};

function keyResolver(jwks: JwtAccessTokenValidatorOptions['jwks']): JWTVerifyGetKey {
  if (typeof jwks === 'function') return jwks;
  if (typeof jwks === 'string' || jwks instanceof URL) {
    const url = parseSecureUrl(jwks);
    if (url === undefined) throw new TypeError('jwks must be an absolute https URL (http only for loopback hosts)');
    return createRemoteJWKSet(url, { [customFetch]: boundedFetch });
  }
  if (jwks === null || typeof jwks !== 'object' || !Array.isArray(jwks.keys)) {
    throw new TypeError('jwks must be a jwks_uri, a JWK Set ({ keys: [...] }) or a key resolver');
  }
  return createLocalJWKSet(jwks);
}

function algorithmList(algorithms: readonly string[] | undefined): string[] {
  if (algorithms === undefined) return [...ASYMMETRIC_JWS_ALGORITHMS];
  if (!Array.isArray(algorithms) || algorithms.length === 0) throw new TypeError('algorithms must be a non-empty array');
  for (const alg of algorithms) {
    if (!ASYMMETRIC_JWS_ALGORITHMS.includes(alg)) {
      throw new TypeError('algorithms may hold only asymmetric JWS algorithms (no none, no HS*): RFC 9068 §4, RFC 8725 §3.1');
    }
  }
  return [...algorithms];
}

function nonNegative(value: number | undefined, field: string): number | undefined {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new TypeError(`${field} must be a finite number ≥ 0`);
  return value;
}

/** `scope` split on SP (RFC 6749 §3.3); undefined when it is not a string. */
function scopeList(scope: unknown): string[] | undefined {
  if (scope === undefined) return [];
  if (typeof scope !== 'string') return undefined;
  return scope.split(' ').filter((s) => s !== '');
}

/**
 * Builds a `validateToken` for JWT access tokens (RFC 9068), for `bearerAuth` / `withBearerAuth`. It checks what
 * RFC 9068 §4 asks: the `typ` header is `at+jwt` (`application/at+jwt` accepted), the algorithm is one allowed
 * (never `none` nor HMAC), the signature against the issuer's keys, `iss`, `aud` (the resource, RFC 8707), `exp`
 * and `nbf` with the clock tolerance, and the RFC 9068 §2.2 claims are present. Then the step-up policy, when
 * given (RFC 9470).
 *
 * A refused token throws {@link JwtAccessTokenError} (401 `invalid_token`, fixed description), or
 * `InsufficientUserAuthenticationError` for a step-up (401 `insufficient_user_authentication` with `acr_values` /
 * `max_age`). No message holds the token or a claim value. Options are checked here, at construction.
 *
 * Needs `jose` (6.x), an optional peer dependency of this entry only.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4 RFC 9068 §4 (validating JWT access tokens)
 * @see https://www.rfc-editor.org/rfc/rfc9470#section-3 RFC 9470 §3 (step-up)
 * @example
 * ```ts
 * import { bearerAuth } from '@authheaders/bearer/node';
 * import { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
 *
 * const middleware = bearerAuth({
 *   requiredScopes: ['mcp:read'],
 *   resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource/mcp',
 *   validateToken: jwtAccessTokenValidator({
 *     issuer: 'https://auth.example.com',
 *     audience: 'https://api.example.com/mcp',
 *     jwks: 'https://auth.example.com/jwks',
 *     algorithms: ['ES256', 'RS256'],
 *   }),
 * });
 * ```
 */
export function jwtAccessTokenValidator(options: JwtAccessTokenValidatorOptions): (token: string) => Promise<JwtAccessTokenInfo> {
  if (typeof options?.issuer !== 'string' || options.issuer === '') throw new TypeError('issuer must be a non-empty string');
  const audience = typeof options.audience === 'string' ? [options.audience] : options.audience;
  if (!Array.isArray(audience) || audience.length === 0 || audience.some((a) => typeof a !== 'string' || a === '')) {
    throw new TypeError('audience must be a non-empty string or array of strings');
  }
  const getKey = keyResolver(options.jwks);
  const algorithms = algorithmList(options.algorithms);
  const clockTolerance = nonNegative(options.clockToleranceSec, 'clockToleranceSec') ?? 0;
  const maxAge = nonNegative(options.maxAgeSec, 'maxAgeSec');
  // A bare string would be spread into its characters: acrValues: 'mfa' would accept the acr 'm', 'f' or 'a' only.
  if (options.acrValues !== undefined && !Array.isArray(options.acrValues)) throw new TypeError('acrValues must be a non-empty array of non-empty strings');
  const acrValues = options.acrValues === undefined ? undefined : [...options.acrValues];
  if (acrValues !== undefined && (acrValues.length === 0 || acrValues.some((v) => typeof v !== 'string' || v === ''))) {
    throw new TypeError('acrValues must be a non-empty array of non-empty strings');
  }
  const stepUp = acrValues === undefined && maxAge === undefined ? undefined : {
    ...(acrValues === undefined ? {} : { acrValues }),
    ...(maxAge === undefined ? {} : { maxAge }),
    description: STEP_UP_DESCRIPTION,
  };
  // Build the step-up refusal once now: values that cannot be written into a challenge fail here, not per request.
  if (stepUp !== undefined) new InsufficientUserAuthenticationError(stepUp);
  const currentDate = options.currentDate ?? (() => new Date());
  const verifyOptions = { issuer: options.issuer, audience: [...audience], algorithms, clockTolerance, typ: 'at+jwt', requiredClaims: REQUIRED_CLAIMS };

  return async (token) => {
    const now = currentDate();
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, getKey, { ...verifyOptions, currentDate: now }));
    } catch (error) {
      // Never chain jose's error: its `payload` field holds the token's claims.
      throw new JwtAccessTokenError(failureOf(error));
    }
    const scopes = scopeList(claims.scope);
    const { sub, client_id: clientId, exp } = claims;
    if (scopes === undefined || typeof sub !== 'string' || typeof clientId !== 'string' || typeof exp !== 'number') {
      throw new JwtAccessTokenError('invalid_claim');
    }
    if (stepUp !== undefined) {
      const acrOk = acrValues === undefined || (typeof claims.acr === 'string' && acrValues.includes(claims.acr));
      const authTime = claims.auth_time;
      const ageOk =
        maxAge === undefined || (typeof authTime === 'number' && now.getTime() / 1000 - authTime <= maxAge + clockTolerance);
      if (!acrOk || !ageOk) throw new InsufficientUserAuthenticationError(stepUp);
    }
    // A cnf that is not an object, or a jkt that is not a string, cannot be proven: a malformed claim, never unbound.
    const { cnf } = claims as { cnf?: { jkt?: unknown } };
    if (cnf !== undefined && (cnf === null || typeof cnf !== 'object' || (cnf.jkt !== undefined && (typeof cnf.jkt !== 'string' || cnf.jkt === '')))) {
      throw new JwtAccessTokenError('invalid_claim');
    }
    const jkt = cnf?.jkt as string | undefined;
    return { subject: sub, scopes, clientId, expiresAt: exp, claims, ...(jkt === undefined ? {} : { cnf: { jkt } }) };
  };
}
