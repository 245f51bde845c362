/**
 * Where a DPoP resource server remembers the proofs it has accepted, so that none is accepted twice within its
 * window (RFC 9449 §11.1: the check holds only among the servers that share this store).
 *
 * The middleware never hands a store the raw proof: `key` is a fixed-length digest of the proof key's thumbprint
 * and the proof's `jti` (RFC 9449 §4.3 item 12), so a shared store holds nothing an attacker could replay.
 */
export interface ReplayCache {
  /**
   * Records `key` for `ttlMs` milliseconds, atomically. Returns true when the key was not there (the proof is new
   * and may be accepted), false when it was (a replay). Two callers that race on one key must never both get true,
   * across every instance that shares the store.
   *
   * Throw (or reject) when the store cannot answer: the middleware then refuses the request with 503 and
   * `Retry-After`, never accepts it.
   */
  checkAndStore(key: string, ttlMs: number): boolean | Promise<boolean>;
}
