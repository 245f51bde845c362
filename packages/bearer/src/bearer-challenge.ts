import { serializeChallenges, type Challenge } from '@authheaders/www-authenticate';
import type { BearerErrorCode } from './bearer-error';
import { parseSecureUrl } from './is-loopback-host';
import { isErrorText, isErrorUriText, isScopeToken } from './rfc6750-syntax';

/** What a Bearer (RFC 6750) or DPoP (RFC 9449) challenge says. Every option is optional. */
export interface BearerChallengeOptions {
  /** The protection space (RFC 9110 §11.5). */
  realm?: string;
  /** Scope needed, as one space-separated string or a list of scope-tokens (RFC 6750 §3). */
  scope?: string | readonly string[];
  /** Error code (RFC 6750 §3.1, RFC 9449, RFC 9470). Leave it out when the request had no credentials. */
  error?: BearerErrorCode;
  /** Human-readable text, US-ASCII without `"` and `\` (RFC 6750 §3). */
  errorDescription?: string;
  /** Absolute URI of a page about the error (RFC 6750 §3). */
  errorUri?: string | URL;
  /** URL of the protected resource metadata document (RFC 9728 §5.1): https, or http on a loopback host. */
  resourceMetadata?: string | URL;
  /** DPoP only: JWS algorithms the server accepts for proofs (RFC 9449 §7.1). */
  algs?: readonly string[];
  /** Step-up: acceptable authentication context classes (RFC 9470 §3). */
  acrValues?: string | readonly string[];
  /** Step-up: the most seconds since the user last authenticated (RFC 9470 §3). */
  maxAge?: number;
  /** Any other extension parameter; names must not repeat the ones above. */
  params?: Readonly<Record<string, string>>;
}

const TYPED_NAMES = ['realm', 'error', 'error_description', 'error_uri', 'scope', 'resource_metadata', 'algs', 'acr_values', 'max_age'];

function joinScope(scope: string | readonly string[], field: string): string {
  const tokens = typeof scope === 'string' ? scope.split(' ').filter((s) => s.length > 0) : scope;
  if (tokens.length === 0) throw new TypeError(`${field} must hold at least one scope-token`);
  for (const token of tokens) {
    if (typeof token !== 'string' || !isScopeToken(token)) {
      throw new TypeError(`${field} holds a value that is not a scope-token (RFC 6750 §3: %x21 / %x23-5B / %x5D-7E)`);
    }
  }
  return tokens.join(' ');
}

function buildChallenge(scheme: 'Bearer' | 'DPoP', options: BearerChallengeOptions): Challenge {
  const params = Object.create(null) as Record<string, string>;
  if (options.realm !== undefined) params.realm = options.realm;
  if (options.error !== undefined) {
    if (!isErrorText(options.error)) throw new TypeError('error must be 1*( %x20-21 / %x23-5B / %x5D-7E ) (RFC 6750 §3)');
    params.error = options.error;
  }
  if (options.errorDescription !== undefined) {
    if (!isErrorText(options.errorDescription)) {
      throw new TypeError('errorDescription must be US-ASCII printable text without " and \\ (RFC 6750 §3)');
    }
    params.error_description = options.errorDescription;
  }
  if (options.errorUri !== undefined) {
    const uri = String(options.errorUri);
    if (!isErrorUriText(uri) || !URL.canParse(uri)) throw new TypeError('errorUri must be an absolute URI (RFC 6750 §3)');
    params.error_uri = uri;
  }
  if (options.scope !== undefined) params.scope = joinScope(options.scope, 'scope');
  if (options.resourceMetadata !== undefined) {
    const url = parseSecureUrl(options.resourceMetadata);
    if (url === undefined) {
      throw new TypeError('resourceMetadata must be an absolute https URL (http only for loopback hosts) (RFC 9728 §5.1)');
    }
    params.resource_metadata = url.href;
  }
  if (options.algs !== undefined) {
    if (scheme !== 'DPoP') throw new TypeError('algs belongs to the DPoP scheme (RFC 9449 §7.1): use dpopChallenge');
    params.algs = joinScope(options.algs, 'algs');
  }
  if (options.acrValues !== undefined) params.acr_values = joinScope(options.acrValues, 'acrValues');
  if (options.maxAge !== undefined) {
    if (!Number.isSafeInteger(options.maxAge) || options.maxAge < 0) {
      throw new TypeError('maxAge must be a whole number of seconds >= 0 (RFC 9470 §3)');
    }
    params.max_age = String(options.maxAge);
  }
  if (options.params !== undefined) {
    for (const name of Object.keys(options.params)) {
      if (TYPED_NAMES.includes(name.toLowerCase())) {
        throw new TypeError(`params.${name} repeats a typed option: set it through its own option`);
      }
      params[name] = options.params[name]!;
    }
  }
  const challenge: Challenge = { scheme, params };
  // Validate now, so a bad value fails where it was given rather than when the header is written.
  serializeChallenges(challenge, { quote: 'always' });
  return challenge;
}

/**
 * Builds a Bearer challenge (RFC 6750 §3) with its parameters in the usual order: realm, error, error_description,
 * error_uri, scope, resource_metadata, step-up parameters, then extensions. Every value is checked against the
 * character set its RFC gives; a value outside it is a `TypeError`, never a silently broken header.
 *
 * Serialize it with {@link serializeBearerChallenge} (every value a quoted-string, as RFC 6750 §3 writes them).
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-5.1 RFC 9728 §5.1
 * @see https://www.rfc-editor.org/rfc/rfc9470#section-3 RFC 9470 §3
 * @example
 * ```ts
 * serializeBearerChallenge(bearerChallenge({
 *   realm: 'api',
 *   error: 'insufficient_scope',
 *   scope: ['files:read', 'files:write'],
 *   resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource',
 * }));
 * // 'Bearer realm="api", error="insufficient_scope", scope="files:read files:write",
 * //  resource_metadata="https://api.example.com/.well-known/oauth-protected-resource"'
 * ```
 */
export function bearerChallenge(options: BearerChallengeOptions = {}): Challenge {
  return buildChallenge('Bearer', options);
}

/**
 * Builds a DPoP challenge (RFC 9449 §7.1): the same options as {@link bearerChallenge} plus `algs`. A server that
 * wants a fresh nonce answers with `error: 'use_dpop_nonce'` and a `DPoP-Nonce` header (RFC 9449 §9).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1 RFC 9449 §7.1
 * @example
 * ```ts
 * serializeBearerChallenge(dpopChallenge({ algs: ['ES256', 'EdDSA'], error: 'use_dpop_nonce' }));
 * // 'DPoP error="use_dpop_nonce", algs="ES256 EdDSA"'
 * ```
 */
export function dpopChallenge(options: BearerChallengeOptions = {}): Challenge {
  return buildChallenge('DPoP', options);
}

/**
 * Serializes challenges with every value as a quoted-string, the form RFC 6750 §3 uses and that the widest range of
 * clients reads.
 */
export function serializeBearerChallenge(challenges: Challenge | readonly Challenge[]): string {
  return serializeChallenges(challenges, { quote: 'always' });
}
