import IORedis from 'ioredis';
import { createClient } from 'redis';
import type { NonceStore, ReplayCache } from '@authheaders/bearer';
import { memoryNonceStore, memoryReplayCache } from '@authheaders/bearer/dpop';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { redisNonceStore, redisReplayCache } from '@authheaders/bearer/redis';
import { proofKey, thumbprint, validProof } from '../../packages/bearer/test/support/dpop-proof-maker';
import { redisSkipReason, startRedisServer } from '../../packages/bearer/test/support/redis-server';
import { compare, printTable } from './support/compare';

const URL_ = 'https://api.example.com/mcp';
const TOKEN = 'bench-access-token';
/** Proofs signed before timing, per contender: each accepted request needs a proof with a new jti. */
const POOL = Number(process.env.BENCH_DPOP_PROOFS ?? 12_000);

/**
 * What one DPoP request costs with its replay cache and nonce store in Redis (a real redis-server on loopback,
 * node-redis and ioredis) next to the in-memory defaults: the whole Fetch middleware, proof verified, nonce looked
 * up, jti stored. The proofs are signed before timing (a client's cost, not the server's). Then the stores alone.
 */
export async function run(): Promise<void> {
  if (redisSkipReason !== undefined || (await import('../../packages/bearer/test/support/redis-server')).REDIS_SERVER === undefined) {
    console.log(`skipped: redis-server is not installed${redisSkipReason ? ` (${redisSkipReason})` : ''}`);
    return;
  }
  const redis = await startRedisServer();
  const nodeRedis = createClient({ url: redis.url });
  await nodeRedis.connect();
  const ioredis = new IORedis(redis.port, '127.0.0.1');
  try {
    const key = await proofKey('ES256');
    const jkt = await thumbprint(key.publicJwk);
    const setups: { name: string; replayCache: ReplayCache; nonceStore: NonceStore }[] = [
      { name: 'in memory (the defaults)', replayCache: memoryReplayCache(), nonceStore: memoryNonceStore() },
      { name: 'Redis through node-redis', replayCache: redisReplayCache({ client: nodeRedis, prefix: 'bench:' }), nonceStore: redisNonceStore({ client: nodeRedis, prefix: 'bench:' }) },
      { name: 'Redis through ioredis', replayCache: redisReplayCache({ client: ioredis, prefix: 'bench:' }), nonceStore: redisNonceStore({ client: ioredis, prefix: 'bench:' }) },
    ];
    let signedLate = 0;
    const contenders: { name: string; fn: () => Promise<void> }[] = [];
    // One after the other: signing thousands of proofs at once would starve the event loop past the command timeout.
    for (const { name, replayCache, nonceStore } of setups) {
      const handler = withBearerAuth(async () => new Response(null, { status: 204 }), {
        dpop: { required: true, nonce: true, replayCache, nonceStore },
        validateToken: (token) => (token === TOKEN ? { subject: 'alice', cnf: { jkt } } : null),
      });
      const request = async (proof: string) => handler(new Request(URL_, { method: 'POST', headers: { authorization: `DPoP ${TOKEN}`, dpop: proof } }));
      const first = await request(await validProof(key, 'POST', URL_, TOKEN));
      const nonce = first.headers.get('dpop-nonce');
      if (first.status !== 401 || nonce === null) throw new Error(`${name}: expected use_dpop_nonce, got ${first.status}`);
      const proofs = await Promise.all(Array.from({ length: POOL }, () => validProof(key, 'POST', URL_, TOKEN, { nonce })));
      if ((await request(proofs.pop()!)).status !== 204) throw new Error(`${name}: the middleware must accept a good proof`);
      contenders.push({
        name,
        fn: async () => {
          let proof = proofs.pop();
          if (proof === undefined) {
            signedLate++;
            proof = await validProof(key, 'POST', URL_, TOKEN, { nonce });
          }
          const answer = await request(proof);
          if (answer.status !== 204) throw new Error(`${name}: refused (${answer.status})`);
        },
      });
    }
    await compare('one DPoP request through withBearerAuth, proof and nonce checked, jti stored (ES256, nonces on)', contenders[0]!, contenders.slice(1));
    if (signedLate > 0) printTable('note', [{ header: 'proofs signed inside the timed call (pool exhausted)', align: 'right' }], [[`${signedLate}`]]);

    // Ten new keys per call: one in-memory call is too short for the timer to see. A 1 s lifetime, so the in-memory
    // cache (100 000 entries) never fills up during a run: a full one refuses, which would be measured instead.
    let n = 0;
    const tenKeys = (cache: ReplayCache) => async () => {
      for (let i = 0; i < 10; i++) await cache.checkAndStore(`k${n++}`, 1_000);
    };
    await compare('the replay cache alone: ten checkAndStore calls with new keys, one after the other', { name: 'memoryReplayCache', fn: tenKeys(memoryReplayCache()) }, [
      { name: 'redisReplayCache, node-redis', fn: tenKeys(setups[1]!.replayCache) },
      { name: 'redisReplayCache, ioredis', fn: tenKeys(setups[2]!.replayCache) },
    ]);
  } finally {
    nodeRedis.destroy();
    ioredis.disconnect();
    await redis.close();
  }
}
