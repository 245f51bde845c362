import { findChallenge, parseChallenges, type Challenge, type Diagnostic } from '@authheaders/www-authenticate';
import { parseSecureUrl } from './is-loopback-host';
import { splitSpaceList } from './rfc6750-syntax';

/** Where a client may find challenges. */
export type ChallengeSource =
  | string
  | readonly string[]
  | readonly Challenge[]
  | { get(name: string): string | null }
  | { headers: { get(name: string): string | null } }
  | null
  | undefined;

export interface ReadBearerChallengeOptions {
  /** The scheme to look for, compared case-insensitively. Default `'Bearer'`; `'DPoP'` reads a DPoP challenge. */
  scheme?: string;
  /** Which field to read from a `Headers` or `Response`. Default `'www-authenticate'`. */
  header?: 'www-authenticate' | 'proxy-authenticate';
}

/** A Bearer (or DPoP) challenge as a client reads it: typed fields plus every parameter it carried. */
export interface BearerChallengeInfo {
  /** The scheme as the server wrote it. */
  scheme: string;
  realm: string | undefined;
  /** The `scope` parameter split on spaces; `[]` when absent. */
  scope: string[];
  error: string | undefined;
  errorDescription: string | undefined;
  errorUri: string | undefined;
  /** `resource_metadata` (RFC 9728 §5.1) when it is an https URL (or http on loopback); the raw value stays in params. */
  resourceMetadata: URL | undefined;
  /** DPoP `algs` (RFC 9449 §7.1). */
  algs: string[];
  /** Step-up `acr_values` (RFC 9470 §3). */
  acrValues: string[];
  /** Step-up `max_age` in seconds (RFC 9470 §3), when it is a whole number. */
  maxAge: number | undefined;
  /** Every parameter of the challenge, known or not: re-emit this and nothing is lost. Null-prototype. */
  params: Record<string, string>;
  /** The challenge itself, and all challenges of the field, for re-serialization by proxies. */
  challenge: Challenge;
  challenges: Challenge[];
  /** Repairs the lenient parser made to read the field (empty for a well-formed header). */
  diagnostics: Diagnostic[];
}

function toChallenges(input: ChallengeSource, header: string, diagnostics: Diagnostic[]): Challenge[] {
  // Challenges already parsed (an empty list reads the same either way).
  if (Array.isArray(input) && typeof input[0] !== 'string') return [...(input as readonly Challenge[])];
  const field =
    input === null || input === undefined || typeof input === 'string' || Array.isArray(input)
      ? (input as string | readonly string[] | null | undefined)
      : ('headers' in input ? input.headers : (input as { get(name: string): string | null })).get(header);
  return parseChallenges(field, { lenient: true, onDiagnostic: (d) => diagnostics.push(d) });
}

/**
 * Finds the Bearer challenge wherever it stands in a `WWW-Authenticate` field and returns its typed fields plus
 * every parameter it carried, so nothing is stripped when a client or proxy re-emits it. Reads with the lenient
 * parser, so real servers' slightly malformed headers still read; the repairs are in `diagnostics`.
 *
 * Returns undefined when there is no challenge of that scheme.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-5.1 RFC 9728 §5.1
 * @example
 * ```ts
 * const response = await fetch('https://api.example.com/mcp');
 * const bearer = readBearerChallenge(response);
 * bearer?.resourceMetadata; // URL of the protected resource metadata
 * bearer?.scope;            // ['files:read']
 * ```
 */
export function readBearerChallenge(input: ChallengeSource, options: ReadBearerChallengeOptions = {}): BearerChallengeInfo | undefined {
  const diagnostics: Diagnostic[] = [];
  const challenges = toChallenges(input, options.header ?? 'www-authenticate', diagnostics);
  const challenge = findChallenge(challenges, options.scheme ?? 'Bearer');
  if (challenge === undefined) return undefined;
  const params = challenge.params;
  const maxAge = /^\d{1,15}$/.test(params.max_age ?? '') ? Number(params.max_age) : undefined;
  return {
    scheme: challenge.scheme,
    realm: params.realm,
    scope: splitSpaceList(params.scope),
    error: params.error,
    errorDescription: params.error_description,
    errorUri: params.error_uri,
    resourceMetadata: parseSecureUrl(params.resource_metadata),
    algs: splitSpaceList(params.algs),
    acrValues: splitSpaceList(params.acr_values),
    maxAge,
    params,
    challenge,
    challenges,
    diagnostics,
  };
}
