/**
 * Where a DPoP resource server keeps the nonces it has issued (RFC 9449 §8, §9), so that a nonce issued by one
 * instance is accepted by every instance that shares the store.
 */
export interface NonceStore {
  /** Issues a fresh, unguessable nonce (a `DPoP-Nonce` value, RFC 9449 §8.1 NQCHAR) valid for `ttlMs` milliseconds. */
  issue(ttlMs: number): string | Promise<string>;
  /**
   * When `nonce` expires, in milliseconds since the epoch; undefined when this store never issued it or it has
   * expired. Throw (or reject) when the store cannot answer: the middleware then answers 503, never accepts.
   */
  expiresAt(nonce: string): number | undefined | Promise<number | undefined>;
}
