import { RedisStoreError } from './redis-store-error';

/**
 * A node-redis client, version 4 or later (`createClient()` of `redis` or `@redis/client`), connected by you. In
 * node-redis 4's legacy mode, its `v4` interface is used.
 */
export interface NodeRedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** An ioredis client (`new Redis()`), or a client with its API such as iovalkey's. */
export interface IoRedisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** The client a Redis store sends its commands through: the application's own, shared with its other uses. */
export type RedisClientLike = NodeRedisClientLike | IoRedisClientLike;

/** Sends one command and settles with its reply, or rejects with a {@link RedisStoreError}. */
export type RedisCommand = (args: readonly string[]) => Promise<unknown>;

/**
 * The sender of the client's generic command method, picked once: ioredis's `call(name, ...args)` (it has a
 * `sendCommand` too, taking a Command object) before node-redis's `sendCommand([name, ...args])`. Undefined for
 * anything else.
 */
function clientSender(client: unknown): ((args: readonly string[]) => unknown) | undefined {
  if (client === null || typeof client !== 'object') return undefined;
  const { call, sendCommand } = client as { call?: unknown; sendCommand?: unknown };
  if (typeof call === 'function') return (args) => call.apply(client, args);
  // node-redis 4 with legacyMode: true keeps the promise API under `v4`; outside legacy mode that getter throws.
  let v4: unknown;
  try {
    v4 = (client as { v4?: unknown }).v4;
  } catch {}
  const legacy = v4 !== null && typeof v4 === 'object' ? (v4 as { sendCommand?: unknown }).sendCommand : undefined;
  if (typeof legacy === 'function') return (args) => legacy.call(v4, args);
  if (typeof sendCommand === 'function') return (args) => sendCommand.call(client, args);
  return undefined;
}

/**
 * Wraps the client's command method so that no request waits on Redis longer than `timeoutMs`, and no more than
 * `maxPending` commands wait on it at once: past that, a command fails at once without being sent, so a hung Redis
 * costs bounded memory and no flood of queued commands when it comes back. A command counts as pending until the
 * client settles it, even after its timeout. Throws a TypeError when `client` is neither client.
 */
export function redisCommand(client: unknown, store: RedisStoreError['store'], timeoutMs: number, maxPending: number): RedisCommand {
  const send = clientSender(client);
  if (send === undefined) throw new TypeError('client must be a node-redis (4 or later) or ioredis client');
  let pending = 0;
  const settled = () => {
    pending--;
  };
  return (args) => {
    if (pending >= maxPending) return Promise.reject(new RedisStoreError('overloaded', store));
    let reply: Promise<unknown>;
    try {
      reply = Promise.resolve(send(args));
    } catch (error) {
      return Promise.reject(new RedisStoreError('unavailable', store, error));
    }
    pending++;
    reply.then(settled, settled);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new RedisStoreError('timeout', store)), timeoutMs);
      (timer as { unref?: () => void }).unref?.();
      reply.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new RedisStoreError('unavailable', store, error));
        },
      );
    });
  };
}
