import { serializeChallenges, type Challenge } from '@authheaders/www-authenticate';
import type { BearerErrorCode } from './bearer-error';
import { parseSecureUrl, secureUrl } from './is-loopback-host';
import { isErrorText, isErrorUriText, isFieldText, joinScope } from './rfc6750-syntax';
import { snakeCase } from './snake-case';

/**
 * What a Bearer (RFC 6750) or DPoP (RFC 9449) challenge says. Every option is optional; `undefined` is the same as
 * leaving it out.
 */
export interface BearerChallengeOptions {
  /** The protection space (RFC 9110 §11.5): US-ASCII visible characters, SP and HTAB. */
  realm?: string | undefined;
  /** Scope needed, as one space-separated string or a list of scope-tokens (RFC 6750 §3). */
  scope?: string | readonly string[] | undefined;
  /** Error code (RFC 6750 §3.1, RFC 9449, RFC 9470). Leave it out when the request had no credentials. */
  error?: BearerErrorCode | undefined;
  /** Human-readable text, US-ASCII without `"` and `\` (RFC 6750 §3). */
  errorDescription?: string | undefined;
  /** Absolute https URI of a page about the error (RFC 6750 §3), without userinfo. */
  errorUri?: string | URL | undefined;
  /** URL of the protected resource metadata document (RFC 9728 §5.1): https, or http on a loopback host; no userinfo. */
  resourceMetadata?: string | URL | undefined;
  /** DPoP only: JWS algorithms the server accepts for proofs (RFC 9449 §7.1). */
  algs?: readonly string[] | undefined;
  /** Step-up: acceptable authentication context classes (RFC 9470 §3). */
  acrValues?: string | readonly string[] | undefined;
  /** Step-up: the most seconds since the user last authenticated (RFC 9470 §3). */
  maxAge?: number | undefined;
  /** Any other extension parameter; names must not repeat the ones above; values as `realm`. */
  params?: Readonly<Record<string, string>> | undefined;
}

/** error and error_description: `1*( %x20-21 / %x23-5B / %x5D-7E )` (RFC 6750 §3). */
function errorText(value: string, field: string): string {
  if (!isErrorText(value)) throw new TypeError(`${field} must be ASCII without " or \\ (RFC 6750 §3)`);
  return value;
}

/**
 * A value written into a header field: visible US-ASCII, SP and HTAB only (RFC 9110 §5.5 without obs-text, which
 * Node and browsers refuse to send).
 */
function fieldText(value: string, field: string): string {
  if (!isFieldText(value)) throw new TypeError(`${field} must be ASCII VCHAR, SP or HTAB (RFC 9110 §5.5)`);
  return value;
}

type Scheme = 'Bearer' | 'DPoP';

/**
 * How each typed option is checked and written, in the usual order of a challenge. The parameter's name is the
 * option's name in snake_case.
 */
const PARAMS: Record<string, (value: never, option: string, scheme: Scheme) => string> = {
  realm: fieldText,
  error: errorText,
  errorDescription: errorText,
  errorUri: (uri: string | URL) => {
    const text = String(uri);
    if (!isErrorUriText(text) || parseSecureUrl(text)?.protocol !== 'https:') throw new TypeError('errorUri must be an https URI (RFC 6750 §3)');
    return text;
  },
  scope: joinScope,
  resourceMetadata: secureUrl,
  algs: (algs: readonly string[], option, scheme) => {
    if (scheme !== 'DPoP') throw new TypeError('algs is for dpopChallenge only (RFC 9449 §7.1)');
    return joinScope(algs, option);
  },
  acrValues: joinScope,
  maxAge: (maxAge: number) => {
    if (!Number.isSafeInteger(maxAge) || maxAge < 0) throw new TypeError('maxAge must be whole seconds >= 0 (RFC 9470 §3)');
    return String(maxAge);
  },
};

const TYPED_NAMES = Object.keys(PARAMS).map(snakeCase);

function buildChallenge(scheme: Scheme, options: BearerChallengeOptions): Challenge {
  const params = Object.create(null) as Record<string, string>;
  for (const [option, write] of Object.entries(PARAMS)) {
    const value = options[option as keyof BearerChallengeOptions];
    if (value !== undefined) params[snakeCase(option)] = write(value as never, option, scheme);
  }
  for (const [name, value] of Object.entries(options.params ?? {})) {
    if (TYPED_NAMES.includes(name.toLowerCase())) {
      throw new TypeError(`params.${name} has its own option`);
    }
    params[name] = fieldText(value, `params.${name}`);
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
