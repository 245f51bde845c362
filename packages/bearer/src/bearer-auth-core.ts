// Values of the protocol layer come through the package's main entry, not a relative path: the adapters
// (`/fetch`, `/node`) then share its classes with the user's code in ESM and CommonJS alike, so `instanceof
// InsufficientScopeError` holds for an error built from `@authheaders/bearer`, and the adapters ship only the engine.
import {
  bearerChallenge,
  createBearerTokenResolver,
  InsufficientScopeError,
  InsufficientUserAuthenticationError,
  InvalidTokenError,
  serializeBearerChallenge,
} from '@authheaders/bearer';
// DPoP lives in its own entry, by the package's name too: an adapter's bundle carries none of it.
import { createDpopGate, type DpopEngine, type DpopOptions, type DpopProofFailure, type RequestTarget } from '@authheaders/bearer/dpop';
import type { BearerChallengeOptions } from './bearer-challenge';
import type { BearerErrorCode } from './bearer-error';
import { mapDeprecatedOptions, type DeprecatedBearerAuthOptions } from './deprecated-options';
import type { HeadersInput } from './header-values';
import type { ResolveBearerTokenOptions } from './resolve-bearer-token';

/**
 * What `validateToken` returns for a good token. Any extra members reach the handler unchanged. `scopes` is the list
 * of scopes granted; a space-separated string (the shape token introspection returns, RFC 7662 §2.2) is accepted
 * too and split on SP (RFC 6749 §3.3). With the `dpop` option, `cnf: { jkt }` (RFC 9449 §6) binds the token to
 * the key whose thumbprint is `jkt`: it is accepted only with a DPoP proof signed by that key.
 */
export interface AuthInfo {
  subject?: string;
  scopes?: readonly string[];
  [member: string]: unknown;
}

/** What a refusal answers: its status, its error code, its description. */
export type Refusal = [status: BearerAuthFailure['status'], error: BearerErrorCode | undefined, description: string];

/** The refusals only a DPoP request gets (RFC 9449 §7.1, §9), and a shared store that failed (503). */
export type DpopRefusal = 'invalid_dpop_proof' | 'use_dpop_nonce' | 'store_unavailable';

/** Why a request was refused; the `outcome` of its audit event and of its {@link BearerAuthFailure}. */
export type BearerAuthRefusal =
  | 'missing'
  | 'malformed'
  | 'conflict'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'insufficient_user_authentication'
  | 'validator_error'
  | 'validator_timeout'
  | DpopRefusal;

/** One line of audit: how a request was authenticated, or why not. Never holds a token. */
export interface BearerAuthAuditEvent {
  outcome: 'authenticated' | BearerAuthRefusal;
  /** Where the token came from: `'authorization'` or a legacy alias. */
  source?: string | undefined;
  /** True when the token came from a legacy alias rather than Authorization. */
  aliasUsed: boolean;
  /** Carriers that disagreed with the one used (or, for `conflict`, all that disagreed). */
  conflicts: string[];
  /** With the `dpop` option: the scheme the token came with, once one was found. */
  scheme?: 'Bearer' | 'DPoP' | undefined;
  /** With the `dpop` option: whether the validated token was bound to a key (`cnf`), once it was validated. */
  bound?: boolean | undefined;
  /** Which check of RFC 9449 §4.3 refused the proof, for `invalid_dpop_proof`. */
  dpopFailure?: DpopProofFailure | undefined;
}

/**
 * Why a request was refused, and the answer the middleware sends. The same frozen object answers every request
 * refused for the same reason.
 */
export interface BearerAuthFailure {
  /** The audit outcome that caused the refusal, for adapters that map refusals to their framework's categories. */
  readonly outcome: BearerAuthRefusal;
  readonly status: 400 | 401 | 403 | 503;
  /**
   * The error code of the body: the RFC 6750 code of the challenge (none when the request simply had no
   * credentials, RFC 6750 §3.1), or `temporarily_unavailable` for a validator timeout (503).
   */
  readonly error: BearerErrorCode | undefined;
  readonly errorDescription: string | undefined;
  /** The full `WWW-Authenticate` value; undefined on a 503, which is not a challenge. */
  readonly wwwAuthenticate: string | undefined;
  /**
   * Every header of the answer, lower-case names: `www-authenticate` or `retry-after`, `content-type`,
   * `cache-control`; with DPoP nonces, `dpop-nonce` and `access-control-expose-headers`.
   */
  readonly headers: Readonly<Record<string, string>>;
}

export interface BearerAuthOptions<Request = unknown, Auth extends AuthInfo = AuthInfo>
  extends ResolveBearerTokenOptions,
    DeprecatedBearerAuthOptions {
  /**
   * Checks a token. Return the auth info for a good token, or null/false/undefined to refuse it (401
   * invalid_token). Throw {@link InvalidTokenError} to refuse it with a description of your own (401 invalid_token,
   * RFC 6750 §3.1), {@link InsufficientScopeError} for a good token without the needed scope (403), or
   * {@link InsufficientUserAuthenticationError} when the user must authenticate again (401, RFC 9470 §3). Anything
   * else thrown fails closed (401 invalid_token) and is not exposed to the client.
   */
  validateToken: (token: string, request: Request) => Auth | null | false | undefined | Promise<Auth | null | false | undefined>;
  /**
   * How long an asynchronous `validateToken` may take, in milliseconds (default 10 000, at most 2^31 − 1). Past it
   * the request gets 503 with `Retry-After`, the audit outcome is `validator_timeout`, and the late result is ignored.
   */
  validateTokenTimeoutMs?: number;
  /** The realm of every challenge: US-ASCII visible characters, SP and HTAB. */
  realm?: string;
  /**
   * Scopes every request needs, each an RFC 6749 §3.3 scope-token: auth info whose `scopes` lack one (compared as
   * exact entries) gets 403 insufficient_scope.
   */
  requiredScopes?: readonly string[];
  /** URL of the protected resource metadata document (RFC 9728 §5.1), advertised in every challenge. */
  resourceMetadata?: string | URL;
  /** Called once per request with the outcome; never with the token. Fire and forget: its errors are ignored. */
  onAudit?: (event: BearerAuthAuditEvent) => unknown;
  /**
   * The JSON body of a refusal. Default: `{ error, error_description }` (or `{ error: 'unauthorized', ... }`).
   * Called when the middleware is built for every fixed refusal, once per description for the first 32
   * descriptions of a thrown {@link InvalidTokenError}, and per request for the other refusals whose challenge comes
   * from a thrown error.
   */
  unauthenticatedResponse?: (failure: BearerAuthFailure) => unknown;
  /**
   * Accept DPoP-bound tokens (RFC 9449): `Authorization: DPoP <token>` with a `DPoP` proof, every check of §4.3,
   * the binding of `cnf.jkt`, nonces. See {@link DpopOptions}; `true` takes every default.
   */
  dpop?: true | DpopOptions | undefined;
}

/** An accepted request's `auth`, and headers the answer must carry (a fresh `DPoP-Nonce`, RFC 9449 §8.2). */
export type BearerAuthOutcome<Auth> =
  | { ok: true; auth: Auth; headers?: Readonly<Record<string, string>> | undefined }
  | { ok: false; failure: BearerAuthFailure; body: string };

const INVALID = 'Invalid or expired access token.';

/**
 * What each refusal answers: the status, the error code (none when the request had no credentials, RFC 6750 §3.1)
 * and the description sent with it. A malformed header is a malformed request: 400 invalid_request (RFC 6750 §3.1).
 * A validator that timed out answers 503, which is not a challenge.
 */
const REFUSALS: Record<Exclude<BearerAuthRefusal, DpopRefusal>, Refusal> = {
  missing: [401, undefined, 'Send Authorization: Bearer <token>.'],
  malformed: [400, 'invalid_request', 'Malformed access token.'],
  conflict: [400, 'invalid_request', 'Different access tokens in one request.'],
  invalid_token: [401, 'invalid_token', INVALID],
  // Fail closed, and say nothing of the validator's error to the client.
  validator_error: [401, 'invalid_token', INVALID],
  insufficient_scope: [403, 'insufficient_scope', 'Insufficient scope.'],
  // A thrown error's own description replaces this one.
  insufficient_user_authentication: [401, 'insufficient_user_authentication', 'A different authentication level is required.'],
  validator_timeout: [503, 'temporarily_unavailable', 'The access token could not be checked in time.'],
};

const TIMED_OUT = Symbol();

/** The scheme a request's token came with. */
export type Scheme = 'Bearer' | 'DPoP';

/** How many refusals of a thrown InvalidTokenError the engine keeps, by description. */
const DESCRIBED_REFUSALS = 32;

/**
 * The engine shared by the Node and Fetch middlewares: resolves the token, validates it and answers every refusal
 * with a full challenge. Every option is checked here, when the middleware is built, and every fixed refusal is
 * built here once. It rejects only on a server error (a `validateToken` result of the wrong shape, or a thrown
 * step-up error whose values cannot be written): adapters pass that on (`next(err)`) or answer a bare 500.
 * With the `dpop` option, adapters pass the request's method and URL as `target` (RFC 9449 §4.3 items 8, 9), and
 * set the success's `headers` on their answer.
 */
export function createBearerAuthenticator<Request, Auth extends AuthInfo>(
  options: BearerAuthOptions<Request, Auth>,
): (headers: HeadersInput, request: Request, target?: RequestTarget) => Promise<BearerAuthOutcome<Auth>> {
  const { validateToken, onAudit, unauthenticatedResponse, validateTokenTimeoutMs: timeoutMs = 1e4 } = options ?? {};
  if (typeof validateToken != 'function') throw new TypeError('validateToken must be a function');
  // Called fire and forget, an onAudit that is not a function would silently never run. (A bad
  // unauthenticatedResponse throws its own TypeError below, when the fixed refusals are built.)
  if (onAudit != null && typeof onAudit != 'function') throw new TypeError('onAudit must be a function');
  if (!(typeof timeoutMs == 'number' && timeoutMs > 0 && timeoutMs < 2 ** 31)) throw new TypeError('validateTokenTimeoutMs must be 1 to 2^31 - 1');
  const resolve = createBearerTokenResolver(mapDeprecatedOptions(options));
  const requiredScopes: readonly string[] = options.requiredScopes ?? [];
  const scope = requiredScopes.length > 0 ? [...requiredScopes] : undefined;
  // The main entry's challenge builder checks the scope-tokens (RFC 6750 §3): this bundle carries no copy of the rule.
  // A string is not a list: spread, 'read' would become r, e, a, d.
  try {
    if (!Array.isArray(requiredScopes)) throw requiredScopes;
    bearerChallenge({ scope });
  } catch {
    throw new TypeError('requiredScopes must be an array of scope-tokens (RFC 6750 §3)');
  }
  const dpop = createDpopGate(options.dpop, timeoutMs);

  /** The answer to a refusal of a token that came with `scheme`; `challenge` adds to the challenge (scope, step-up parameters). */
  const build = (
    outcome: BearerAuthRefusal,
    challenge: BearerChallengeOptions = {},
    scheme: Scheme = 'Bearer',
    [status, error, fixedDescription] = REFUSALS[outcome as keyof typeof REFUSALS],
  ): BearerAuthOutcome<Auth> => {
    const description = challenge.errorDescription ?? fixedDescription;
    const params = { realm: options.realm, resourceMetadata: options.resourceMetadata, error, errorDescription: error && description, ...challenge };
    const wwwAuthenticate = status < 503 ? (dpop ? dpop.challenge(scheme, params) : serializeBearerChallenge(bearerChallenge(params))) : undefined;
    const failure: BearerAuthFailure = {
      outcome,
      status,
      error,
      errorDescription: description,
      wwwAuthenticate,
      headers: Object.freeze({
        ...(wwwAuthenticate ? { 'www-authenticate': wwwAuthenticate } : { 'retry-after': `${Math.ceil(timeoutMs / 1e3)}` }),
        'content-type': 'application/json',
        'cache-control': 'no-store',
      }),
    };
    const body = JSON.stringify(unauthenticatedResponse?.(failure) ?? { error: error ?? 'unauthorized', error_description: description });
    return Object.freeze({ ok: false, failure: Object.freeze(failure), body });
  };
  // Every fixed refusal, built once (per scheme with DPoP): an attacker's requests cost no more than a good one.
  const fixedFor = (scheme: Scheme) => {
    const table = {} as Record<BearerAuthRefusal, BearerAuthOutcome<Auth>>;
    for (const outcome in REFUSALS) {
      table[outcome as BearerAuthRefusal] = build(outcome as BearerAuthRefusal, outcome === 'missing' || outcome === 'insufficient_scope' ? { scope } : {}, scheme);
    }
    return table;
  };
  const fixed = { Bearer: fixedFor('Bearer'), DPoP: dpop && fixedFor('DPoP') } as Record<Scheme, Record<BearerAuthRefusal, BearerAuthOutcome<Auth>>>;

  // A thrown InvalidTokenError's refusal, built once per description: a validator's few fixed texts cost no more than
  // the fixed refusals. Bounded, for a validator that writes a new text per request: past it, built per request.
  const described = new Map<string, BearerAuthOutcome<Auth>>();
  const describedRefusal = (description: string, scheme: Scheme): BearerAuthOutcome<Auth> => {
    const key = scheme + description;
    const answer = described.get(key) ?? build('invalid_token', { errorDescription: description }, scheme);
    if (described.size < DESCRIBED_REFUSALS) described.set(key, answer);
    return answer;
  };

  /**
   * Audits an outcome, fire and forget: neither a throw nor a rejection of the sink may change the answer or reach
   * the process. The event is only built when there is a sink.
   */
  const audit = (outcome: BearerAuthAuditEvent['outcome'], source?: string, conflicts: string[] = [], fields?: Partial<BearerAuthAuditEvent>): void => {
    if (onAudit) {
      const event = { outcome, source, aliasUsed: source !== undefined && source !== 'authorization', conflicts, ...fields };
      Promise.resolve(event)
        .then((event) => onAudit.call(options, event))
        .catch(() => {});
    }
  };

  /**
   * Validates a token that came with `scheme`, and audits the outcome. With DPoP, `binding` has the last word on a
   * valid token before its scopes (RFC 9449 §6, §7.2): a refusal, or headers for the answer.
   */
  const check: DpopEngine<Request, Auth>['check'] = async (token, request, source, conflicts, scheme, binding) => {
    let fields: Partial<BearerAuthAuditEvent> | undefined = dpop && { scheme };
    const refuse = (outcome: BearerAuthRefusal, answer = fixed[scheme][outcome]): BearerAuthOutcome<Auth> => {
      audit(outcome, source, conflicts, fields);
      return answer;
    };
    let auth: unknown;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      auth = validateToken.call(options, token, request);
      // Only an asynchronous validator can hang: race it against a timer that never keeps the process alive.
      if (typeof (auth as PromiseLike<unknown> | null)?.then === 'function') {
        auth = await Promise.race([
          auth,
          new Promise((resolve) => {
            timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
            (timer as { unref?: () => void }).unref?.();
          }),
        ]);
      }
    } catch (error) {
      if (error instanceof InsufficientScopeError) {
        const scope = error.requiredScopes;
        return refuse('insufficient_scope', scope.length > 0 ? build('insufficient_scope', { scope }, scheme) : undefined);
      }
      if (error instanceof InvalidTokenError) return refuse('invalid_token', describedRefusal(error.description, scheme));
      return error instanceof InsufficientUserAuthenticationError
        ? refuse(
            'insufficient_user_authentication',
            build('insufficient_user_authentication', { acrValues: error.acrValues, maxAge: error.maxAge, errorDescription: error.message }, scheme),
          )
        : refuse('validator_error');
    } finally {
      clearTimeout(timer);
    }
    if (auth === TIMED_OUT) return refuse('validator_timeout');
    if (!auth || typeof auth !== 'object') return refuse('invalid_token');
    const verdict = await binding?.(auth as AuthInfo);
    fields = { ...fields, ...verdict?.fields };
    if (verdict?.refusal?.ok === false) return refuse(verdict.refusal.failure.outcome, verdict.refusal);
    // Exact entries, never a substring: `unread` does not grant `read`.
    const granted: unknown = (auth as AuthInfo).scopes;
    const scopes = typeof granted === 'string' ? granted.split(' ') : (granted ?? []);
    if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string')) {
      throw new TypeError('validateToken returned scopes that are not a string or string[]');
    }
    if (!requiredScopes.every((scope) => scopes.includes(scope))) return refuse('insufficient_scope');
    audit('authenticated', source, conflicts, fields);
    return { ok: true, auth: auth as Auth, headers: verdict?.headers };
  };

  const bearer: DpopEngine<Request, Auth>['bearer'] = (resolution, request, binding) => {
    if (resolution.ok) return check(resolution.token, request, resolution.source, resolution.conflicts, 'Bearer', binding);
    const { reason } = resolution;
    audit(reason, reason === 'malformed' ? resolution.source : undefined, reason === 'conflict' ? resolution.sources : [], dpop && { scheme: 'Bearer' });
    return Promise.resolve(fixed.Bearer[reason]);
  };

  // With DPoP, the gate decides which scheme a request uses and checks its proof (RFC 9449 §7.1).
  const withDpop = dpop?.bind({ build, check, audit, bearer, fixed: fixed.DPoP });
  return (headers, request, target) => {
    const resolution = resolve(headers);
    return withDpop ? withDpop(headers, resolution, request, target) : bearer(resolution, request);
  };
}
