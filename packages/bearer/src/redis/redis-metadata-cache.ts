import { memoryMetadataCache } from '../proxy/memory-metadata-cache';
import type { MetadataCache } from '../stores/metadata-cache';
import { RedisStoreError } from './redis-store-error';
import { redisStoreContext, ttlMilliseconds, type RedisStoreOptions } from './redis-store-options';

/** The longest document the cache stores or returns, in UTF-16 code units (1 MiB): larger is a miss. */
const MAX_DOCUMENT_LENGTH = 1 << 20;

/**
 * A proxy's cache of protected resource metadata documents (RFC 9728 §3) shared through Redis, so that many
 * instances fetch the upstream's document once per lifetime between them: `GET` and `SET key value PX ttl`, the
 * key the SHA-256 of the document's URL under `prefix`. A document over 1 MiB is neither stored nor returned.
 *
 * The cache is an optimisation, never a gate: under `'refuse'` (default) a failed command throws, which the proxy
 * counts as a miss (or ignores, for a write); under `'allow-local'` this instance keeps its own bounded copy
 * (oldest dropped first) and answers from it while Redis cannot.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-3 RFC 9728 §3
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { redisMetadataCache } from '@authheaders/bearer/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * export const metadataCache = redisMetadataCache({ client, onStoreError: 'allow-local' });
 * ```
 */
export function redisMetadataCache(options: RedisStoreOptions): MetadataCache {
  const { command, key, localMaxEntries, report } = redisStoreContext(options, 'metadata', 'metadata');
  const local = localMaxEntries === undefined ? undefined : memoryMetadataCache({ maxEntries: localMaxEntries, maxTtlMs: 2 ** 31 - 1 });
  return {
    async get(url) {
      const id = key(String(url));
      let reply: unknown;
      try {
        reply = await command(['GET', id]);
        if (reply !== null && typeof reply !== 'string') throw new RedisStoreError('unexpected_reply', 'metadata');
      } catch (error) {
        const storeError = report(error);
        if (local === undefined) throw storeError;
        return local.get(id);
      }
      return reply === null || reply.length > MAX_DOCUMENT_LENGTH ? undefined : reply;
    },
    async set(url, value, ttlMs) {
      const ttl = ttlMilliseconds(ttlMs);
      if (typeof value !== 'string' || value.length > MAX_DOCUMENT_LENGTH) return;
      const id = key(String(url));
      local?.set(id, value, ttl);
      try {
        if ((await command(['SET', id, value, 'PX', `${ttl}`])) !== 'OK') throw new RedisStoreError('unexpected_reply', 'metadata');
      } catch (error) {
        const storeError = report(error);
        if (local === undefined) throw storeError;
      }
    },
  };
}
