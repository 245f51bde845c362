// Issue 20, items 2 and 3, probed from outside: raw request bytes written to a loopback socket, so header lines
// reach each real server exactly as sent (two lines stay two lines), on every adapter: node:http, Express, the Fetch
// middleware and Hono behind @hono/node-server, Fastify, and the MCP drop-in on Express.
//
// Real answers before the fix (same bytes, same servers): `Authorization: Basic Zm9vOmJhcg==, Bearer good`,
// `Bearer good, x="evil` and `Bearer good,` answered 200 on all six, audited `authenticated`; `X-Api-Key: good`
// then `X-Api-Key: good2` answered 200 with no conflict on node:http, Express, Fastify and MCP (first line won) and
// 400 `malformed` on Fetch and Hono (the joined value `good, good2` is no b64token).
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import fc from 'fast-check';
import { Hono } from 'hono';
import { InvalidTokenError as SdkInvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuth as fastifyBearerAuth } from '@authheaders/bearer/fastify';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { bearerAuth as honoBearerAuth } from '@authheaders/bearer/hono';
import { requireBearerAuth } from '@authheaders/bearer/mcp';
import { bearerAuth } from '@authheaders/bearer/node';
import type { BearerAuthAuditEvent } from '../src/bearer-auth-core';
import { resolveBearerToken } from '../src/index';

const GOOD = new Set(['good', 'good2']);
const validateToken = (token: string) => (GOOD.has(token) ? { subject: token } : null);

interface Mounted {
  port: number;
  audits: BearerAuthAuditEvent[];
  close: () => Promise<void>;
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closing(server: Server): () => Promise<void> {
  return () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
}

type Options = { onConflict?: 'reject' };

/** Each adapter on a real server on 127.0.0.1, port 0; 200 with `in` once authenticated. */
const ADAPTERS: Record<string, (options: Options) => Promise<Mounted>> = {
  'node:http': async (options) => {
    const audits: BearerAuthAuditEvent[] = [];
    const middleware = bearerAuth({ ...options, validateToken, legacyHeaderAliases: ['x-api-key'], onAudit: (e) => audits.push(e) });
    const server = createServer((req, res) => middleware(req, res, () => res.end('in')));
    return { port: await listening(server), audits, close: closing(server) };
  },
  express: async (options) => {
    const audits: BearerAuthAuditEvent[] = [];
    const app = express();
    app.use(bearerAuth({ ...options, validateToken, legacyHeaderAliases: ['x-api-key'], onAudit: (e) => audits.push(e) }));
    app.get('/', (_req, res) => void res.send('in'));
    const server = createServer(app);
    return { port: await listening(server), audits, close: closing(server) };
  },
  fetch: async (options) => {
    const audits: BearerAuthAuditEvent[] = [];
    const handler = withBearerAuth(() => new Response('in'), { ...options, validateToken, legacyHeaderAliases: ['x-api-key'], onAudit: (e) => audits.push(e) });
    const server = createAdaptorServer({ fetch: handler }) as Server;
    return { port: await listening(server), audits, close: closing(server) };
  },
  hono: async (options) => {
    const audits: BearerAuthAuditEvent[] = [];
    const app = new Hono();
    app.use('/*', honoBearerAuth({ ...options, validateToken, legacyHeaderAliases: ['x-api-key'], onAudit: (e) => audits.push(e) }));
    app.get('/', (c) => c.text('in'));
    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    return { port: await listening(server), audits, close: closing(server) };
  },
  fastify: async (options) => {
    const audits: BearerAuthAuditEvent[] = [];
    const app = Fastify();
    await app.register(fastifyBearerAuth, { ...options, validateToken, legacyHeaderAliases: ['x-api-key'], onAudit: (e) => audits.push(e) });
    app.get('/', async () => 'in');
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as AddressInfo).port, audits, close: () => app.close() };
  },
  mcp: async (options) => {
    const audits: BearerAuthAuditEvent[] = [];
    const verifier = {
      async verifyAccessToken(token: string) {
        if (!GOOD.has(token)) throw new SdkInvalidTokenError('Unknown token');
        return { token, clientId: 'c', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600 };
      },
    };
    const app = express();
    app.use(requireBearerAuth({ ...options, verifier, legacyHeaderAliases: ['x-api-key'], onAudit: (e) => audits.push(e) }));
    app.get('/', (_req, res) => void res.send('in'));
    const server = createServer(app);
    return { port: await listening(server), audits, close: closing(server) };
  },
};

/** Writes `lines` as the header block of a GET, byte for byte, and reads the status code of the answer. */
function rawStatus(port: number, lines: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      const match = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed without a status line')));
    socket.end(['GET / HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n'), 'latin1');
  });
}

const mounted: Record<string, Mounted> = {};
const rejecting: Record<string, Mounted> = {};
beforeAll(async () => {
  for (const name of Object.keys(ADAPTERS)) {
    mounted[name] = await ADAPTERS[name]!({});
    rejecting[name] = await ADAPTERS[name]!({ onConflict: 'reject' });
  }
}, 60_000);
afterAll(async () => {
  await Promise.all([...Object.values(mounted), ...Object.values(rejecting)].map((m) => m.close()));
});

/** The status and the audit outcome of one raw request. */
async function probe(adapter: Mounted, lines: readonly string[]) {
  adapter.audits.length = 0;
  const status = await rawStatus(adapter.port, lines);
  // onAudit is fire and forget: let it run.
  await new Promise((resolve) => setImmediate(resolve));
  return { status, audit: adapter.audits[0] };
}

describe('item 2: each Authorization line is exactly one credentials, on every adapter', () => {
  it.each(Object.keys(ADAPTERS))('%s: a Bearer token inside or after another value is 400, never authenticated', async (name) => {
    const adapter = mounted[name]!;
    expect(await probe(adapter, ['Authorization: Bearer good'])).toMatchObject({ status: 200, audit: { outcome: 'authenticated' } });
    for (const line of ['Basic Zm9vOmJhcg==, Bearer good', 'Bearer good, x="evil', 'Bearer good,', 'Bearer good, Bearer good2']) {
      const { status, audit } = await probe(adapter, [`Authorization: ${line}`]);
      expect({ line, status }).toEqual({ line, status: 400 });
      expect(audit?.outcome).not.toBe('authenticated');
    }
    // Two lines, Basic (what a gateway checked) and Bearer (added after it): a conflict, not a Bearer identity.
    expect(await probe(adapter, ['Authorization: Basic Zm9vOmJhcg==', 'Authorization: Bearer good'])).toMatchObject({ status: 400, audit: { outcome: 'conflict' } });
    // A comma and "Bearer" inside another scheme's quoted-string are that scheme's parameter: no credentials for us.
    expect(await probe(adapter, ['Authorization: Digest username="x, Bearer good, y"'])).toMatchObject({ status: 401, audit: { outcome: 'missing' } });
  });
});

describe('item 3: duplicate alias lines follow one rule on every adapter', () => {
  it.each(Object.keys(ADAPTERS))('%s: different lines are a conflict; onConflict decides when Authorization is there', async (name) => {
    const adapter = mounted[name]!;
    const twoLines = ['X-Api-Key: good', 'X-Api-Key: good2'];
    expect(await probe(adapter, twoLines)).toMatchObject({ status: 400, audit: { outcome: 'conflict', conflicts: ['x-api-key'] } });
    expect(await probe(adapter, ['X-Api-Key: good', 'X-Api-Key: good'])).toMatchObject({ status: 200, audit: { outcome: 'authenticated', source: 'x-api-key' } });
    expect(await probe(adapter, ['Authorization: Bearer good', ...twoLines])).toMatchObject({
      status: 200,
      audit: { outcome: 'authenticated', source: 'authorization', conflicts: ['x-api-key'] },
    });
    expect(await probe(rejecting[name]!, ['Authorization: Bearer good', ...twoLines])).toMatchObject({ status: 400, audit: { outcome: 'conflict' } });
  });
});

describe('item 3 with a Hono prefix (the legacy carrier rewrites each line of a joined alias)', () => {
  it.each([
    [['Bot good', 'Bot good'], 200],
    [['Bot good', 'Bot good2'], 400],
    [['Bot good', 'good'], 400],
  ])('X-Bot-Token lines %j: %i', async (lines, status) => {
    const audits: BearerAuthAuditEvent[] = [];
    const app = new Hono().use('/*', honoBearerAuth({ validateToken, legacyHeaderAliases: ['x-bot-token'], prefix: 'Bot', onAudit: (e) => audits.push(e) }));
    app.get('/', (c) => c.text('in'));
    const headers = new Headers();
    for (const line of lines) headers.append('x-bot-token', line);
    expect((await app.request('/', { headers })).status).toBe(status);
    await new Promise((resolve) => setImmediate(resolve));
    if (lines[1] === 'Bot good2') expect(audits[0]).toMatchObject({ outcome: 'conflict', conflicts: ['x-bot-token'] });
  });
});

describe('the rule, as a property of the resolver', () => {
  it("the issue's examples", () => {
    // Before: ok with the token `stolen`.
    expect(resolveBearerToken({ authorization: 'Digest username="x, Bearer stolen, y"' })).toEqual({ ok: false, reason: 'missing', otherSchemes: ['Digest'] });
    expect(resolveBearerToken({ authorization: 'Basic Zm9vOmJhcg==, Bearer good' })).toEqual({ ok: false, reason: 'malformed', source: 'authorization' });
    expect(resolveBearerToken({ authorization: ['Basic Zm9vOmJhcg==', 'Bearer good'] })).toEqual({ ok: false, reason: 'conflict', sources: ['authorization'] });
    // A bare "Bearer" still falls through; `Bearer <SP><HTAB>token` is still read as before.
    expect(resolveBearerToken({ authorization: 'Bearer' })).toEqual({ ok: false, reason: 'missing', otherSchemes: [] });
    expect(resolveBearerToken({ authorization: 'Bearer \tgood' }).ok).toBe(true);
    expect(resolveBearerToken({ authorization: 'Bearer\tgood' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  const runs = { seed: Number(process.env.FC_SEED ?? 20261206), numRuns: Number(process.env.FC_NUM_RUNS ?? 2000) };
  // Pieces that make smuggling likely: schemes, commas, quotes, escapes, `=`, spaces, tokens, `__proto__`.
  const piece = fc.constantFrom('Bearer', 'bearer', 'Basic', 'Digest', 'DPoP', ' ', ' ', '\t', ',', ', ', '"', '\\', '=', 'good', 'Zm9vOmJhcg==', 'x', 'u=', '__proto__', 'a-b.c~d+e/f');
  const field = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
  /** Exactly one Bearer credentials: the scheme, SP, then SP/HTAB, then a b64token; OWS around it. */
  const ONE_BEARER = /^[ \t]*bearer [ \t]*([\w\-.~+/]+=*)[ \t]*$/i;

  it('returns a token from one field line only when the line is exactly one Bearer credentials', () => {
    fc.assert(
      fc.property(field, (line) => {
        const result = resolveBearerToken(['Authorization', line]);
        const match = ONE_BEARER.exec(line);
        if (result.ok) expect(match?.[1]).toBe(result.token);
        if (match) expect(result.ok && result.token).toBe(match[1]);
      }),
      runs,
    );
  });

  it('from lines joined by a Fetch Headers, only when every element is one Bearer credentials with the same token', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 3 }), (lines) => {
        const headers = new Headers();
        for (const line of lines) headers.append('authorization', line);
        const result = resolveBearerToken(headers);
        if (!result.ok) return;
        const joined = headers.get('authorization')!;
        for (const element of joined.split(',')) expect(ONE_BEARER.exec(element)?.[1]).toBe(result.token);
      }),
      runs,
    );
  });
});
