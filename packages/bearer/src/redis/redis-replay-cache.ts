import { BoundedExpiryMap } from '../dpop/bounded-expiry-map';
import type { ReplayCache } from '../stores/replay-cache';
import { RedisStoreError } from './redis-store-error';
import { redisStoreContext, ttlMilliseconds, type RedisStoreOptions } from './redis-store-options';

/**
 * A DPoP replay cache shared by every instance that uses the same Redis (RFC 9449 §11.1: the `jti` check holds
 * only among the servers that share the store). Each key is recorded with `SET key 1 NX PX ttl`, one atomic
 * command: of two instances that see the same proof at the same moment, exactly one gets `OK` and accepts it, and
 * Redis forgets the key when the proof's window ends.
 *
 * The key is hashed again (SHA-256, under `prefix`) before it reaches Redis: fixed-length keys whatever a caller
 * passes, and nothing in Redis that could be replayed.
 *
 * When Redis cannot answer, `onStoreError` decides: `'refuse'` (default) throws a {@link RedisStoreError} and the
 * middleware answers 503 with `Retry-After`; `'allow-local'` records the key in this instance's bounded memory,
 * which is then checked before Redis on every call, so a proof accepted during an outage is still refused here
 * afterwards. When that memory is full of live keys the store throws rather than forget one.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-11.1 RFC 9449 §11.1
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { redisReplayCache } from '@authheaders/bearer/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * export const replayCache = redisReplayCache({ client, prefix: 'api:' });
 * ```
 */
export function redisReplayCache(options: RedisStoreOptions): ReplayCache {
  const { command, key, localMaxEntries, report } = redisStoreContext(options, 'replay', 'dpop-jti');
  const local = localMaxEntries === undefined ? undefined : new BoundedExpiryMap(localMaxEntries, Date.now);
  return {
    async checkAndStore(raw, ttlMs) {
      const ttl = ttlMilliseconds(ttlMs);
      const id = key(String(raw));
      if (local?.expiresAt(id) !== undefined) return false;
      try {
        const reply = await command(['SET', id, '1', 'NX', 'PX', `${ttl}`]);
        if (reply === 'OK') return true;
        if (reply === null) return false;
        throw new RedisStoreError('unexpected_reply', 'replay');
      } catch (error) {
        const storeError = report(error);
        if (local === undefined) throw storeError;
        // Forgetting a live proof to make room would let it be replayed.
        if (!local.makeRoom()) throw report(new RedisStoreError('local_full', 'replay'));
        local.set(id, ttl);
        return true;
      }
    },
  };
}
