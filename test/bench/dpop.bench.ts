import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryReplayCache } from '@authheaders/bearer/dpop';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { compare, printTable } from './support/compare';

/**
 * What DPoP costs a request: the Fetch middleware with `dpop` on and a DPoP-bound JWT access token (the proof's
 * signature, its claims, the key thumbprint, the binding), next to the same middleware with a Bearer JWT access
 * token, both through `jwtAccessTokenValidator` with the key set cached. The replay cache is one that never says
 * "seen", so one proof serves every timed call; the default cache's own cost and memory are measured after.
 */
export async function run(): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    const issuer = 'https://auth.example.com';
    const audience = 'https://api.example.com/mcp';
    const client = await generateKeyPair('ES256');
    const clientJwk = await exportJWK(client.publicKey);
    const sign = (cnf?: object) =>
      new SignJWT({ sub: 'alice', client_id: 'c1', scope: 'mcp:read', jti: 'j1', ...(cnf ? { cnf } : {}) })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    const bearerToken = await sign();
    const dpopToken = await sign({ jkt: await calculateJwkThumbprint(clientJwk) });
    const ath = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(dpopToken))).toString('base64url');
    const proof = await new SignJWT({ htm: 'GET', htu: audience, jti: 'bench', ath })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: clientJwk })
      .setIssuedAt()
      .sign(client.privateKey);

    const validateToken = jwtAccessTokenValidator({ issuer, audience, jwks: jwksUri, algorithms: ['ES256'] });
    const ok = async () => new Response(null, { status: 204 });
    const bearer = withBearerAuth(ok, { realm: 'mcp', validateToken });
    const dpop = withBearerAuth(ok, { realm: 'mcp', validateToken, dpop: { algs: ['ES256'], replayCache: { checkAndStore: () => true } } });
    const bearerRequest = new Request(audience, { headers: { authorization: `Bearer ${bearerToken}` } });
    const dpopRequest = new Request(audience, { headers: { authorization: `DPoP ${dpopToken}`, dpop: proof } });
    if ((await bearer(bearerRequest)).status !== 204 || (await dpop(dpopRequest)).status !== 204) throw new Error('both requests must be accepted');

    await compare('one request, DPoP-bound JWT vs Bearer JWT (withBearerAuth + jwtAccessTokenValidator, ES256)', { name: 'DPoP: token + proof (dpop option)', fn: () => dpop(dpopRequest) }, [
      { name: 'Bearer: the same middleware, a Bearer JWT', fn: () => bearer(bearerRequest) },
    ]);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // The default replay cache under a flood of unique jti: it stays bounded by maxEntries and, full of live entries,
  // refuses (503) rather than forget one. Then the same flood with entries that expire: it keeps accepting.
  const flood = 300_000;
  const keys = Array.from({ length: flood }, (_, i) => `flood-${i}-${'x'.repeat(32)}`);
  const rows: string[][] = [];
  for (const [label, ttlMs] of [['live entries (ttl 65 s)', 65_000], ['entries already expired (ttl 0)', 0]] as const) {
    const cache = memoryReplayCache({ maxEntries: 100_000 });
    const before = process.memoryUsage().heapUsed;
    let accepted = 0;
    let refused = 0;
    const started = performance.now();
    for (const key of keys) {
      try {
        if (cache.checkAndStore(key, ttlMs)) accepted++;
      } catch {
        refused++;
      }
    }
    const ms = performance.now() - started;
    const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    rows.push([label, flood.toLocaleString('en'), accepted.toLocaleString('en'), refused.toLocaleString('en'), cache.size.toLocaleString('en'), `${heapMb.toFixed(1)} MB`, `${((ms * 1e6) / flood).toFixed(0)} ns`]);
  }
  printTable(
    `memoryReplayCache({ maxEntries: 100 000 }) under a flood of ${flood.toLocaleString('en')} unique jti`,
    [{ header: 'entries' }, { header: 'sent', align: 'right' }, { header: 'accepted', align: 'right' }, { header: 'refused (503)', align: 'right' }, { header: 'kept', align: 'right' }, { header: 'heap growth', align: 'right' }, { header: 'per call', align: 'right' }],
    rows,
    ['heap growth is heapUsed after minus before, one run, no forced GC: an upper bound of what the cache holds'],
  );
}
