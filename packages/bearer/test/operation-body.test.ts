// With requiredScopes a function, each entry reads the JSON-RPC body itself where the framework has not: bounded
// (1 MiB by default, maxBodyBytes), a body it cannot read is 400 invalid_request with a challenge, and the parsed
// body is handed on (Express req.body, a fresh Request for Fetch and Hono, Fastify's request.body) so the MCP
// transport does not read the stream twice. Real servers on 127.0.0.1, ephemeral ports.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { readBearerChallenge } from '@authheaders/bearer';
import { bearerAuth as fastifyBearerAuth } from '@authheaders/bearer/fastify';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { bearerAuth as honoBearerAuth } from '@authheaders/bearer/hono';
import { mcpScopes, requireBearerAuth } from '@authheaders/bearer/mcp';
import { bearerAuth } from '@authheaders/bearer/node';

const requiredScopes = mcpScopes({ default: ['mcp:basic'], public: ['initialize'], tools: { read_file: ['files:read'] } });
const validateToken = (token: string) => (token === 'tok-good' ? { subject: 'u', scopes: ['mcp:basic', 'files:read'] } : null);
const message = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'read_file', arguments: { path: 'a.txt' } } };
const headers = { authorization: 'Bearer tok-good', 'content-type': 'application/json' };

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve()));
  server = undefined;
});
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

/** A body of `size` bytes sent in 64 KiB chunks, without a Content-Length (chunked). */
function streamed(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(65_536, size - sent)).fill(0x20);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

/** What every unreadable body gets: 400 invalid_request, a full challenge, nothing echoed. */
async function expectUnreadable(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect(readBearerChallenge(response)).toMatchObject({ error: 'invalid_request', errorDescription: 'The request body could not be read as JSON.' });
  expect(response.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate');
  expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'The request body could not be read as JSON.' });
}

describe('/node: the body is read, bounded, and left in req.body', () => {
  const start = (options: { maxBodyBytes?: number } = {}) => {
    const seen: unknown[] = [];
    const middleware = bearerAuth({ realm: 'mcp', requiredScopes, validateToken, ...options });
    return {
      seen,
      url: listen((req, res) =>
        middleware(req, res, (error) => {
          if (error) return void res.writeHead(500).end();
          seen.push((req as IncomingMessage & { body?: unknown }).body, req.readableEnded);
          res.end('ok');
        }),
      ),
    };
  };

  it('parses the JSON-RPC message and hands it on in req.body, the stream read once', async () => {
    const { seen, url } = start();
    const response = await fetch(await url, { method: 'POST', headers, body: JSON.stringify(message) });
    expect(response.status).toBe(200);
    expect(seen).toEqual([message, true]);
  });

  it('a body past maxBodyBytes, streamed without Content-Length, is 400 with a challenge', async () => {
    const { seen, url } = start();
    // 4 MiB against the 1 MiB default.
    const response = await fetch(await url, { method: 'POST', headers, body: streamed(4 * 1_048_576), duplex: 'half' } as RequestInit);
    await expectUnreadable(response);
    expect(seen).toEqual([]);
  });

  it('a declared Content-Length past maxBodyBytes is refused before a byte is read', async () => {
    const { url } = start({ maxBodyBytes: 64 });
    await expectUnreadable(await fetch(await url, { method: 'POST', headers, body: JSON.stringify({ ...message, pad: 'x'.repeat(100) }) }));
  });

  it('a body that is not JSON, or not UTF-8, is 400 with a challenge', async () => {
    const { url } = start();
    await expectUnreadable(await fetch(await url, { method: 'POST', headers, body: '{"jsonrpc":' }));
    await expectUnreadable(await fetch(await url, { method: 'POST', headers, body: new Uint8Array([0x22, 0xff, 0x22]) }));
  });

  it('without credentials, an unreadable body is still a 400 with a challenge, and the token is never echoed', async () => {
    const { url } = start({ maxBodyBytes: 16 });
    const response = await fetch(await url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    await expectUnreadable(response);
  });

  it('a GET has no body to read: the operation is the default one', async () => {
    const { url } = start();
    const response = await fetch(await url, { headers: { authorization: 'Bearer tok-good' } });
    expect(response.status).toBe(200);
  });
});

describe('the /mcp drop-in: takes express.json()\'s req.body, or reads the body itself', () => {
  const verifier = { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: validateToken(token)?.scopes ?? [], expiresAt: Date.now() / 1000 + 60 }) };
  it('reads a body no parser read, bounded, and hands it on in req.body', async () => {
    const app = express();
    app.post('/mcp', requireBearerAuth({ verifier, requiredScopes, maxBodyBytes: 256 }), (req, res) => void res.json(req.body));
    const url = await listen(app);
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(message) });
    expect(await response.json()).toEqual(message);
    await expectUnreadable(await fetch(url, { method: 'POST', headers, body: streamed(4096), duplex: 'half' } as RequestInit));
  });

  it('a token without the tool\'s scope: 403 naming the operation\'s scopes, from the body express.json() parsed', async () => {
    const app = express();
    const narrow = { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: ['mcp:basic'], expiresAt: Date.now() / 1000 + 60 }) };
    app.post('/mcp', express.json(), requireBearerAuth({ verifier: narrow, requiredScopes }), (_req, res) => void res.end('ok'));
    const response = await fetch(await listen(app), { method: 'POST', headers, body: JSON.stringify(message) });
    expect(response.status).toBe(403);
    expect(readBearerChallenge(response)).toMatchObject({ error: 'insufficient_scope', scope: ['mcp:basic', 'files:read'] });
    expect(await response.json()).toEqual({ error: 'insufficient_scope', error_description: 'Insufficient scope' });
  });
});

describe('/fetch: the handler gets a fresh Request with the same bytes', () => {
  const handler = withBearerAuth(async (request) => Response.json({ body: await request.json(), used: request.bodyUsed }), { requiredScopes, validateToken, maxBodyBytes: 1024 });
  it('hands the body on', async () => {
    const response = await handler(new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: JSON.stringify(message) }));
    expect(await response.json()).toEqual({ body: message, used: true });
  });
  it('refuses a body too large, streamed or declared, and one that is not JSON', async () => {
    await expectUnreadable(await handler(new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: streamed(4096), duplex: 'half' } as RequestInit)));
    await expectUnreadable(await handler(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { ...headers, 'content-length': '5000' }, body: '{}' })));
    await expectUnreadable(await handler(new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: 'not json' })));
  });
});

describe('/hono: c.req.raw becomes a fresh Request with the same bytes', () => {
  it('hands the body on to c.req.json() and to c.req.raw', async () => {
    const app = new Hono();
    app.post('/mcp', honoBearerAuth({ requiredScopes, validateToken, maxBodyBytes: 1024 }), async (c) => c.json({ raw: await c.req.raw.clone().json(), parsed: await c.req.json() }));
    const response = await app.request('/mcp', { method: 'POST', headers, body: JSON.stringify(message) });
    expect(await response.json()).toEqual({ raw: message, parsed: message });
    await expectUnreadable(await app.request('/mcp', { method: 'POST', headers, body: streamed(4096), duplex: 'half' } as RequestInit));
    await expectUnreadable(await app.request('/mcp', { method: 'POST', headers, body: '[' }));
  });

  it('takes the body an earlier middleware read through Hono', async () => {
    const app = new Hono();
    app.post('/mcp', async (c, next) => ((await c.req.json()), next()), honoBearerAuth({ requiredScopes, validateToken }), (c) => c.text('ok'));
    expect((await app.request('/mcp', { method: 'POST', headers, body: JSON.stringify(message) })).status).toBe(200);
  });
});

describe('/fastify: preParsing reads the body and gives Fastify the same bytes', () => {
  const start = async (maxBodyBytes?: number) => {
    const app = Fastify();
    await app.register(fastifyBearerAuth, { requiredScopes, validateToken, ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }) });
    app.post('/mcp', async (request) => ({ body: request.body, subject: request.auth?.subject }));
    return app;
  };
  it('request.body is the message, and auth is set', async () => {
    const app = await start();
    const response = await app.inject({ method: 'POST', url: '/mcp', headers, payload: JSON.stringify(message) });
    expect(response.json()).toEqual({ body: message, subject: 'u' });
  });
  it('a body too large or not JSON is 400 with a challenge', async () => {
    const app = await start(64);
    for (const payload of [JSON.stringify({ ...message, pad: 'x'.repeat(100) }), '{"a":']) {
      const response = await app.inject({ method: 'POST', url: '/mcp', headers, payload });
      expect(response.statusCode).toBe(400);
      expect(readBearerChallenge(response.headers['www-authenticate'] as string)).toMatchObject({ error: 'invalid_request' });
      expect(response.headers['access-control-expose-headers']).toBe('WWW-Authenticate');
    }
  });
  it('bearerAuthHook refuses a function, which needs the body onRequest has not', async () => {
    const { bearerAuthHook } = await import('@authheaders/bearer/fastify');
    expect(() => bearerAuthHook({ requiredScopes, validateToken })).toThrow(/requiredScopes as a function needs the body/);
  });
});
