import { bearerChallenge, serializeBearerChallenge, type BearerChallengeOptions } from './bearer-challenge';
import { bearerErrorStatus, type BearerErrorCode } from './bearer-error';
import { mapDeprecatedOptions, type DeprecatedBearerAuthOptions } from './deprecated-options';
import type { HeadersInput } from './header-values';
import { InsufficientScopeError } from './insufficient-scope-error';
import { createBearerTokenResolver, type BearerTokenResolution, type ResolveBearerTokenOptions } from './resolve-bearer-token';

/** What `validateToken` returns for a good token. Any extra members reach the handler unchanged. */
export interface AuthInfo {
  subject?: string;
  scopes?: readonly string[];
  [member: string]: unknown;
}

/** One line of audit: how a request was authenticated, or why not. Never holds a token. */
export interface BearerAuthAuditEvent {
  outcome: 'authenticated' | 'missing' | 'malformed' | 'conflict' | 'invalid_token' | 'insufficient_scope' | 'validator_error';
  /** Where the token came from: `'authorization'` or a legacy alias. */
  source?: string | undefined;
  /** True when the token came from a legacy alias rather than Authorization. */
  aliasUsed: boolean;
  /** Carriers that disagreed with the one used (or, for `conflict`, all that disagreed). */
  conflicts: string[];
}

/** Why a request was refused, and the answer the middleware sends. */
export interface BearerAuthFailure {
  status: 400 | 401 | 403;
  /** The RFC 6750 error code; absent when the request simply had no credentials (RFC 6750 §3.1). */
  error: BearerErrorCode | undefined;
  errorDescription: string | undefined;
  /** The full `WWW-Authenticate` value. */
  wwwAuthenticate: string;
}

export interface BearerAuthOptions<Request = unknown, Auth extends AuthInfo = AuthInfo>
  extends ResolveBearerTokenOptions,
    DeprecatedBearerAuthOptions {
  /**
   * Checks a token. Return the auth info for a good token, or null/false/undefined to refuse it (401
   * invalid_token). Throw {@link InsufficientScopeError} for a good token without the needed scope (403). Anything
   * else thrown fails closed (401 invalid_token) and is not exposed to the client.
   */
  validateToken: (token: string, request: Request) => Auth | null | false | undefined | Promise<Auth | null | false | undefined>;
  /** The realm of every challenge. */
  realm?: string;
  /** Scopes every request needs: auth info whose `scopes` lack one gets 403 insufficient_scope. */
  requiredScopes?: readonly string[];
  /** URL of the protected resource metadata document (RFC 9728 §5.1), advertised in every challenge. */
  resourceMetadata?: string | URL;
  /** Called once per request with the outcome; never with the token. */
  onAudit?: (event: BearerAuthAuditEvent) => void;
  /** The JSON body of a refusal. Default: `{ error, error_description }` (or `{ error: 'unauthorized', ... }`). */
  unauthenticatedResponse?: (failure: BearerAuthFailure) => unknown;
}

export type BearerAuthOutcome<Auth> = { ok: true; auth: Auth } | { ok: false; failure: BearerAuthFailure; body: string };

type Carrier = Omit<BearerAuthAuditEvent, 'outcome'>;

/** The audit fields of where a token came from (`source` undefined when there was none, or several). */
function carrier(source: string | undefined, conflicts: string[]): Carrier {
  return { source, aliasUsed: source !== undefined && source !== 'authorization', conflicts };
}

/**
 * What each refusal answers: the RFC 6750 error code (none when the request had no credentials, RFC 6750 §3.1) and
 * the description sent with it.
 */
const REFUSALS: Record<Exclude<BearerAuthAuditEvent['outcome'], 'authenticated'>, [BearerErrorCode | undefined, string]> = {
  missing: [undefined, 'Authentication required: send Authorization: Bearer <token>.'],
  malformed: ['invalid_token', 'The access token is malformed.'],
  conflict: ['invalid_request', 'The request carries different access tokens.'],
  invalid_token: ['invalid_token', 'The access token is invalid or expired.'],
  // Fail closed, and say nothing of the validator's error to the client.
  validator_error: ['invalid_token', 'The access token is invalid or expired.'],
  insufficient_scope: ['insufficient_scope', 'The access token lacks the required scope.'],
};

/**
 * The engine shared by the Node and Fetch middlewares: resolves the token, validates it and builds a full
 * challenge for every refusal.
 */
export function createBearerAuthenticator<Request, Auth extends AuthInfo>(
  options: BearerAuthOptions<Request, Auth>,
): (headers: HeadersInput, request: Request) => Promise<BearerAuthOutcome<Auth>> {
  if (typeof options?.validateToken !== 'function') throw new TypeError('validateToken must be a function');
  const resolve = createBearerTokenResolver(mapDeprecatedOptions(options));
  const requiredScopes = [...(options.requiredScopes ?? [])];
  const base: BearerChallengeOptions = { realm: options.realm, resourceMetadata: options.resourceMetadata };
  // Build the plain challenge once: it validates realm and resourceMetadata at construction.
  bearerChallenge(base);

  const audit = (event: BearerAuthAuditEvent) => {
    try {
      options.onAudit?.(event);
    } catch {
      // An audit sink must not change the answer.
    }
  };

  /** Audits a refusal and builds its answer; `scopes` go into the challenge's `scope` when there are any. */
  const refuse = (outcome: keyof typeof REFUSALS, carrier: Carrier, scopes: readonly string[] = []): BearerAuthOutcome<Auth> => {
    audit({ outcome, ...carrier });
    const [error, description] = REFUSALS[outcome];
    const challenge = bearerChallenge({
      ...base,
      error,
      errorDescription: error && description,
      scope: scopes.length > 0 ? scopes : undefined,
    });
    const failure: BearerAuthFailure = {
      status: bearerErrorStatus(error),
      error,
      errorDescription: description,
      wwwAuthenticate: serializeBearerChallenge(challenge),
    };
    const body = options.unauthenticatedResponse?.(failure) ?? { error: error ?? 'unauthorized', error_description: description };
    return { ok: false, failure, body: JSON.stringify(body) };
  };

  return async (headers, request) => {
    const resolution: BearerTokenResolution = resolve(headers);
    if (!resolution.ok) {
      // No credentials: no error code (RFC 6750 §3.1), but the scope needed.
      if (resolution.reason === 'missing') return refuse('missing', carrier(undefined, []), requiredScopes);
      if (resolution.reason === 'malformed') return refuse('malformed', carrier(resolution.source, []));
      return refuse('conflict', carrier(undefined, resolution.sources));
    }
    const used = carrier(resolution.source, resolution.conflicts);
    let auth: Auth | null | false | undefined;
    try {
      auth = await options.validateToken(resolution.token, request);
    } catch (error) {
      if (!(error instanceof InsufficientScopeError)) return refuse('validator_error', used);
      return refuse('insufficient_scope', used, error.requiredScopes.length > 0 ? error.requiredScopes : requiredScopes);
    }
    if (!auth || typeof auth !== 'object') return refuse('invalid_token', used);
    const granted = auth.scopes ?? [];
    if (!requiredScopes.every((scope) => granted.includes(scope))) return refuse('insufficient_scope', used, requiredScopes);
    audit({ outcome: 'authenticated', ...used });
    return { ok: true, auth };
  };
}
