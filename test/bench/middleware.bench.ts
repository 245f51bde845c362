import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { InvalidTokenError } from '@authheaders/bearer';
import { createBearerAuthenticator } from '@authheaders/bearer/fetch';
import { compare } from './support/compare';

/**
 * Requests per second of a node:http server behind `bearerAuth`, next to the same server without it, in one run:
 * no token and a bad token (what an attacker sends) must stay at 0.9x the bare server or better, a good token at
 * 0.95x. The servers run in a worker thread on 127.0.0.1 so the client does not share their event loop; each
 * sample is a batch of a fixed number of keep-alive requests, and every contender runs in each of a few rounds.
 */
const BATCH = 200;
const CONCURRENCY = 8;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// The servers, as plain JavaScript for the worker, from the built package (`pnpm bench` builds first).
const SERVERS = `
const { parentPort, workerData } = require('node:worker_threads');
const { createServer } = require('node:http');
(async () => {
  const { bearerAuth } = await import(workerData.bearerNode);
  const answer = (res, auth) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(auth));
  };
  const bare = createServer((req, res) => answer(res, { subject: 'alice', scopes: ['read'] }));
  const middleware = bearerAuth({
    realm: 'api',
    resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource',
    requiredScopes: ['read'],
    validateToken: async (token) => (token === 'good-token' ? { subject: 'alice', scopes: ['read'] } : null),
  });
  const guarded = createServer((req, res) => middleware(req, res, () => answer(res, req.auth)));
  const port = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  parentPort.postMessage({ bare: await port(bare), guarded: await port(guarded) });
})();
`;

function batch(agent: Agent, port: number, headers: Record<string, string>, expected: number): () => Promise<void> {
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', agent, headers }, (res) => {
        if (res.statusCode !== expected) reject(new Error(`expected ${expected}, got ${res.statusCode}`));
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  return async () => {
    let sent = 0;
    const lane = async () => {
      while (sent < BATCH) {
        sent++;
        await one();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  };
}

/** The engine alone, in process: a refusal must cost no more than a success (it used to cost 3-4x). */
async function inProcess(): Promise<void> {
  const authenticate = createBearerAuthenticator({
    realm: 'api',
    resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource',
    requiredScopes: ['read'],
    validateToken: async (token) => {
      // A validator's own refusal (as the JWT validator's), answered from the engine's per-description cache. Most of
      // its cost, like that of any thrown error, is the new Error's stack trace and the rejected promise.
      if (token === 'expired-token') throw new InvalidTokenError('The access token expired.');
      if (token === 'crash-token') throw new Error('database down');
      return token === 'good-token' ? { subject: 'alice', scopes: ['read'] } : null;
    },
  });
  const base = { host: '127.0.0.1:3000', accept: '*/*', 'user-agent': 'bench' };
  const good = { ...base, authorization: 'Bearer good-token' };
  const bad = { ...base, authorization: 'Bearer bad-token' };
  const expired = { ...base, authorization: 'Bearer expired-token' };
  const crash = { ...base, authorization: 'Bearer crash-token' };
  const malformed = { ...base, authorization: 'Bearer a b' };
  await compare(
    'the engine in process (one request, awaited)',
    { name: 'good token', fn: () => authenticate(good, undefined) },
    [
      { name: 'no token', fn: () => authenticate(base, undefined) },
      { name: 'bad token', fn: () => authenticate(bad, undefined) },
      { name: 'expired token (throws InvalidTokenError)', fn: () => authenticate(expired, undefined) },
      { name: 'validator crash (throws Error)', fn: () => authenticate(crash, undefined) },
      { name: 'malformed token', fn: () => authenticate(malformed, undefined) },
    ],
  );
}

export async function run(): Promise<void> {
  await inProcess();
  const worker = new Worker(SERVERS, { eval: true, workerData: { bearerNode: import.meta.resolve('@authheaders/bearer/node') } });
  try {
    const ports = await new Promise<{ bare: number; guarded: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const contenders = [
      { name: 'bare server', fn: batch(agent, ports.bare, {}, 200) },
      { name: 'bearerAuth, no token (401)', fn: batch(agent, ports.guarded, {}, 401), target: 0.9 },
      { name: 'bearerAuth, bad token (401)', fn: batch(agent, ports.guarded, { authorization: 'Bearer bad-token' }, 401), target: 0.9 },
      { name: 'bearerAuth, good token (200)', fn: batch(agent, ports.guarded, { authorization: 'Bearer good-token' }, 200), target: 0.95 },
    ];
    // A shared machine's load comes in waves: run every contender once per round and keep each one's best round.
    const best = new Map<string, number>();
    for (let round = 1; round <= ROUNDS; round++) {
      const rows = await compare(`round ${round}/${ROUNDS}: node:http, ${BATCH} keep-alive requests per sample, ${CONCURRENCY} at a time (one op = one batch)`, contenders[0]!, contenders.slice(1));
      for (const row of rows) best.set(row.name, Math.max(best.get(row.name) ?? 0, row.opsPerSecond));
    }
    agent.destroy();
    const bare = best.get('bare server')!;
    console.log(`\nbest of ${ROUNDS} rounds; bare server: ${Math.round(bare * BATCH).toLocaleString('en-US')} req/s`);
    for (const { name, target } of contenders.slice(1)) {
      const ratio = best.get(name)! / bare;
      const verdict = ratio >= target! ? 'meets' : 'BELOW';
      console.log(`${name}: ${Math.round(best.get(name)! * BATCH).toLocaleString('en-US')} req/s = ${ratio.toFixed(2)}x the bare server (${verdict} the ${target}x target)`);
    }
  } finally {
    await worker.terminate();
  }
}
