// CORS in every entry, next to the CORS middleware each framework uses (cors for Express, hono/cors,
// @fastify/cors): each refusal lists WWW-Authenticate in Access-Control-Expose-Headers, merged with what the CORS
// middleware listed (each name once); a preflight passes through untouched to the middleware that answers it; the
// option cors: false turns both off. Real servers and middlewares, 127.0.0.1, ephemeral ports.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifyCors from '@fastify/cors';
import cors from 'cors';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth as fastifyBearerAuth } from '@authheaders/bearer/fastify';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { bearerAuth as honoBearerAuth } from '@authheaders/bearer/hono';
import { requireBearerAuth } from '@authheaders/bearer/mcp';
import { bearerAuth } from '@authheaders/bearer/node';

const ORIGIN = 'http://127.0.0.1:9';
const EXPOSED = 'Mcp-Session-Id, WWW-Authenticate';
const preflight = { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-adcp-auth,content-type' };
const validateToken = (token: string) => (token === 'tok-good' ? { scopes: ['a'] } : token === 'tok-slow' ? new Promise<null>(() => {}) : null);
// Express's cors sets Access-Control-Expose-Headers before next(): `exposedHeaders.join(',')`, here "Mcp-Session-Id".
const corsOptions = { origin: ORIGIN, exposedHeaders: ['Mcp-Session-Id'], allowedHeaders: ['Authorization', 'x-adcp-auth', 'Content-Type'] };

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve()));
  server = undefined;
});
async function listen(app: express.Express): Promise<string> {
  server = createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('Express: cors() then the middleware', () => {
  it('every 400/401/403/503 lists WWW-Authenticate once, merged with cors\'s own list', async () => {
    const app = express();
    app.use(cors(corsOptions));
    app.use(bearerAuth({ realm: 'api', requiredScopes: ['b'], validateToken, validateTokenTimeoutMs: 50 }));
    app.post('/', (_req, res) => void res.end('ok'));
    const url = await listen(app);
    for (const [authorization, status] of [[undefined, 401], ['Bearer a b', 400], ['Bearer tok-bad', 401], ['Bearer tok-good', 403], ['Bearer tok-slow', 503]] as const) {
      const response = await fetch(url, { method: 'POST', headers: { origin: ORIGIN, ...(authorization ? { authorization } : {}) } });
      expect(response.status).toBe(status);
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED);
    }
  });

  it('a list that already names WWW-Authenticate (any case) is left as it is', async () => {
    const app = express();
    app.use(cors({ ...corsOptions, exposedHeaders: ['www-authenticate', 'Mcp-Session-Id'] }));
    app.use(bearerAuth({ validateToken }));
    const response = await fetch(await listen(app), { method: 'POST', headers: { origin: ORIGIN } });
    expect(response.headers.get('access-control-expose-headers')).toBe('www-authenticate, Mcp-Session-Id');
  });

  it('a preflight passes through the middleware to cors, which allows Authorization and the alias', async () => {
    const app = express();
    app.use(bearerAuth({ validateToken, legacyHeaderAliases: ['x-adcp-auth'] }));
    app.use(cors(corsOptions));
    const response = await fetch(await listen(app), { method: 'OPTIONS', headers: preflight });
    // cors answers a preflight 204 with the allowed headers joined by ','.
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization,x-adcp-auth,Content-Type');
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('cors: false: no exposure, and a preflight is refused like any request without credentials', async () => {
    const app = express();
    app.use(bearerAuth({ validateToken, cors: false }));
    app.use(cors(corsOptions));
    const url = await listen(app);
    const response = await fetch(url, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
    expect((await fetch(url, { method: 'OPTIONS', headers: preflight })).status).toBe(401);
  });
});

describe('the /mcp drop-in behind cors()', () => {
  it('its own refusals and the SDK verifier\'s list WWW-Authenticate, merged', async () => {
    const app = express();
    app.use(cors(corsOptions));
    const verifier = {
      verifyAccessToken: async (token: string) => {
        if (token !== 'tok-good') throw new (await import('@modelcontextprotocol/sdk/server/auth/errors.js')).InvalidTokenError('Invalid token');
        return { token, clientId: 'c', scopes: ['a'], expiresAt: Date.now() / 1000 + 60 };
      },
    };
    app.post('/mcp', requireBearerAuth({ verifier, requiredScopes: ['b'] }), (_req, res) => void res.end('ok'));
    const url = `${await listen(app)}/mcp`;
    for (const [authorization, status] of [[undefined, 401], ['Bearer tok-bad', 401], ['Bearer tok-good', 403]] as const) {
      const response = await fetch(url, { method: 'POST', headers: { origin: ORIGIN, ...(authorization ? { authorization } : {}) } });
      expect(response.status).toBe(status);
      expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED);
    }
  });
});

describe('Hono: hono/cors then the middleware', () => {
  it('a refusal lists WWW-Authenticate, merged with hono/cors\'s list, which Hono copies over the answer', async () => {
    const app = new Hono();
    // hono/cors sets `exposeHeaders.join(",")` on c.res before next(); Hono copies c.res's headers onto a thrown answer.
    app.use(honoCors({ origin: ORIGIN, exposeHeaders: ['Mcp-Session-Id'] }));
    app.use(honoBearerAuth({ validateToken, requiredScopes: ['b'] }));
    app.post('/', (c) => c.text('ok'));
    for (const [authorization, status] of [[undefined, 401], ['Bearer tok-good', 403], ['Bearer a b', 400]] as const) {
      const response = await app.request('/', { method: 'POST', headers: { origin: ORIGIN, ...(authorization ? { authorization } : {}) } });
      expect(response.status).toBe(status);
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toBe(EXPOSED);
    }
  });

  it('a preflight passes through to hono/cors', async () => {
    const app = new Hono();
    app.use(honoBearerAuth({ validateToken }));
    app.use(honoCors({ origin: ORIGIN, allowHeaders: ['Authorization', 'x-adcp-auth'] }));
    const response = await app.request('/', { method: 'OPTIONS', headers: preflight });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization,x-adcp-auth');
  });
});

describe('Fastify: @fastify/cors and the plugin', () => {
  it('a refusal lists WWW-Authenticate, merged; a preflight is answered by @fastify/cors', async () => {
    const app = Fastify();
    await app.register(fastifyCors, { origin: ORIGIN, exposedHeaders: ['Mcp-Session-Id'], allowedHeaders: ['Authorization', 'x-adcp-auth'] });
    await app.register(fastifyBearerAuth, { validateToken, requiredScopes: ['b'] });
    app.post('/', async () => 'ok');
    for (const [authorization, status] of [[undefined, 401], ['Bearer tok-good', 403]] as const) {
      const response = await app.inject({ method: 'POST', url: '/', headers: { origin: ORIGIN, ...(authorization ? { authorization } : {}) } });
      expect(response.statusCode).toBe(status);
      expect(response.headers['access-control-expose-headers']).toBe(EXPOSED);
    }
    const answer = await app.inject({ method: 'OPTIONS', url: '/', headers: preflight });
    expect(answer.statusCode).toBe(204);
    expect(answer.headers['access-control-allow-headers']).toBe('Authorization, x-adcp-auth');
  });
});

describe('/fetch', () => {
  it('a refusal lists WWW-Authenticate; a preflight is never refused nor handed to the handler', async () => {
    let handled = 0;
    const handler = withBearerAuth(() => (handled++, new Response('ok')), { validateToken });
    const refused = await handler(new Request('http://127.0.0.1/', { method: 'POST' }));
    expect(refused.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate');
    const answer = await handler(new Request('http://127.0.0.1/', { method: 'OPTIONS', headers: preflight }));
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(handled).toBe(0);
  });
});
