import { randomBytes } from 'node:crypto';
import { BoundedExpiryMap } from '../dpop/bounded-expiry-map';
import type { NonceStore } from '../stores/nonce-store';
import { RedisStoreError } from './redis-store-error';
import { redisStoreContext, ttlMilliseconds, type RedisStoreOptions } from './redis-store-options';

/** Longer than any nonce this store issues: a longer one is unknown without asking Redis. */
const MAX_NONCE_LENGTH = 256;

/**
 * A DPoP nonce store shared by every instance that uses the same Redis (RFC 9449 §8, §9): a nonce issued by one
 * instance is accepted by all of them until it expires.
 *
 * `issue` makes 32 random bytes, base64url (43 characters, within RFC 9449 §8.1 NQCHAR), and records them with
 * `SET key expiry NX PX ttl` before handing the nonce out, so another instance knows it as soon as a client can
 * send it. Keys are the SHA-256 of the nonce under `prefix`; the nonce itself is never stored. `expiresAt` is one
 * `GET`; a nonce longer than 256 characters or not a string is unknown without a command.
 *
 * When Redis cannot answer, `onStoreError` decides: `'refuse'` (default) throws a {@link RedisStoreError} (the
 * middleware answers 503 with `Retry-After`); `'allow-local'` issues and checks nonces in this instance's bounded
 * memory, and a nonce it cannot find anywhere is unknown: the client is sent a fresh one, never let through.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-8 RFC 9449 §8
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { redisNonceStore } from '@authheaders/bearer/redis';
 *
 * export const nonceStore = redisNonceStore({ client: new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') });
 * ```
 */
export function redisNonceStore(options: RedisStoreOptions): NonceStore {
  const { command, key, localMaxEntries, report } = redisStoreContext(options, 'nonce', 'dpop-nonce');
  const local = localMaxEntries === undefined ? undefined : new BoundedExpiryMap(localMaxEntries, Date.now);
  return {
    async issue(ttlMs) {
      const ttl = ttlMilliseconds(ttlMs);
      const nonce = randomBytes(32).toString('base64url');
      const id = key(nonce);
      const expiresAt = Date.now() + ttl;
      try {
        if ((await command(['SET', id, `${expiresAt}`, 'NX', 'PX', `${ttl}`])) !== 'OK') throw new RedisStoreError('unexpected_reply', 'nonce');
      } catch (error) {
        const storeError = report(error);
        if (local === undefined) throw storeError;
        // Forgetting a nonce early costs its client one use_dpop_nonce retry, never an acceptance.
        if (!local.makeRoom()) local.dropOldest();
        local.set(id, ttl);
      }
      return nonce;
    },
    async expiresAt(nonce) {
      if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH) return undefined;
      const id = key(nonce);
      const now = Date.now();
      const known = local?.expiresAt(id);
      if (known !== undefined) return known;
      let reply: unknown;
      try {
        reply = await command(['GET', id]);
        if (reply !== null && (typeof reply !== 'string' || !/^\d{1,16}$/.test(reply))) throw new RedisStoreError('unexpected_reply', 'nonce');
      } catch (error) {
        const storeError = report(error);
        if (local === undefined) throw storeError;
        return undefined;
      }
      const expiresAt = reply === null ? 0 : Number(reply);
      // Redis expires keys lazily to the millisecond; the value is the authority.
      return expiresAt > now ? expiresAt : undefined;
    },
  };
}
