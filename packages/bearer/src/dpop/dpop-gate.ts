import type { HeadersInput } from '../header-values';
import type { NonceStore } from '../stores/nonce-store';
import type { ReplayCache } from '../stores/replay-cache';
import { resolveDpopOptions, type DpopOptions } from './dpop-options';
import { memoryNonceStore } from './memory-nonce-store';
import { memoryReplayCache } from './memory-replay-cache';
import { readDpopCredentials, type DpopCredentials } from './read-dpop-credentials';
import { checkDpopProof, comparableUri, FUTURE_SKEW_SEC, replayKey, type DpopProofFailure } from './verify-dpop-proof';

/** The method and URL of a request, which its proof's `htm` and `htu` must name (RFC 9449 §4.3 items 8, 9). */
export interface RequestTarget {
  method: string;
  /** The absolute URL the request was received at (Node: built from `Host` and the socket's TLS). */
  readonly url: string;
}

/** The verdict on a request's proof. */
export type DpopProofVerdict =
  | { ok: true; jkt: string; jti: string; renewNonce: boolean }
  | { ok: false; outcome: 'invalid_dpop_proof'; failure: DpopProofFailure }
  | { ok: false; outcome: 'use_dpop_nonce'; nonce: string }
  | { ok: false; outcome: 'store_unavailable' };

/** The verdict once the token is known good: the proof's `jti` stored, a nonce to send on the answer. */
export type DpopAcceptance =
  | { ok: true; nonce: string | undefined }
  | { ok: false; outcome: 'invalid_dpop_proof'; failure: 'replayed' }
  | { ok: false; outcome: 'store_unavailable' };

/** What the engine asks of DPoP; built once per middleware by {@link createDpopGate}. */
export interface DpopGate {
  readonly algs: readonly string[];
  readonly required: boolean;
  /** See {@link readDpopCredentials}. */
  read(headers: HeadersInput): DpopCredentials | 'malformed' | 'conflict' | undefined;
  /** Every check of RFC 9449 §4.3 that needs no store, then the nonce (§9). */
  checkProof(credentials: DpopCredentials, target: RequestTarget): Promise<DpopProofVerdict>;
  /** The last check, once the token and its binding are good: the proof was not seen before (§4.3 item 12). */
  accept(proof: { jkt: string; jti: string; renewNonce: boolean }): Promise<DpopAcceptance>;
}

/** A DPoP-Nonce value: `1*NQCHAR`, NQCHAR = %x21 / %x23-5B / %x5D-7E (RFC 9449 §8.1). */
const NONCE = /^[\x21\x23-\x5b\x5d-\x7e]{1,512}$/;

const STORE_FAILED = Symbol();

/**
 * `value` awaited for at most `timeoutMs`; a throw, a rejection or a late answer is {@link STORE_FAILED}. A shared
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

/**
 * Builds the DPoP part of a middleware (RFC 9449) from its `dpop` option; undefined when DPoP is off. Checks the
 * option now (a TypeError naming it). `timeoutMs` bounds every call to a store; a store that throws, rejects or
 * answers late makes the request a 503, never an acceptance.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3 RFC 9449 §4.3
 */
export function createDpopGate(option: true | DpopOptions | undefined, timeoutMs: number): DpopGate | undefined {
  const resolved = resolveDpopOptions(option);
  if (resolved === undefined) return undefined;
  const { algs, required, maxAgeSec, nonceTtlMs, publicOrigin } = resolved;
  const replayCache: ReplayCache = resolved.replayCache ?? memoryReplayCache();
  const nonceStore: NonceStore | undefined = nonceTtlMs === undefined ? undefined : (resolved.nonceStore ?? memoryNonceStore());
  // A proof is stored for as long as it could still pass the iat check.
  const replayTtlMs = (maxAgeSec + 2 * FUTURE_SKEW_SEC) * 1e3;

  const freshNonce = async (): Promise<string | typeof STORE_FAILED> => {
    const nonce = await bounded(() => nonceStore!.issue(nonceTtlMs!), timeoutMs);
    // A store's nonce goes into a header: one that could break it is a failing store.
    return typeof nonce === 'string' && NONCE.test(nonce) ? nonce : STORE_FAILED;
  };

  const targetUri = (target: RequestTarget): string | undefined => {
    if (publicOrigin === undefined) return comparableUri(target.url);
    let path: string;
    try {
      path = new URL(target.url, 'http://path.invalid').pathname;
    } catch {
      return undefined;
    }
    return comparableUri(publicOrigin + path);
  };

  return {
    algs,
    required,
    read: readDpopCredentials,
    async checkProof({ token, proofs }, target) {
      if (proofs.length !== 1) return { ok: false, outcome: 'invalid_dpop_proof', failure: proofs.length === 0 ? 'missing_proof' : 'multiple_proofs' };
      const uri = targetUri(target);
      const checked =
        uri === undefined
          ? 'wrong_uri'
          : await checkDpopProof(proofs[0]!, { method: target.method, uri, token, algs, maxAgeSec, now: Date.now() / 1e3 });
      if (typeof checked === 'string') return { ok: false, outcome: 'invalid_dpop_proof', failure: checked };
      if (nonceStore !== undefined) {
        const expiresAt = checked.nonce === undefined ? undefined : await bounded(() => nonceStore.expiresAt(checked.nonce!), timeoutMs);
        if (expiresAt === STORE_FAILED) return { ok: false, outcome: 'store_unavailable' };
        if (typeof expiresAt !== 'number' || !(expiresAt > Date.now())) {
          const nonce = await freshNonce();
          return nonce === STORE_FAILED ? { ok: false, outcome: 'store_unavailable' } : { ok: false, outcome: 'use_dpop_nonce', nonce };
        }
        // About to expire: a fresh nonce with the answer, so the client's next proof needs no retry (§8.2).
        return { ok: true, jkt: checked.jkt, jti: checked.jti, renewNonce: expiresAt - Date.now() < nonceTtlMs! / 3 };
      }
      return { ok: true, jkt: checked.jkt, jti: checked.jti, renewNonce: false };
    },
    async accept({ jkt, jti, renewNonce }) {
      const key = await replayKey(jkt, jti);
      const fresh = await bounded(() => replayCache.checkAndStore(key, replayTtlMs), timeoutMs);
      if (fresh === STORE_FAILED || typeof fresh !== 'boolean') return { ok: false, outcome: 'store_unavailable' };
      if (!fresh) return { ok: false, outcome: 'invalid_dpop_proof', failure: 'replayed' };
      if (!renewNonce) return { ok: true, nonce: undefined };
      const renewed = await freshNonce();
      // A nonce store failing here costs the client a retry later, not this request.
      return { ok: true, nonce: renewed === STORE_FAILED ? undefined : renewed };
    },
  };
}
