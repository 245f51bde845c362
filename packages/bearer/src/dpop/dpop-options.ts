import type { NonceStore } from '../stores/nonce-store';
import type { ReplayCache } from '../stores/replay-cache';

/**
 * The JWS algorithms a DPoP proof may use (RFC 9449 §4.3 item 5: asymmetric only, never `none` nor a MAC), as Web
 * Crypto verifies them. The default `algs`.
 */
export const DPOP_ALGORITHMS: readonly string[] = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'Ed25519'];

/** The `dpop` option of every middleware: DPoP-bound access tokens (RFC 9449). `dpop: true` takes every default. */
export interface DpopOptions {
  /** The proof algorithms accepted, advertised as `algs` (RFC 9449 §7.1). Default: {@link DPOP_ALGORITHMS}. */
  algs?: readonly string[] | undefined;
  /**
   * When true, every token must come as `Authorization: DPoP` with a proof: `Bearer` is refused and no `Bearer`
   * challenge is written. When false (default), `Bearer` still works for tokens that are not bound (no `cnf.jkt`).
   */
  required?: boolean | undefined;
  /**
   * Server-provided nonces (RFC 9449 §9): a proof must carry a `nonce` this server issued. A proof without one, or
   * with a stale one, gets 401 `use_dpop_nonce` and a fresh `DPoP-Nonce`. `ttlSec` is a nonce's lifetime
   * (default 120 s); a fresh nonce comes with a success once a third of it is left.
   */
  nonce?: boolean | { ttlSec?: number | undefined } | undefined;
  /** How old a proof's `iat` may be, in seconds (default 60; at most 600). A proof may be 5 s in the future. */
  proofMaxAgeSec?: number | undefined;
  /**
   * Remembers accepted proofs (by a digest of the key thumbprint and `jti`) for the proof window. Default: one
   * {@link memoryReplayCache} per middleware; share one store between the instances of a deployment.
   */
  replayCache?: ReplayCache | undefined;
  /** Issues and checks nonces. Default: one {@link memoryNonceStore} per middleware. */
  nonceStore?: NonceStore | undefined;
  /**
   * The origin clients reach this server at, as they write it in `htu` (RFC 9449 §4.3 item 9): behind a proxy the
   * request's own scheme and host are not the client's. Only its origin is used; the path is the request's.
   * Without it, the request's URL (Node: `Host` and the socket's TLS) is used.
   */
  publicUrl?: string | URL | undefined;
}

/** The `dpop` option, checked. */
export interface ResolvedDpopOptions {
  algs: readonly string[];
  required: boolean;
  nonceTtlMs: number | undefined;
  maxAgeSec: number;
  replayCache: ReplayCache | undefined;
  nonceStore: NonceStore | undefined;
  publicOrigin: string | undefined;
}

const fail = (option: string, rule: string): never => {
  throw new TypeError(`dpop.${option} ${rule}`);
};

function seconds(value: unknown, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 1 && value <= max)) fail(option, `must be a number of seconds from 1 to ${max}`);
  return value as number;
}

function store<T>(value: unknown, option: string, method: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof (value as Record<string, unknown> | null)?.[method] !== 'function') fail(option, `must have a ${method} method`);
  return value as T;
}

/**
 * Checks the `dpop` option when the middleware is built: a TypeError naming the option (never its value) for
 * anything else than documented. `undefined` and `false` mean no DPoP.
 */
export function resolveDpopOptions(option: unknown): ResolvedDpopOptions | undefined {
  if (option === undefined || option === false) return undefined;
  if (option !== true && (option === null || typeof option !== 'object' || Array.isArray(option))) {
    throw new TypeError('dpop must be true, false or an object');
  }
  const given = (option === true ? {} : option) as DpopOptions;
  const algs = given.algs ?? DPOP_ALGORITHMS;
  if (!Array.isArray(algs) || algs.length === 0 || algs.some((alg) => !DPOP_ALGORITHMS.includes(alg))) {
    fail('algs', 'must be a non-empty array of asymmetric JWS algorithms (RFC 9449 §4.3: no none, no HS*)');
  }
  const required = given.required ?? false;
  if (typeof required !== 'boolean') fail('required', 'must be a boolean');
  const nonce = given.nonce ?? false;
  if (typeof nonce !== 'boolean' && (nonce === null || typeof nonce !== 'object')) fail('nonce', 'must be a boolean or { ttlSec }');
  const nonceTtlMs = nonce === false ? undefined : seconds(nonce === true ? undefined : nonce.ttlSec, 'nonce.ttlSec', 120, 86_400) * 1e3;
  let publicOrigin: string | undefined;
  if (given.publicUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(given.publicUrl);
    } catch {}
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      fail('publicUrl', 'must be an absolute http(s) URL without userinfo');
    }
    publicOrigin = url!.origin;
  }
  return {
    algs: [...new Set(algs)],
    required,
    nonceTtlMs,
    maxAgeSec: seconds(given.proofMaxAgeSec, 'proofMaxAgeSec', 60, 600),
    replayCache: store<ReplayCache>(given.replayCache, 'replayCache', 'checkAndStore'),
    nonceStore: store<NonceStore>(store(given.nonceStore, 'nonceStore', 'issue'), 'nonceStore', 'expiresAt'),
    publicOrigin,
  };
}
