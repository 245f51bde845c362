// Issue 20, item 1: a JWKS refetch storm. A counting jwks_uri on 127.0.0.1 that fails (500), hangs (never answers)
// or answers 2 MiB, and 20,000 tokens with forged `kid`s spread over 60 s of fake time (Date only: sockets and
// the fetch timeout run for real). Real answer before the fix (jose's createRemoteJWKSet), same server, same
// tokens: 20 fetches in 60 s against the failing and the oversized jwks_uri, one per burst 3 s apart (jose shares a
// fetch in flight but counts its cooldown from the last good fetch; a sequential client got 10,104 fetches in 3 s).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
import { remoteKeySet } from '../src/jwt/remote-key-set';

type Mode = 'failing' | 'hanging' | 'oversized' | 'good';
let mode: Mode = 'good';
let goodKeys: JWK[] = [];
/** The fake time of every request the jwks_uri received. */
const fetchTimes: number[] = [];
let server: Server;
let jwksUri: URL;

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetchTimes.push(Date.now());
    if (mode === 'failing') res.writeHead(500).end('down');
    else if (mode === 'oversized') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: goodKeys, pad: 'x'.repeat(2 * 1_048_576) }));
    else if (mode === 'good') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: goodKeys }));
    // hanging: never answers
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`);
  const pair = await generateKeyPair('ES256', { extractable: true });
  goodKeys = [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }];
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  vi.useRealTimers();
  fetchTimes.length = 0;
});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const PAYLOAD = b64url({ iss: 'https://as.example', aud: 'https://rs.example', sub: 'u', client_id: 'c', iat: now, exp: now + 3600, jti: 'j' });
const SIGNATURE = randomBytes(64).toString('base64url');
const SALT = randomBytes(6).toString('base64url');
let forgedCount = 0;
/** An unsigned token with a `kid` never seen before: what an attacker sends to make the resource fetch keys. */
function forged(): string {
  return `${b64url({ alg: 'ES256', typ: 'at+jwt', kid: `${SALT}-${forgedCount++}` })}.${PAYLOAD}.${SIGNATURE}`;
}

/**
 * 20,000 verifications in 20 bursts of 1,000 concurrent ones, one burst every 3 s of fake time (60 s in all;
 * fewer bursts on request).
 * Returns how each ended.
 */
async function storm(verify: (token: string) => Promise<unknown>, bursts = 20): Promise<Map<string, number>> {
  const start = Date.now();
  vi.useFakeTimers({ toFake: ['Date'], now: start });
  const outcomes = new Map<string, number>();
  for (let burst = 0; burst < bursts; burst++) {
    vi.setSystemTime(start + burst * 3_000);
    const results = await Promise.allSettled(Array.from({ length: 1_000 }, () => verify(forged())));
    for (const result of results) {
      const key = result.status === 'fulfilled' ? 'accepted' : String((result.reason as { failure?: string; code?: string }).failure ?? (result.reason as Error).message);
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
  }
  return outcomes;
}

/** At most 2 fetches in any 30 s window: consecutive fetches at least 30 s apart. */
function expectAtMostTwoPer30s(): void {
  expect(fetchTimes.length).toBeGreaterThanOrEqual(1);
  expect(fetchTimes.length).toBeLessThanOrEqual(3); // 60 s of requests
  for (let i = 1; i < fetchTimes.length; i++) expect(fetchTimes[i]! - fetchTimes[i - 1]!).toBeGreaterThanOrEqual(30_000);
}

describe('item 1: forged kids against a bad jwks_uri cost at most one fetch per 30 s cooldown', () => {
  const validator = () => jwtAccessTokenValidator({ issuer: 'https://as.example', audience: 'https://rs.example', jwks: jwksUri });

  it('a failing jwks_uri (500): 20,000 tokens, every one keys_unavailable', async () => {
    mode = 'failing';
    const outcomes = await storm(validator());
    expect(outcomes).toEqual(new Map([['keys_unavailable', 20_000]]));
    expectAtMostTwoPer30s();
  });

  it('an oversized jwks_uri (2 MiB, a valid key set inside): not read past 1 MiB, every token keys_unavailable', async () => {
    mode = 'oversized';
    const outcomes = await storm(validator());
    expect(outcomes).toEqual(new Map([['keys_unavailable', 20_000]]));
    expectAtMostTwoPer30s();
  });

  it('a hanging jwks_uri: concurrent tokens share the one fetch, which times out and starts the cooldown', async () => {
    mode = 'hanging';
    // The fetch timeout (5 s by default) shortened so the test waits 100 ms of real time per fetch, not 5 s.
    const getKey = remoteKeySet(jwksUri, { timeoutMs: 100 });
    const outcomes = await storm((token) => import('jose').then(({ jwtVerify }) => jwtVerify(token, getKey)));
    expect(outcomes).toEqual(new Map([['the JWK Set is unavailable', 20_000]]));
    expectAtMostTwoPer30s();
  });

  it('a good jwks_uri: unknown kids refetch once per cooldown (1,000 tokens every 6 s for 60 s)', async () => {
    mode = 'good';
    const verify = validator();
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const results = [];
    for (let burst = 0; burst < 10; burst++) {
      vi.setSystemTime(start + burst * 6_000);
      results.push(...(await Promise.allSettled(Array.from({ length: 100 }, () => verify(forged())))));
    }
    expect(results.every((r) => r.status === 'rejected' && (r.reason as { failure?: string }).failure === 'unknown_key')).toBe(true);
    expectAtMostTwoPer30s();
  });

  it('after a failure the cooldown holds, then one fetch recovers the keys', async () => {
    const getKey = remoteKeySet(jwksUri);
    const { jwtVerify } = await import('jose');
    const pair = await generateKeyPair('ES256', { extractable: true });
    goodKeys = [{ ...(await exportJWK(pair.publicKey)), kid: 'k2', alg: 'ES256' }];
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: 'u', iat: now, exp: now + 3600 }).setProtectedHeader({ alg: 'ES256', kid: 'k2' }).sign(pair.privateKey);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    mode = 'failing';
    await expect(jwtVerify(token, getKey)).rejects.toThrow(/unavailable/);
    mode = 'good';
    vi.setSystemTime(start + 29_000);
    await expect(jwtVerify(token, getKey)).rejects.toThrow(/unavailable/); // within the cooldown: not fetched
    expect(fetchTimes).toHaveLength(1);
    vi.setSystemTime(start + 30_500);
    expect((await jwtVerify(token, getKey)).payload.sub).toBe('u');
    expect(fetchTimes).toHaveLength(2);
  });

  it('a jwks_uri that redirects: the redirect is not followed, and it counts as a failed fetch', async () => {
    // The target is another loopback server that counts what reaches it: nothing may.
    let reached = 0;
    const target = createServer((_req, res) => {
      reached++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: goodKeys }));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const redirecting = createServer((_req, res) => {
      fetchTimes.push(Date.now());
      res.writeHead(302, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/jwks` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const verify = jwtAccessTokenValidator({
        issuer: 'https://as.example',
        audience: 'https://rs.example',
        jwks: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/jwks`,
      });
      const results = await Promise.allSettled(Array.from({ length: 100 }, () => verify(forged())));
      expect(results.every((r) => r.status === 'rejected' && (r.reason as { failure?: string }).failure === 'keys_unavailable')).toBe(true);
      expect(fetchTimes).toHaveLength(1);
      expect(reached).toBe(0);
    } finally {
      await Promise.all([target, redirecting].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    }
  });
});
