import type { ReplayCache } from '../stores/replay-cache';
import { BoundedExpiryMap, maxEntriesOption } from './bounded-expiry-map';

/** Options of {@link memoryReplayCache}. */
export interface MemoryReplayCacheOptions {
  /** The most proofs remembered at once (default 100 000, about 10 MB). */
  maxEntries?: number | undefined;
}

/**
 * The default DPoP replay cache (RFC 9449 §11.1): in this process's memory, bounded. An entry lives as long as the
 * middleware asks (the proof window). When every entry is still live and the cache is full, `checkAndStore` throws
 * and the request is refused with 503: forgetting a live entry would let its proof be replayed. Only requests whose
 * proof and token are good are stored, so filling it takes that many authenticated requests within one window.
 * For several instances, use a shared {@link ReplayCache}.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-11.1 RFC 9449 §11.1
 * @example
 * ```ts
 * import { memoryReplayCache } from '@authheaders/bearer/dpop';
 *
 * const replayCache = memoryReplayCache({ maxEntries: 10_000 });
 * await replayCache.checkAndStore('a-digest', 65_000); // true: new
 * await replayCache.checkAndStore('a-digest', 65_000); // false: a replay
 * ```
 */
export function memoryReplayCache(options: MemoryReplayCacheOptions = {}): ReplayCache & { readonly size: number } {
  const entries = new BoundedExpiryMap(maxEntriesOption(options?.maxEntries, 100_000, 'maxEntries'), Date.now);
  return {
    get size() {
      return entries.size;
    },
    checkAndStore(key, ttlMs) {
      if (entries.expiresAt(key) !== undefined) return false;
      if (!entries.makeRoom()) throw new RangeError('the DPoP replay cache is full');
      entries.set(key, ttlMs);
      return true;
    },
  };
}
