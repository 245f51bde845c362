// The dpop option through each framework entry: a success whose nonce is about to expire carries a fresh
// DPoP-Nonce on the framework's own answer (Hono's c.header, Fastify's reply, Node's res, the MCP SDK's res).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearerAuth as fastifyAuth } from '../src/fastify/index';
import { bearerAuth as honoAuth } from '../src/hono/index';
import { requireBearerAuth } from '../src/mcp/index';
import { bearerAuth as nodeAuth } from '../src/node/index';
import { proofKey, thumbprint, validProof, type ProofKey } from './support/dpop-proof-maker';

const token = `tok-${Math.random().toString(36).slice(2)}`;
let key: ProofKey;
let jkt: string;
beforeAll(async () => {
  key = await proofKey('ES256');
  jkt = await thumbprint(key.publicJwk);
});
// A nonce store whose nonces are always about to expire: every success renews.
const dpop = () => ({ nonce: { ttlSec: 60 }, nonceStore: { issue: () => 'renewed-nonce', expiresAt: () => Date.now() + 1000 } });
const headers = async (url: string) => ({ authorization: `DPoP ${token}`, dpop: await validProof(key, 'GET', url, token, { nonce: 'old' }) });

async function throughNode(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const response = await fetch(url, { headers: await headers(url) });
    return [response.status, response.headers.get('dpop-nonce'), response.headers.get('access-control-expose-headers')];
  } finally {
    server.close();
  }
}

const EXPECTED = [200, 'renewed-nonce', 'WWW-Authenticate, DPoP-Nonce'];

describe('DPoP through each framework entry', () => {
  it('/node', async () => {
    const guard = nodeAuth({ dpop: dpop(), validateToken: (t) => (t === token ? { cnf: { jkt } } : null) });
    expect(await throughNode((req, res) => guard(req, res, () => res.end('ok')))).toEqual(EXPECTED);
  });

  it('/mcp', async () => {
    const guard = requireBearerAuth({
      dpop: dpop(),
      verifier: { verifyAccessToken: async (t) => ({ token: t, clientId: 'c', scopes: [], expiresAt: Date.now() / 1000 + 60, extra: { cnf: { jkt } } }) },
    });
    expect(await throughNode((req, res) => guard(req, res, () => res.end('ok')))).toEqual(EXPECTED);
  });

  it('/hono', async () => {
    const app = new Hono().get('/api', honoAuth({ dpop: dpop(), validateToken: (t) => (t === token ? { cnf: { jkt } } : null) }), (c) => c.text('ok'));
    const url = 'http://127.0.0.1/api';
    const response = await app.request(url, { headers: await headers(url) });
    expect([response.status, response.headers.get('dpop-nonce'), response.headers.get('access-control-expose-headers')]).toEqual(EXPECTED);
  });

  it('/fastify', async () => {
    const app = Fastify();
    await app.register(fastifyAuth, { dpop: dpop(), validateToken: (t) => (t === token ? { cnf: { jkt } } : null) });
    app.get('/api', async () => 'ok');
    const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api`;
    try {
      const response = await fetch(url, { headers: await headers(url) });
      expect([response.status, response.headers.get('dpop-nonce'), response.headers.get('access-control-expose-headers')]).toEqual(EXPECTED);
    } finally {
      await app.close();
    }
  });

  it('refuses a bad option when the middleware is built, naming the option and not its value', () => {
    for (const [dpopOption, name] of [
      [{ algs: ['HS256'] }, 'dpop.algs'],
      [{ algs: 'ES256' }, 'dpop.algs'],
      [{ required: 'yes' }, 'dpop.required'],
      [{ nonce: { ttlSec: -1 } }, 'dpop.nonce.ttlSec'],
      [{ proofMaxAgeSec: 3600 }, 'dpop.proofMaxAgeSec'],
      [{ replayCache: {} }, 'dpop.replayCache'],
      [{ nonceStore: { issue: () => 'x' } }, 'dpop.nonceStore'],
      [{ publicUrl: 'ftp://secret-host.example' }, 'dpop.publicUrl'],
      ['on', 'dpop'],
    ] as const) {
      let error: unknown;
      try {
        nodeAuth({ dpop: dpopOption as never, validateToken: () => null });
      } catch (caught) {
        error = caught;
      }
      expect(error, name).toBeInstanceOf(TypeError);
      expect((error as Error).message.startsWith(`${name} `), (error as Error).message).toBe(true);
      expect((error as Error).message).not.toMatch(/HS256|secret-host|yes|3600/);
    }
  });
});
