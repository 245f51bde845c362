// Side by side: the same table of DPoP proofs sent to our Node middleware (`dpop: true`, the JWT validator of
// /jwt) and to Auth0's express-oauth2-jwt-bearer 1.10.0 in its DPoP mode (`dpop: { enabled: true }`), both on
// Express 5, on 127.0.0.1, with the same keys (a loopback JWKS endpoint) and the same DPoP-bound JWT access token.
// Every difference in their answers is listed below, and in the bearer README ("DPoP next to
// express-oauth2-jwt-bearer"): a new difference fails this test.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenges } from '@authheaders/www-authenticate';
import { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
import { bearerAuth } from '@authheaders/bearer/node';
import { mutations } from '../../packages/bearer/test/support/dpop-mutations';
import { proofKey, proofParts, signProof, thumbprint, validProof, type ProofKey } from '../../packages/bearer/test/support/dpop-proof-maker';

type Answer = [status: number, scheme: string | undefined, error: string | undefined];

/**
 * Where express-oauth2-jwt-bearer 1.10.0 answers otherwise than we do (its real answers, seen here):
 * - a bad proof is `400` with `WWW-Authenticate: DPoP error="invalid_dpop_proof", ...` where we answer 401 (RFC 9449
 *   §7.1 answers a resource request with 401, as RFC 6750 §3.1 does; 400 is the token endpoint's status);
 * - a request with `Authorization: DPoP` and no `DPoP` header is `400` without an error code; ours is 401
 *   `invalid_dpop_proof`;
 * - it accepts `htm: "get"` for a GET (methods are case-sensitive, RFC 9110 §9.1), a proof 5 minutes old (its
 *   window is 300 s by default, ours 60 s) and the same proof twice (it keeps no `jti`, RFC 9449 §11.1).
 */
const THEY_ACCEPT = ['htm lower-case get', 'iat 5 minutes old', 'a proof replayed'];
function theirExpectedAnswer(name: string, ours: Answer): Answer {
  if (THEY_ACCEPT.includes(name)) return [200, undefined, undefined];
  if (name === 'no proof') return [400, undefined, undefined];
  return ours[2] === 'invalid_dpop_proof' ? [400, 'DPoP', 'invalid_dpop_proof'] : ours;
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('DPoP next to express-oauth2-jwt-bearer', () => {
  const servers: Server[] = [];
  let ours: string;
  let theirs: string;
  let key: ProofKey;
  let otherKey: ProofKey;
  let token: string;
  let unboundToken: string;

  beforeAll(async () => {
    key = await proofKey('ES256');
    otherKey = await proofKey('ES256');
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
    const keyServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    servers.push(keyServer);
    const issuer = `http://127.0.0.1:${await listen(keyServer)}/`;
    const audience = 'https://api.example.test/';
    const sign = (cnf?: object) =>
      new SignJWT({ sub: 'alice', client_id: 'c1', scope: 'read', jti: randomBytes(8).toString('hex'), ...(cnf ? { cnf } : {}) })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    token = await sign({ jkt: await thumbprint(key.publicJwk) });
    unboundToken = await sign();

    const ok = (_req: express.Request, res: express.Response) => void res.json({ ok: true });
    const ourApp = express().get('/api', bearerAuth({ dpop: true, validateToken: jwtAccessTokenValidator({ issuer, audience, jwks: `${issuer}jwks`, algorithms: ['ES256'] }) }), ok);
    const theirApp = express()
      .get('/api', auth({ issuer, audience, jwksUri: `${issuer}jwks`, tokenSigningAlg: 'ES256', dpop: { enabled: true } }), ok)
      // Its errors are thrown to Express: answer with the status and headers it sets, as its README shows.
      .use((error: { status?: number; headers?: Record<string, string> }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        res.status(error.status ?? 500).set(error.headers ?? {}).end();
      });
    for (const app of [ourApp, theirApp]) {
      const server = createServer(app);
      servers.push(server);
      const url = `http://127.0.0.1:${await listen(server)}/api`;
      if (app === ourApp) ours = url;
      else theirs = url;
    }
  }, 30_000);

  afterAll(() => {
    for (const server of servers) server.close();
  });

  /** What a server answers: the status, and the scheme and error of the challenge that carries an error. */
  async function answer(url: string, headers: Record<string, string>): Promise<Answer> {
    const response = await fetch(url, { headers });
    await response.body?.cancel();
    const header = response.headers.get('www-authenticate');
    const challenges = header === null ? [] : parseChallenges(header, { lenient: true });
    const withError = challenges.find((c) => c.params.error !== undefined);
    return [response.status, withError?.scheme, withError?.params.error];
  }

  it('answers the same table of proofs, every difference listed', async () => {
    const table: Record<string, [Answer, Answer]> = {};
    const both = async (name: string, headers: (url: string) => Promise<Record<string, string>>) => {
      table[name] = [await answer(ours, await headers(ours)), await answer(theirs, await headers(theirs))];
    };
    await both('valid proof', async (url) => ({ authorization: `DPoP ${token}`, dpop: await validProof(key, 'GET', url, token) }));
    // The table's mutations, built for each server's own URL (its htu mutations are relative to it).
    for (const [index, [name]] of mutations(() => key, () => otherKey, ours).entries()) {
      await both(name, async (url) => {
        const parts = await proofParts(key, 'GET', url, token);
        await mutations(() => key, () => otherKey, url)[index]![1](parts);
        return { authorization: `DPoP ${token}`, dpop: await signProof(key, parts) };
      });
    }
    const replayed = { ours: await validProof(key, 'GET', ours, token), theirs: await validProof(key, 'GET', theirs, token) };
    table['a proof replayed'] = [
      (await answer(ours, { authorization: `DPoP ${token}`, dpop: replayed.ours }), await answer(ours, { authorization: `DPoP ${token}`, dpop: replayed.ours })),
      (await answer(theirs, { authorization: `DPoP ${token}`, dpop: replayed.theirs }), await answer(theirs, { authorization: `DPoP ${token}`, dpop: replayed.theirs })),
    ];
    await both('no proof', async () => ({ authorization: `DPoP ${token}` }));
    await both('two proofs', async (url) => ({ authorization: `DPoP ${token}`, dpop: `${await validProof(key, 'GET', url, token)}, ${await validProof(key, 'GET', url, token)}` }));
    await both('a proof of another key than cnf.jkt', async (url) => ({ authorization: `DPoP ${token}`, dpop: await validProof(otherKey, 'GET', url, token) }));
    await both('a bound token as Bearer', async () => ({ authorization: `Bearer ${token}` }));
    await both('an unbound token as DPoP', async (url) => ({ authorization: `DPoP ${unboundToken}`, dpop: await validProof(key, 'GET', url, unboundToken) }));
    await both('an unbound token as Bearer', async () => ({ authorization: `Bearer ${unboundToken}` }));
    await both('no credentials', async () => ({}));

    expect(Object.keys(table)).toHaveLength(38);
    expect(table['valid proof']).toEqual([[200, undefined, undefined], [200, undefined, undefined]]);
    // Ours: every mutation refused, each with its answer.
    for (const [name, [ours]] of Object.entries(table)) {
      if (name !== 'valid proof' && name !== 'an unbound token as Bearer') expect(ours[0], name).toBe(401);
    }
    const theirAnswers = Object.fromEntries(Object.entries(table).map(([name, [, answer]]) => [name, answer]));
    const expected = Object.fromEntries(Object.entries(table).map(([name, [ourAnswer]]) => [name, theirExpectedAnswer(name, ourAnswer)]));
    expect(theirAnswers).toEqual(expected);
  }, 60_000);
});
