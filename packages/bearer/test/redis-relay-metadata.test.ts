// Two relays of @authheaders/bearer/proxy in front of one real upstream on loopback, sharing the upstream's
// protected resource metadata (RFC 9728 §3) through a real redis-server: relay A with node-redis, relay B with
// ioredis. The upstream is asked once between them; with Redis killed, the cache is a miss ('refuse') or the
// relay's own copy ('allow-local'), never an error for the client.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthRelay } from '@authheaders/bearer/proxy';
import { redisMetadataCache, type RedisClientLike, type RedisStoreOptions } from '@authheaders/bearer/redis';
import { connectIoredis, connectNodeRedis, redisSkipReason, startRedisServer, type RedisServer } from './support/redis-server';

const PUBLIC = 'http://127.0.0.1/mcp';
const METADATA = 'http://127.0.0.1/.well-known/oauth-protected-resource/mcp';

let redis: RedisServer;
let upstream: Server;
let upstreamOrigin: string;
let metadataFetches = 0;
const clients: RedisClientLike[] = [];
let nodeRedis: Awaited<ReturnType<typeof connectNodeRedis>>;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  if (redisSkipReason !== undefined) return;
  redis = await startRedisServer();
  upstream = createServer((req, res) => {
    if (req.url !== '/.well-known/oauth-protected-resource/mcp') return void res.writeHead(404).end();
    metadataFetches++;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
    res.end(JSON.stringify({ resource: `${upstreamOrigin}/mcp`, authorization_servers: ['https://as.example'], scopes_supported: ['mcp:read'] }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  nodeRedis = await connectNodeRedis(redis);
  const ioredis = await connectIoredis(redis);
  clients.push(nodeRedis, ioredis);
  closers.push(() => nodeRedis.destroy(), () => ioredis.disconnect());
}, 60_000);

afterAll(async () => {
  for (const close of closers) close();
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
  await redis?.close();
});

const relay = (client: RedisClientLike, options: Partial<RedisStoreOptions> = {}) =>
  createAuthRelay({ upstream: `${upstreamOrigin}/mcp`, publicUrl: PUBLIC, metadataCache: redisMetadataCache({ client, prefix: 'relay:', commandTimeoutMs: 300, ...options }) });

describe.skipIf(redisSkipReason !== undefined)('two relays sharing the metadata cache through Redis', () => {
  it('the upstream is asked once between them; each serves the document with resource rewritten', async () => {
    metadataFetches = 0;
    const [a, b] = [relay(clients[0]!), relay(clients[1]!)];
    const fromA = await a(new Request(METADATA));
    expect(fromA.status).toBe(200);
    // The relay writes to its cache without holding the answer back: wait until Redis has the document.
    await vi.waitFor(async () => expect(await nodeRedis.keys('relay:metadata:*')).toHaveLength(1), { timeout: 15_000 });
    const fromB = await b(new Request(METADATA));
    expect(fromB.status).toBe(200);
    const documents = [await fromA.json(), await fromB.json()];
    expect(documents[0]).toEqual({ resource: PUBLIC, authorization_servers: ['https://as.example'], scopes_supported: ['mcp:read'] });
    expect(documents[1]).toEqual(documents[0]);
    expect(metadataFetches).toBe(1);
  });

  it("Redis killed: 'refuse' fetches from the upstream (a miss), 'allow-local' answers from its own copy; both 200", async () => {
    const refusing = relay(clients[0]!, { prefix: 'relay-down:' });
    const local = relay(clients[1]!, { prefix: 'relay-down:', onStoreError: 'allow-local' });
    expect((await local(new Request(METADATA))).status).toBe(200);
    metadataFetches = 0;
    await redis.kill();
    try {
      const [fromRefusing, fromLocal] = await Promise.all([refusing(new Request(METADATA)), local(new Request(METADATA))]);
      expect([fromRefusing.status, fromLocal.status]).toEqual([200, 200]);
      expect((await fromLocal.json()).resource).toBe(PUBLIC);
      expect((await fromRefusing.json()).resource).toBe(PUBLIC);
      expect(metadataFetches).toBe(1); // the refusing relay's miss only
    } finally {
      await redis.start();
    }
  }, 60_000);
});
