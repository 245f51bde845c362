import type { MetadataCache } from '@authheaders/bearer';

export interface MemoryMetadataCacheOptions {
  /** Most documents kept; the least recently used goes first. Default 100. */
  maxEntries?: number;
  /** Longest a document is kept, whatever `ttlMs` asks. Default one hour. */
  maxTtlMs?: number;
  /** The clock, in milliseconds since the epoch (tests move it). Default `Date.now`. */
  now?: () => number;
}

/**
 * The default {@link MetadataCache} of a relay: in this process's memory, bounded in entries (least recently used
 * out first) and in time (`maxTtlMs`). A deployment of many instances plugs a shared one in instead.
 *
 * @example
 * ```ts
 * const cache = memoryMetadataCache({ maxEntries: 10 });
 * cache.set('https://10.1.2.3/.well-known/oauth-protected-resource/mcp', '{"resource":"..."}', 60_000);
 * ```
 */
export function memoryMetadataCache(options: MemoryMetadataCacheOptions = {}): MetadataCache {
  const maxEntries = options.maxEntries ?? 100;
  const maxTtlMs = options.maxTtlMs ?? 3_600_000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('maxEntries must be a positive integer');
  if (typeof maxTtlMs !== 'number' || !(maxTtlMs >= 0)) throw new TypeError('maxTtlMs must be a non-negative number');
  if (typeof now !== 'function') throw new TypeError('now must be a function');
  const entries = new Map<string, { value: string; expires: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expires <= now()) return undefined;
      entries.set(key, entry); // most recently used last
      return entry.value;
    },
    set(key, value, ttlMs) {
      entries.delete(key);
      const ttl = Math.min(Number.isFinite(ttlMs) ? ttlMs : 0, maxTtlMs);
      if (!(ttl > 0)) return;
      entries.set(key, { value, expires: now() + ttl });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
