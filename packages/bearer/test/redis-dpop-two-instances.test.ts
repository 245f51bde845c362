// Two DPoP resource servers on two loopback ports, as behind one load balancer (one public URL), sharing their
// replay cache and nonce store through one real redis-server: instance A talks to it with node-redis, instance B
// with ioredis. A proof accepted by one is refused by the other, a nonce issued by one is accepted by the other,
// 10,000 concurrent submissions of one proof split across both are accepted exactly once, and with Redis killed
// every request gets the documented 503 with Retry-After until it comes back.
//
// Real answers seen (redis-server 7.0.15, node-redis 6.4.0, ioredis 6.1.0): `SET k v NX PX ms` answers "OK" when
// the key is new and nil (null in both clients) when it exists; while Redis is down node-redis rejects or queues
// commands (its offline queue) and ioredis queues them, so the store's own command timeout is what bounds a request.
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenges } from '@authheaders/www-authenticate';
import type { BearerAuthAuditEvent } from '@authheaders/bearer';
import { bearerAuth } from '@authheaders/bearer/node';
import { redisNonceStore, redisReplayCache, type RedisClientLike } from '@authheaders/bearer/redis';
import { proofKey, thumbprint, validProof, type ProofKey } from './support/dpop-proof-maker';
import { rawRequest, type RawAnswer } from './support/raw-request';
import { connectIoredis, connectNodeRedis, redisSkipReason, startRedisServer, type RedisServer } from './support/redis-server';

const PUBLIC = 'https://api.example.com';
const PATH = '/mcp';
const TOKEN = `at-${crypto.randomUUID()}`;
// Generous for a loaded machine (Redis itself waits for a core); it bounds the answer while Redis is down.
const COMMAND_TIMEOUT_MS = 3_000;

type Answer = RawAnswer;

let redis: RedisServer;
let key: ProofKey;
const origins: string[] = [];
const servers: Server[] = [];
const audits: BearerAuthAuditEvent[] = [];
const closers: (() => unknown)[] = [];
// Bounded sockets per instance: the 10,000 submissions are in flight at once, queued on the client side.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

async function instance(client: RedisClientLike): Promise<string> {
  const jkt = await thumbprint(key.publicJwk);
  const guard = bearerAuth({
    realm: 'api',
    // The proof's htu names the public URL, whichever instance the balancer picked.
    dpop: {
      required: true,
      nonce: true,
      publicUrl: PUBLIC,
      replayCache: redisReplayCache({ client, prefix: 'two:', commandTimeoutMs: COMMAND_TIMEOUT_MS }),
      nonceStore: redisNonceStore({ client, prefix: 'two:', commandTimeoutMs: COMMAND_TIMEOUT_MS }),
    },
    onAudit: (event) => void audits.push(event),
    validateToken: (token) => (token === TOKEN ? { subject: 'alice', cnf: { jkt } } : null),
  });
  const server = createServer((req, res) => guard(req, res, (error) => (error ? res.writeHead(500).end() : res.writeHead(200).end('ok'))));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(origin: string, proof?: string): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `DPoP ${TOKEN}` };
  if (proof !== undefined) headers.dpop = proof;
  return rawRequest(`${origin}${PATH}`, { method: 'POST', agent, headers });
}

/** The scheme and error of the answer's challenge: `DPoP realm="api", error="use_dpop_nonce", ...` is `DPoP use_dpop_nonce`. */
const challengeOf = (answer: Answer): string => {
  const [challenge] = parseChallenges(String(answer.headers['www-authenticate']));
  return `${challenge?.scheme} ${challenge?.params.error}`;
};

const proof = (nonce?: string) => validProof(key, 'POST', `${PUBLIC}${PATH}`, TOKEN, nonce === undefined ? {} : { nonce });

/** A nonce from `origin`: the `use_dpop_nonce` answer to a proof without one (RFC 9449 §9). */
async function nonceFrom(origin: string): Promise<string> {
  const answer = await send(origin, await proof());
  expect(answer.status).toBe(401);
  expect(challengeOf(answer)).toBe('DPoP use_dpop_nonce');
  return answer.headers['dpop-nonce'] as string;
}

beforeAll(async () => {
  if (redisSkipReason !== undefined) return;
  redis = await startRedisServer();
  key = await proofKey('ES256');
  const nodeRedis = await connectNodeRedis(redis);
  const ioredis = await connectIoredis(redis);
  closers.push(() => nodeRedis.destroy(), () => ioredis.disconnect());
  origins.push(await instance(nodeRedis), await instance(ioredis));
}, 60_000);

afterAll(async () => {
  agent.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  for (const close of closers) close();
  await redis?.close();
});

describe.skipIf(redisSkipReason !== undefined)('two DPoP instances sharing Redis', () => {
  it('a nonce issued by A is accepted by B; the proof B accepted is then refused by A and by B', async () => {
    const [a, b] = origins as [string, string];
    const nonce = await nonceFrom(a);
    const accepted = await proof(nonce);
    expect((await send(b, accepted)).status).toBe(200);
    for (const origin of [a, b]) {
      const replayed = await send(origin, accepted);
      expect(replayed.status).toBe(401);
      expect(challengeOf(replayed)).toBe('DPoP invalid_dpop_proof');
    }
    // And the other way round: B's nonce on A, A's accepted proof replayed on B.
    const other = await proof(await nonceFrom(b));
    expect((await send(a, other)).status).toBe(200);
    expect((await send(b, other)).status).toBe(401);
  });

  it('10,000 concurrent submissions of one proof, split across A and B: exactly one is accepted', async () => {
    const [a, b] = origins as [string, string];
    const shared = await proof(await nonceFrom(a));
    const answers = await Promise.all(Array.from({ length: 10_000 }, (_, i) => send(i % 2 ? a : b, shared)));
    const statuses = new Map<number, number>();
    for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 200: 1, 401: 9_999 });
    expect(new Set(answers.filter((answer) => answer.status === 401).map(challengeOf))).toEqual(new Set(['DPoP invalid_dpop_proof']));
  }, 120_000);

  it('Redis killed mid-run: every request gets 503 with Retry-After within the command timeout, none is accepted; service resumes when Redis is back', async () => {
    const [a, b] = origins as [string, string];
    const nonce = await nonceFrom(a);
    const before = await proof(nonce);
    expect((await send(b, before)).status).toBe(200);
    const proofs = await Promise.all(Array.from({ length: 40 }, () => proof(nonce)));
    await redis.kill();
    let during: Answer[];
    const started = Date.now();
    try {
      during = await Promise.all(proofs.map((fresh, i) => send(i % 2 ? a : b, fresh)));
    } finally {
      await redis.start();
    }
    // Bounded by the command timeout (plus a loaded machine's scheduling), never by Redis.
    expect(Date.now() - started).toBeLessThan(30_000);
    for (const answer of during) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('10'); // validateTokenTimeoutMs (default 10 s), in seconds
      expect(answer.headers['www-authenticate']).toBeUndefined();
      expect(JSON.parse(answer.body)).toEqual({ error: 'temporarily_unavailable', error_description: 'The DPoP proof could not be checked in time.' });
    }
    expect(audits.filter((event) => event.outcome === 'store_unavailable').length).toBeGreaterThanOrEqual(proofs.length);
    // Redis came back empty (no persistence): the old nonce is unknown, so a proof accepted before the kill cannot be
    // replayed now that its jti is forgotten; the client is sent a fresh nonce, and with it gets through again.
    let answer: Answer;
    const deadline = Date.now() + 15_000;
    do {
      answer = await send(a, before);
    } while (answer.status === 503 && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 50))) === undefined);
    expect(answer.status).toBe(401);
    expect(challengeOf(answer)).toBe('DPoP use_dpop_nonce');
    const fresh = await proof(answer.headers['dpop-nonce'] as string);
    expect((await send(b, fresh)).status).toBe(200);
    expect((await send(a, fresh)).status).toBe(401);
  }, 60_000);
});
