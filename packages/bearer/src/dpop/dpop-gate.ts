import { bearerChallenge, dpopChallenge, serializeBearerChallenge } from '@authheaders/bearer';
import type { Challenge } from '@authheaders/www-authenticate';
import type { AuthInfo, BearerAuthAuditEvent, BearerAuthOutcome, BearerAuthRefusal, DpopRefusal, Refusal, Scheme } from '../bearer-auth-core';
import type { BearerChallengeOptions } from '../bearer-challenge';
import type { HeadersInput } from '../header-values';
import type { BearerTokenResolution } from '../resolve-bearer-token';
import type { NonceStore } from '../stores/nonce-store';
import type { ReplayCache } from '../stores/replay-cache';
import { boundThumbprint } from './bound-thumbprint';
import { resolveDpopOptions, type DpopOptions } from './dpop-options';
import { memoryNonceStore } from './memory-nonce-store';
import { memoryReplayCache } from './memory-replay-cache';
import { readDpopCredentials, type DpopCredentials } from './read-dpop-credentials';
import { checkDpopProof, comparableUri, FUTURE_SKEW_SEC } from './verify-dpop-proof';

/** The method and URL of a request, which its proof's `htm` and `htu` must name (RFC 9449 §4.3 items 8, 9). */
export interface RequestTarget {
  method: string;
  /** The absolute URL the request was received at (Node: built from `Host` and the socket's TLS). */
  readonly url: string;
}

/** What the binding of a valid token decides: a refusal, or headers for the answer; and what the audit adds. */
export interface DpopBinding<Auth> {
  refusal?: BearerAuthOutcome<Auth> | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  fields?: Partial<BearerAuthAuditEvent> | undefined;
}

/**
 * What the engine (`createBearerAuthenticator`) lends the DPoP gate: its answers, its token check and its audit, so
 * the engine's bundle carries no DPoP rule.
 */
export interface DpopEngine<Request, Auth> {
  build(outcome: BearerAuthRefusal, challenge: BearerChallengeOptions, scheme: Scheme, refusal?: Refusal): BearerAuthOutcome<Auth>;
  check(
    token: string,
    request: Request,
    source: string,
    conflicts: string[],
    scheme: Scheme,
    binding?: (auth: AuthInfo) => DpopBinding<Auth> | undefined | Promise<DpopBinding<Auth> | undefined>,
  ): Promise<BearerAuthOutcome<Auth>>;
  audit(outcome: BearerAuthAuditEvent['outcome'], source?: string, conflicts?: string[], fields?: Partial<BearerAuthAuditEvent>): void;
  bearer(resolution: BearerTokenResolution, request: Request, binding?: (auth: AuthInfo) => DpopBinding<Auth> | undefined): Promise<BearerAuthOutcome<Auth>>;
  /** The fixed refusals of a DPoP request, but the DPoP ones (built by the gate). */
  fixed: Record<BearerAuthRefusal, BearerAuthOutcome<Auth>>;
}

/** The DPoP part of a middleware, built once by {@link createDpopGate}. */
export interface DpopGate {
  /**
   * The `WWW-Authenticate` value of a refusal of a token that came with `scheme`: a DPoP challenge with `algs`
   * (RFC 9449 §7.1) and, unless DPoP is required, a Bearer challenge beside it. The error goes on the challenge of
   * the scheme the request used (on DPoP's when Bearer is not accepted).
   */
  challenge(scheme: Scheme, params: BearerChallengeOptions): string;
  /** The request handler of the engine with DPoP: which scheme, the proof, the binding. */
  bind<Request, Auth>(
    engine: DpopEngine<Request, Auth>,
  ): (headers: HeadersInput, resolution: BearerTokenResolution, request: Request, target: RequestTarget | undefined) => Promise<BearerAuthOutcome<Auth>>;
}

/** A DPoP-Nonce value: `1*NQCHAR`, NQCHAR = %x21 / %x23-5B / %x5D-7E (RFC 9449 §8.1). */
const NONCE = /^[\x21\x23-\x5b\x5d-\x7e]{1,512}$/;

/** The headers that let a browser's script read `WWW-Authenticate` and `DPoP-Nonce` (Fetch, CORS). */
const EXPOSE = 'WWW-Authenticate, DPoP-Nonce';

/** What the refusals only a DPoP request gets answer. */
const DPOP_REFUSALS: Record<DpopRefusal, Refusal> = {
  invalid_dpop_proof: [401, 'invalid_dpop_proof', 'Invalid DPoP proof.'],
  use_dpop_nonce: [401, 'use_dpop_nonce', 'Send the DPoP proof again with the nonce given.'],
  store_unavailable: [503, 'temporarily_unavailable', 'The DPoP proof could not be checked in time.'],
};

/** With DPoP, the refusals that differ from a plain Bearer middleware's. */
const DESCRIPTIONS = {
  twoMethods: 'More than one method of sending an access token.',
  bearerRefused: 'This resource accepts DPoP-bound access tokens only.',
  downgrade: 'A DPoP-bound access token must come with a DPoP proof.',
  unbound: 'This access token is not bound to a DPoP key.',
  wrongKey: 'The DPoP proof is not signed by the key the access token is bound to.',
};

const STORE_FAILED = Symbol();

/**
 * `call()` awaited for at most `timeoutMs`; a throw, a rejection or a late answer is {@link STORE_FAILED}. A shared
 * store that hangs must not hold the request for ever, nor keep the process alive.
 */
async function bounded<T>(call: () => T | Promise<T>, timeoutMs: number): Promise<T | typeof STORE_FAILED> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(call),
      new Promise<typeof STORE_FAILED>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, STORE_FAILED);
        (timer as { unref?: () => void }).unref?.();
      }),
    ]);
  } catch {
    return STORE_FAILED;
  } finally {
    clearTimeout(timer);
  }
}

/** `answer` with `extra` headers: a per-request value (a fresh nonce) on a fixed refusal. */
function withHeaders<Auth>(answer: BearerAuthOutcome<Auth>, extra: Record<string, string>): BearerAuthOutcome<Auth> {
  if (answer.ok) return answer;
  const failure = Object.freeze({ ...answer.failure, headers: Object.freeze({ ...answer.failure.headers, ...extra }) });
  return Object.freeze({ ok: false, failure, body: answer.body });
}

/**
 * Builds the DPoP part of a middleware (RFC 9449) from its `dpop` option; undefined when DPoP is off. Checks the
 * option now (a TypeError naming it). `timeoutMs` bounds every call to a store; a store that throws, rejects or
 * answers late makes the request a 503 (`store_unavailable`), never an acceptance.
 *
 * A request with `Authorization: DPoP` is checked in this order: one token, no Bearer token beside it (else 400
 * `invalid_request`); exactly one proof and every check of §4.3 but the replay (401 `invalid_dpop_proof`); the
 * nonce (401 `use_dpop_nonce` and a fresh `DPoP-Nonce`); the token (`validateToken`); its `cnf.jkt` equal to the
 * proof key's thumbprint (401 `invalid_token`); the `jti` not seen before (401 `invalid_dpop_proof`); scopes. A
 * Bearer request is refused when DPoP is required, or when its token is bound (a downgrade, §7.2).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3 RFC 9449 §4.3
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1 RFC 9449 §7.1
 */
export function createDpopGate(option: true | DpopOptions | undefined, timeoutMs: number): DpopGate | undefined {
  const resolved = resolveDpopOptions(option);
  if (resolved === undefined) return undefined;
  const { algs, required, maxAgeSec, nonceTtlMs, publicOrigin } = resolved;
  const replayCache: ReplayCache = resolved.replayCache ?? memoryReplayCache();
  const nonceStore: NonceStore | undefined = nonceTtlMs === undefined ? undefined : (resolved.nonceStore ?? memoryNonceStore());
  // A proof is remembered for as long as it could still pass the iat check.
  const replayTtlMs = (maxAgeSec + 2 * FUTURE_SKEW_SEC) * 1e3;

  const freshNonce = async (): Promise<string | typeof STORE_FAILED> => {
    const nonce = await bounded(() => nonceStore!.issue(nonceTtlMs!), timeoutMs);
    // A store's nonce goes into a header: one that could break it is a failing store.
    return typeof nonce === 'string' && NONCE.test(nonce) ? nonce : STORE_FAILED;
  };

  const targetUri = (target: RequestTarget): string | undefined => {
    if (publicOrigin === undefined) return comparableUri(target.url);
    try {
      return comparableUri(publicOrigin + new URL(target.url, 'http://path.invalid').pathname);
    } catch {
      return undefined;
    }
  };

  const challenge = (scheme: Scheme, params: BearerChallengeOptions): string => {
    const plain = { realm: params.realm, resourceMetadata: params.resourceMetadata, scope: params.scope };
    const onDpop = scheme === 'DPoP' || required;
    const challenges: Challenge[] = [dpopChallenge({ ...(onDpop ? params : plain), algs })];
    if (!required) challenges.push(bearerChallenge(onDpop ? plain : params));
    return serializeBearerChallenge(challenges);
  };

  function bind<Request, Auth>(engine: DpopEngine<Request, Auth>) {
    const described = (name: keyof typeof DESCRIPTIONS, scheme: Scheme, outcome: BearerAuthRefusal = 'invalid_token') =>
      engine.build(outcome, { errorDescription: DESCRIPTIONS[name] }, scheme);
    const answers = {
      twoMethods: described('twoMethods', 'DPoP', 'conflict'),
      bearerRefused: described('bearerRefused', 'Bearer'),
      downgrade: described('downgrade', 'Bearer'),
      unbound: described('unbound', 'DPoP'),
      wrongKey: described('wrongKey', 'DPoP'),
    };
    const fixed = { ...engine.fixed };
    for (const outcome in DPOP_REFUSALS) fixed[outcome as DpopRefusal] = engine.build(outcome as DpopRefusal, {}, 'DPoP', DPOP_REFUSALS[outcome as DpopRefusal]);
    const refuse = (outcome: BearerAuthRefusal, answer = fixed[outcome], fields?: Partial<BearerAuthAuditEvent>) => {
      engine.audit(outcome, 'authorization', [], { scheme: 'DPoP', ...fields });
      return answer;
    };
    /** With DPoP on, a token bound to a key is refused as Bearer: a downgrade (RFC 9449 §7.2). */
    const bearerBinding = (auth: AuthInfo): DpopBinding<Auth> => {
      const jkt = boundThumbprint(auth);
      return { refusal: typeof jkt === 'string' ? answers.downgrade : undefined, fields: { bound: jkt !== undefined } };
    };

    const authenticateDpop = async ({ token, proofs }: DpopCredentials, request: Request, target: RequestTarget | undefined) => {
      if (target === undefined) throw new TypeError('DPoP needs the request target (method and URL)');
      if (proofs.length !== 1) return refuse('invalid_dpop_proof', undefined, { dpopFailure: proofs.length === 0 ? 'missing_proof' : 'multiple_proofs' });
      const uri = targetUri(target);
      const proof = uri === undefined ? 'wrong_uri' : await checkDpopProof(proofs[0]!, { method: target.method, uri, token, algs, maxAgeSec, now: Date.now() / 1e3 });
      if (typeof proof === 'string') return refuse('invalid_dpop_proof', undefined, { dpopFailure: proof });
      let renewNonce = false;
      if (nonceStore !== undefined) {
        const expiresAt = proof.nonce === undefined ? undefined : await bounded(() => nonceStore.expiresAt(proof.nonce!), timeoutMs);
        if (expiresAt === STORE_FAILED) return refuse('store_unavailable');
        if (typeof expiresAt !== 'number' || !(expiresAt > Date.now())) {
          const nonce = await freshNonce();
          if (nonce === STORE_FAILED) return refuse('store_unavailable');
          return refuse('use_dpop_nonce', withHeaders(fixed.use_dpop_nonce, { 'dpop-nonce': nonce, 'access-control-expose-headers': EXPOSE }));
        }
        // About to expire: a fresh nonce comes with the answer, so the next proof needs no retry (§8.2).
        renewNonce = expiresAt - Date.now() < nonceTtlMs! / 3;
      }
      return engine.check(token, request, 'authorization', [], 'DPoP', async (auth): Promise<DpopBinding<Auth>> => {
        const jkt = boundThumbprint(auth);
        if (typeof jkt !== 'string') return { refusal: answers.unbound, fields: { bound: jkt !== undefined } };
        if (jkt !== proof.jkt) return { refusal: answers.wrongKey, fields: { bound: true } };
        // Last: only a proof that would be accepted is remembered, so a flood of bad ones fills no store.
        const fresh = await bounded(() => replayCache.checkAndStore(proof.replayKey, replayTtlMs), timeoutMs);
        if (typeof fresh !== 'boolean') return { refusal: fixed.store_unavailable, fields: { bound: true } };
        if (!fresh) return { refusal: fixed.invalid_dpop_proof, fields: { bound: true, dpopFailure: 'replayed' } };
        const nonce = renewNonce ? await freshNonce() : STORE_FAILED;
        // A nonce store failing here costs the client a retry later, not this request.
        return { fields: { bound: true }, headers: nonce === STORE_FAILED ? undefined : { 'dpop-nonce': nonce, 'access-control-expose-headers': EXPOSE } };
      });
    };

    return async (headers: HeadersInput, resolution: BearerTokenResolution, request: Request, target: RequestTarget | undefined) => {
      const presented = readDpopCredentials(headers);
      if (presented === undefined) {
        if (!resolution.ok || !required) return engine.bearer(resolution, request, bearerBinding);
        engine.audit('invalid_token', resolution.source, resolution.conflicts, { scheme: 'Bearer' });
        return answers.bearerRefused;
      }
      if (presented === 'malformed' || presented === 'conflict') return refuse(presented);
      // A Bearer token (or an alias) beside the DPoP one: more than one method (RFC 6750 §3.1, RFC 9449 §7.2).
      if (resolution.ok || resolution.reason !== 'missing') return refuse('conflict', answers.twoMethods);
      return authenticateDpop(presented, request, target);
    };
  }

  return { challenge, bind };
}
