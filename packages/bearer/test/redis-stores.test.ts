// The Redis stores against a real redis-server (Debian's package, loopback, no persistence) through both clients
// they support, node-redis and ioredis: what each command leaves in Redis, atomicity across two clients, expiry,
// what each policy answers while Redis is killed, and recovery when it comes back. Hostile and broken clients at
// the end.
import { createHash } from 'node:crypto';
import { createClient as createClientV4 } from 'redis-v4';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisMetadataCache, redisNonceStore, redisReplayCache, RedisStoreError, type RedisClientLike, type RedisStoreOptions } from '@authheaders/bearer/redis';
import { connectIoredis, connectNodeRedis, redisSkipReason, startRedisServer, type RedisServer } from './support/redis-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Client {
  client: RedisClientLike;
  /** A raw command, for looking at what the stores left in Redis. */
  raw: (...args: string[]) => Promise<unknown>;
  quit: () => Promise<unknown>;
}

const CLIENTS: Record<string, (server: RedisServer) => Promise<Client>> = {
  'node-redis': async (server) => {
    const client = await connectNodeRedis(server);
    return { client, raw: (...args) => client.sendCommand(args), quit: async () => client.destroy() };
  },
  // node-redis 4 (the oldest the entry supports): the same sendCommand([name, ...args]).
  'node-redis-4': async (server) => {
    const client = createClientV4({ url: server.url, socket: { reconnectStrategy: () => 50, connectTimeout: 2000 } });
    client.on('error', () => {});
    await client.connect();
    return { client, raw: (...args) => client.sendCommand(args), quit: async () => client.disconnect().catch(() => {}) };
  },
  ioredis: async (server) => {
    const client = await connectIoredis(server);
    return { client, raw: (...args) => client.call(args[0]!, ...args.slice(1)), quit: async () => client.disconnect() };
  },
};

let server: RedisServer;
const opened: Client[] = [];
const open = async (name: string) => {
  const client = await CLIENTS[name]!(server);
  opened.push(client);
  return client;
};

beforeAll(async () => {
  if (redisSkipReason === undefined) server = await startRedisServer();
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.map((c) => c.quit().catch(() => {})));
  await server?.close();
});

/** Retries until Redis answers through the store again (the client reconnects on its own schedule). */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

describe.skipIf(redisSkipReason !== undefined).each(Object.keys(CLIENTS))('Redis stores through %s', (name) => {
  it('the replay cache accepts a key once, with one SET NX PX per call, under a hashed key that expires', async () => {
    const { client, raw } = await open(name);
    const prefix = `t-${name}-replay:`;
    const cache = redisReplayCache({ client, prefix });
    const key = `jkt-and-jti-${Math.random()}`;
    expect(await cache.checkAndStore(key, 60_000)).toBe(true);
    expect(await cache.checkAndStore(key, 60_000)).toBe(false);
    expect(await cache.checkAndStore(`${key}x`, 60_000)).toBe(true);
    const keys = (await raw('KEYS', `${prefix}*`)) as string[];
    expect(keys).toHaveLength(2);
    for (const stored of keys) {
      expect(stored).toMatch(/^t-[a-z0-9-]+-replay:dpop-jti:[\w-]{43}$/);
      expect(stored).not.toContain(key);
      const ttl = Number(await raw('PTTL', stored));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    // A short window ends: the key is gone and the same proof would be new again (its iat check refuses it then).
    expect(await cache.checkAndStore('short', 30)).toBe(true);
    await sleep(120);
    expect(await cache.checkAndStore('short', 30)).toBe(true);
  });

  it('two instances, each with its own connection, racing on one key: exactly one is told the key is new', async () => {
    // Room for every command at once, and time enough on a loaded machine: this test is about atomicity.
    const options = { prefix: `t-${name}-race:`, commandTimeoutMs: 30_000, maxPendingCommands: 5_000 };
    const a = redisReplayCache({ client: (await open(name)).client, ...options });
    const b = redisReplayCache({ client: (await open('node-redis')).client, ...options });
    const c = redisReplayCache({ client: (await open('ioredis')).client, ...options });
    const answers = await Promise.all(Array.from({ length: 3000 }, (_, i) => [a, b, c][i % 3]!.checkAndStore('one proof', 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('a nonce issued through one client is known through another until it expires; the nonce itself is not stored', async () => {
    const { client, raw } = await open(name);
    const prefix = `t-${name}-nonce:`;
    const a = redisNonceStore({ client, prefix });
    const b = redisNonceStore({ client: (await open(name === 'ioredis' ? 'node-redis' : 'ioredis')).client, prefix });
    const before = Date.now();
    const nonce = await a.issue(60_000);
    // RFC 9449 §8.1: NQCHAR; 32 random bytes in base64url.
    expect(nonce).toMatch(/^[\w-]{43}$/);
    const expiresAt = await b.expiresAt(nonce);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(await a.issue(60_000)).not.toBe(nonce);
    const keys = (await raw('KEYS', `${prefix}*`)) as string[];
    expect(keys).toHaveLength(2);
    for (const stored of keys) {
      expect(stored).toMatch(/^t-[a-z0-9-]+-nonce:dpop-nonce:[\w-]{43}$/);
      expect(stored).not.toContain(nonce);
      expect(String(await raw('GET', stored))).toMatch(/^\d+$/);
    }
    expect(await b.expiresAt('never-issued')).toBeUndefined();
    // What a client sends is hostile: none of these is known, and none throws.
    for (const hostile of ['', '__proto__', 'constructor', 'x'.repeat(10_000), 42, null, undefined, {}] as unknown[]) {
      expect(await b.expiresAt(hostile as string)).toBeUndefined();
    }
    const short = await a.issue(30);
    await sleep(120);
    expect(await b.expiresAt(short)).toBeUndefined();
  });

  it('the metadata cache shares a document between instances, keyed by its URL hashed, and skips one over 1 MiB', async () => {
    const { client, raw } = await open(name);
    const prefix = `t-${name}-meta:`;
    const a = redisMetadataCache({ client, prefix });
    const b = redisMetadataCache({ client: (await open(name)).client, prefix });
    const url = 'https://upstream.example/.well-known/oauth-protected-resource/mcp';
    const document = JSON.stringify({ resource: 'https://upstream.example/mcp', authorization_servers: ['https://as.example'] });
    expect(await b.get(url)).toBeUndefined();
    await a.set(url, document, 60_000);
    expect(await b.get(url)).toBe(document);
    await a.set('https://big.example/', 'x'.repeat((1 << 20) + 1), 60_000);
    expect(await b.get('https://big.example/')).toBeUndefined();
    const keys = (await raw('KEYS', `${prefix}*`)) as string[];
    expect(keys).toEqual([expect.stringMatching(/^t-[a-z0-9-]+-meta:metadata:[\w-]{43}$/)]);
    // A value over the limit planted in Redis by someone else is a miss, not a megabyte handed to the proxy.
    await raw('SET', keys[0]!, 'y'.repeat((1 << 20) + 1));
    expect(await b.get(url)).toBeUndefined();
  });

  it("Redis killed mid-run, 'refuse': every call of every store fails with RedisStoreError within the timeout, none accepts; service resumes when Redis is back", async () => {
    const errors: RedisStoreError[] = [];
    const { client } = await open(name);
    const options: RedisStoreOptions = { client, prefix: `t-${name}-down:`, commandTimeoutMs: 300, onError: (e) => errors.push(e) };
    const replay = redisReplayCache(options);
    const nonces = redisNonceStore(options);
    const metadata = redisMetadataCache(options);
    const nonce = await nonces.issue(60_000);
    expect(await replay.checkAndStore('before', 60_000)).toBe(true);
    await server.kill();
    try {
      const started = Date.now();
      const results = await Promise.allSettled([
        replay.checkAndStore('during', 60_000),
        replay.checkAndStore('before', 60_000),
        nonces.issue(60_000),
        nonces.expiresAt(nonce),
        metadata.get('https://a.example/'),
        metadata.set('https://a.example/', '{}', 60_000),
      ]);
      // Bounded by commandTimeoutMs (300 ms) plus scheduling on a loaded machine, never by Redis.
      expect(Date.now() - started).toBeLessThan(10_000);
      for (const result of results) {
        expect(result.status).toBe('rejected');
        const error = (result as PromiseRejectedResult).reason as RedisStoreError;
        expect(error).toBeInstanceOf(RedisStoreError);
        expect(['timeout', 'unavailable']).toContain(error.failure);
        expect(error.message).not.toMatch(/during|before|a\.example/);
        expect(error.message).not.toContain(nonce);
        expect(Object.keys(error)).not.toContain('cause');
      }
      await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(6));
    } finally {
      await server.start();
    }
    // Redis came back empty (no persistence): new keys are new, and the store works again without being rebuilt.
    expect(await eventually(async () => replay.checkAndStore('after', 60_000))).toBe(true);
    expect(await replay.checkAndStore('after', 60_000)).toBe(false);
    expect(await nonces.expiresAt(await nonces.issue(60_000))).toBeGreaterThan(Date.now());
  }, 60_000);

  it("Redis killed mid-run, 'allow-local': the instance answers from its own memory, never accepts a proof twice, and uses Redis again when it is back", async () => {
    const errors: RedisStoreError[] = [];
    const { client, raw } = await open(name);
    const options: RedisStoreOptions = { client, prefix: `t-${name}-local:`, commandTimeoutMs: 300, onStoreError: 'allow-local', onError: (e) => errors.push(e) };
    const replay = redisReplayCache(options);
    const nonces = redisNonceStore(options);
    const metadata = redisMetadataCache(options);
    const redisNonce = await nonces.issue(60_000);
    await metadata.set('https://m.example/', '{"resource":"https://m.example/"}', 60_000);
    await server.kill();
    let localNonce: string;
    try {
      expect(await replay.checkAndStore('during', 60_000)).toBe(true);
      expect(await replay.checkAndStore('during', 60_000)).toBe(false);
      localNonce = await nonces.issue(60_000);
      expect(await nonces.expiresAt(localNonce)).toBeGreaterThan(Date.now());
      // A nonce only Redis knew is unknown while it is down: the client is sent a fresh one, never let through.
      expect(await nonces.expiresAt(redisNonce)).toBeUndefined();
      expect(await metadata.get('https://m.example/')).toBe('{"resource":"https://m.example/"}');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e instanceof RedisStoreError)).toBe(true);
    } finally {
      await server.start();
    }
    await eventually(() => raw('PING'));
    const errorsBefore = errors.length;
    expect(await replay.checkAndStore('after', 60_000)).toBe(true);
    // Through Redis this time: no error reported, and the key is there.
    expect(errors.length).toBe(errorsBefore);
    // (The SET of 'during' may be there too: a client's offline queue sends a timed-out command once it reconnects.)
    expect(await raw('EXISTS', `t-${name}-local:dpop-jti:${createHash('sha256').update('after').digest('base64url')}`)).toBe(1);
    // The proof accepted during the outage is still refused here once Redis is back (Redis never saw it).
    expect(await replay.checkAndStore('during', 60_000)).toBe(false);
    expect(await nonces.expiresAt(localNonce!)).toBeGreaterThan(Date.now());
  }, 60_000);
});

describe.skipIf(redisSkipReason !== undefined)('node-redis 4 in legacyMode', () => {
  it('is used through its v4 promise interface', async () => {
    const client = createClientV4({ url: server.url, legacyMode: true });
    client.on('error', () => {});
    await client.connect();
    try {
      const cache = redisReplayCache({ client: client as unknown as RedisClientLike, prefix: 't-legacy:' });
      expect([await cache.checkAndStore('k', 60_000), await cache.checkAndStore('k', 60_000)]).toEqual([true, false]);
    } finally {
      await client.v4.quit();
    }
  });
});

/** A client that is neither node-redis nor ioredis but looks like one, answering whatever the test says. */
const fakeClient = (answer: (args: readonly string[]) => unknown): RedisClientLike => ({ sendCommand: answer as (args: string[]) => Promise<unknown> });

describe('Redis stores, hostile and broken clients', () => {
  it('check every option when built, with a TypeError that names the option and not its value', () => {
    const client = fakeClient(async () => 'OK');
    const bad: [Partial<RedisStoreOptions> | undefined, RegExp][] = [
      [undefined, /^options/],
      [{ client: undefined as never }, /^client/],
      [{ client: { sendCommand: 'SECRET' } as never }, /^client/],
      [{ client: {} as never }, /^client/],
      [{ client, prefix: 'SECRET'.repeat(100) }, /^prefix/],
      [{ client, prefix: 42 as never }, /^prefix/],
      [{ client, onStoreError: 'SECRET' as never }, /^onStoreError/],
      [{ client, onStoreError: 'allow' as never }, /^onStoreError/],
      [{ client, commandTimeoutMs: 0 }, /^commandTimeoutMs/],
      [{ client, commandTimeoutMs: Infinity }, /^commandTimeoutMs/],
      [{ client, commandTimeoutMs: 2 ** 31 }, /^commandTimeoutMs/],
      [{ client, maxPendingCommands: 1.5 }, /^maxPendingCommands/],
      [{ client, localMaxEntries: -1 }, /^localMaxEntries/],
      [{ client, onError: 'SECRET' as never }, /^onError/],
    ];
    for (const make of [redisReplayCache, redisNonceStore, redisMetadataCache]) {
      for (const [options, message] of bad) {
        let thrown: unknown;
        try {
          make(options as RedisStoreOptions);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(TypeError);
        expect((thrown as Error).message).toMatch(message);
        expect((thrown as Error).message).not.toContain('SECRET');
      }
    }
  });

  it('a client that throws, rejects, answers oddly or never answers: a RedisStoreError, never an accept, never a hang', async () => {
    const cases: [(args: readonly string[]) => unknown, RedisStoreError['failure']][] = [
      [() => {
        throw new Error('boom');
      }, 'unavailable'],
      [() => Promise.reject(new Error('boom')), 'unavailable'],
      [() => Promise.resolve(1), 'unexpected_reply'],
      [() => Promise.resolve({ then: 1 }), 'unexpected_reply'],
      [() => 'OK but not a promise', 'unexpected_reply'],
      [() => new Promise(() => {}), 'timeout'],
    ];
    for (const [answer, failure] of cases) {
      const cache = redisReplayCache({ client: fakeClient(answer), commandTimeoutMs: 50 });
      await expect(cache.checkAndStore('k', 1000)).rejects.toMatchObject({ name: 'RedisStoreError', failure });
    }
    // A nonce value Redis holds must be a whole number: a planted one is an error, not an expiry far away.
    const nonces = redisNonceStore({ client: fakeClient(async () => '1e999') });
    await expect(nonces.expiresAt('n')).rejects.toMatchObject({ failure: 'unexpected_reply' });
    // Metadata: a non-string reply is an error (the proxy counts it as a miss).
    await expect(redisMetadataCache({ client: fakeClient(async () => ['a']) }).get('u')).rejects.toMatchObject({ failure: 'unexpected_reply' });
  });

  it('a hung Redis: at most maxPendingCommands commands wait on it, counted until the client settles them; the rest fail unsent', async () => {
    const hung: ((value: unknown) => void)[] = [];
    const sent = vi.fn(() => new Promise((resolve) => hung.push(resolve)));
    const cache = redisReplayCache({ client: fakeClient(sent), commandTimeoutMs: 30, maxPendingCommands: 2 });
    const first = await Promise.allSettled([cache.checkAndStore('a', 1000), cache.checkAndStore('b', 1000), cache.checkAndStore('c', 1000)]);
    expect(first.map((r) => (r as PromiseRejectedResult).reason.failure)).toEqual(['timeout', 'timeout', 'overloaded']);
    // Timed out, but the client still holds them: still full.
    await expect(cache.checkAndStore('d', 1000)).rejects.toMatchObject({ failure: 'overloaded' });
    expect(sent).toHaveBeenCalledTimes(2);
    for (const resolve of hung.splice(0)) resolve('OK');
    await sleep(0);
    const later = cache.checkAndStore('e', 1000);
    hung.shift()!('OK');
    await expect(later).resolves.toBe(true);
  });

  it("'allow-local': the local memory is bounded, and a full one refuses rather than forgets a proof", async () => {
    const cache = redisReplayCache({ client: fakeClient(() => Promise.reject(new Error('down'))), onStoreError: 'allow-local', localMaxEntries: 2 });
    expect(await cache.checkAndStore('a', 60_000)).toBe(true);
    expect(await cache.checkAndStore('b', 60_000)).toBe(true);
    await expect(cache.checkAndStore('c', 60_000)).rejects.toMatchObject({ failure: 'local_full' });
    expect(await cache.checkAndStore('a', 60_000)).toBe(false);
    // Expired entries make room.
    const short = redisReplayCache({ client: fakeClient(() => Promise.reject(new Error('down'))), onStoreError: 'allow-local', localMaxEntries: 1 });
    expect(await short.checkAndStore('a', 20)).toBe(true);
    await sleep(60);
    expect(await short.checkAndStore('b', 60_000)).toBe(true);
  });

  it('an onError that throws or rejects changes nothing', async () => {
    for (const onError of [() => {
      throw new Error('sink');
    }, () => Promise.reject(new Error('sink'))]) {
      const cache = redisReplayCache({ client: fakeClient(() => Promise.reject(new Error('down'))), onError });
      await expect(cache.checkAndStore('k', 1000)).rejects.toMatchObject({ failure: 'unavailable' });
    }
  });

  it('ttlMs must be a positive number of milliseconds', async () => {
    const cache = redisReplayCache({ client: fakeClient(async () => 'OK') });
    for (const ttl of [0, -1, NaN, Infinity, '1000']) await expect(cache.checkAndStore('k', ttl as number)).rejects.toBeInstanceOf(TypeError);
  });
});
