/**
 * Where a proxy keeps the protected resource metadata documents (RFC 9728 §3) it relays, so that many instances
 * fetch the upstream's document once per lifetime between them rather than once each.
 */
export interface MetadataCache {
  /** The cached JSON text for `key` (the upstream document's URL), or undefined on a miss. A throw counts as a miss. */
  get(key: string): string | undefined | Promise<string | undefined>;
  /** Keeps `value` for `ttlMs` milliseconds. A throw is ignored: the cache is an optimisation, never a gate. */
  set(key: string, value: string, ttlMs: number): void | Promise<void>;
}
