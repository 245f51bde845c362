import { createHash } from 'node:crypto';
import { redisCommand, type RedisClientLike, type RedisCommand } from './redis-command';
import { RedisStoreError } from './redis-store-error';

/** The options every Redis store takes. */
export interface RedisStoreOptions {
  /**
   * Your connected client: node-redis 4 or later (`createClient()`), or ioredis (`new Redis()`). The store sends
   * plain `SET` and `GET` commands through it and never closes it.
   */
  client: RedisClientLike;
  /** Put before every key, to share one Redis database with other data. Default `'authheaders:'`; at most 256 characters. */
  prefix?: string;
  /**
   * What the store does when Redis cannot answer (down, too slow, overloaded, an unexpected reply):
   * - `'refuse'` (default): it throws a {@link RedisStoreError}; the DPoP middleware answers 503 with `Retry-After`
   *   and accepts nothing; a proxy's metadata cache counts it as a miss.
   * - `'allow-local'`: this instance answers from a bounded memory of its own until Redis answers again. Replay
   *   protection and nonces then hold within the instance only (RFC 9449 §11.1): a proof accepted here during the
   *   outage can be replayed once against another instance.
   */
  onStoreError?: 'refuse' | 'allow-local';
  /** How long a command may take, in milliseconds, before the store gives up on it (default 1 000, at most 2^31 − 1). */
  commandTimeoutMs?: number;
  /** How many commands may wait on Redis at once before a new one fails without being sent (default 1 000). */
  maxPendingCommands?: number;
  /** How many entries the local memory of `'allow-local'` keeps (default 10 000). */
  localMaxEntries?: number;
  /** Called with every {@link RedisStoreError}, whichever the policy; never with a key or a value. Its errors are ignored. */
  onError?: (error: RedisStoreError) => unknown;
}

/** What a store is built from: its command, its keys, the size of its local memory under `'allow-local'`, its error sink. */
export interface RedisStoreContext {
  command: RedisCommand;
  /** The Redis key of `raw` in this store's namespace: SHA-256, so never the raw value and always 43 characters. */
  key: (raw: string) => string;
  /** How many entries this instance may keep on its own: present only under `'allow-local'`. */
  localMaxEntries: number | undefined;
  /** Hands an error to `onError` (fire and forget) and returns it as a RedisStoreError. */
  report: (error: unknown) => RedisStoreError;
}

const isCount = (value: unknown, max: number): value is number => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max;

/**
 * Checks the options when the store is built (a TypeError naming the option, never its value) and builds what the
 * store needs. `namespace` separates the stores' keys under one prefix.
 */
export function redisStoreContext(options: RedisStoreOptions, store: RedisStoreError['store'], namespace: string): RedisStoreContext {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object with a client');
  const { client, prefix = 'authheaders:', onStoreError = 'refuse', commandTimeoutMs = 1e3, maxPendingCommands = 1e3, localMaxEntries = 1e4, onError } = options;
  if (typeof prefix !== 'string' || prefix.length > 256) throw new TypeError('prefix must be a string of at most 256 characters');
  if (onStoreError !== 'refuse' && onStoreError !== 'allow-local') throw new TypeError("onStoreError must be 'refuse' or 'allow-local'");
  if (!isCount(commandTimeoutMs, 2 ** 31 - 1)) throw new TypeError('commandTimeoutMs must be an integer from 1 to 2^31 - 1');
  if (!isCount(maxPendingCommands, 1e6)) throw new TypeError('maxPendingCommands must be an integer from 1 to 1 000 000');
  if (!isCount(localMaxEntries, 1e7)) throw new TypeError('localMaxEntries must be an integer from 1 to 10 000 000');
  if (onError != null && typeof onError !== 'function') throw new TypeError('onError must be a function');
  const command = redisCommand(client, store, commandTimeoutMs, maxPendingCommands);
  const keyPrefix = `${prefix}${namespace}:`;
  return {
    command,
    key: (raw) => keyPrefix + createHash('sha256').update(raw).digest('base64url'),
    localMaxEntries: onStoreError === 'allow-local' ? localMaxEntries : undefined,
    report: (error) => {
      const storeError = error instanceof RedisStoreError ? error : new RedisStoreError('unavailable', store, error);
      if (onError) {
        Promise.resolve(storeError)
          .then((e) => onError(e))
          .catch(() => {});
      }
      return storeError;
    },
  };
}

/**
 * The lifetime a store is asked to keep something for, as Redis's `PX` wants it: a whole number of milliseconds,
 * at least 1. Anything else is a caller's bug, not a store failure.
 */
export function ttlMilliseconds(ttlMs: unknown): number {
  if (typeof ttlMs !== 'number' || !(ttlMs > 0) || ttlMs > 2 ** 31 - 1) throw new TypeError('ttlMs must be a number of milliseconds from 1 to 2^31 - 1');
  return Math.ceil(ttlMs);
}
