import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { bearerAuth, type AuthenticatedRequest } from '@authheaders/bearer/node';
import { InsufficientScopeError, InvalidTokenError, readBearerChallenge, type AuthInfo, type BearerAuthAuditEvent, type BearerAuthOptions } from '../src/index';

const GOOD = 'good-token';
const READER = 'reader-token';
const RESOURCE_METADATA = 'https://api.example.com/.well-known/oauth-protected-resource';

const audits: BearerAuthAuditEvent[] = [];
const options = {
  realm: 'api',
  resourceMetadata: RESOURCE_METADATA,
  requiredScopes: ['files:write'],
  legacyHeaderAliases: ['x-adcp-auth'],
  onAudit: (event: BearerAuthAuditEvent) => audits.push(event),
  validateToken: async (token: string): Promise<AuthInfo | null> => {
    if (token === GOOD) return { subject: 'alice', scopes: ['files:read', 'files:write'] };
    if (token === READER) return { subject: 'bob', scopes: ['files:read'] };
    if (token === 'needs-admin') throw new InsufficientScopeError(['admin']);
    if (token === 'revoked') throw new InvalidTokenError('The access token was revoked.');
    if (token === 'explodes') throw new Error(`database down while checking ${token}`);
    return null;
  },
};

type Call = (headers: Record<string, string | string[]>) => Promise<{ status: number; challenge: string | null; body: unknown }>;

/** Runs the same expectations against every way the middleware can be mounted. */
function behavesAsBearerMiddleware(call: () => Call) {
  it('answers 401 with a challenge and no error code when there are no credentials (RFC 6750 §3.1)', async () => {
    const { status, challenge, body } = await call()({});
    expect(status).toBe(401);
    expect(challenge).toBe(`Bearer realm="api", scope="files:write", resource_metadata="${RESOURCE_METADATA}"`);
    expect(body).toEqual({ error: 'unauthorized', error_description: expect.any(String) });
  });

  it('lets a good token through Authorization and through the legacy alias', async () => {
    expect(await call()({ authorization: `Bearer ${GOOD}` })).toMatchObject({ status: 200, body: { subject: 'alice' } });
    expect(await call()({ 'x-adcp-auth': GOOD })).toMatchObject({ status: 200, body: { subject: 'alice' } });
  });

  it('answers 401 invalid_token for an unknown token', async () => {
    const { status, challenge } = await call()({ authorization: 'Bearer nope' });
    expect(status).toBe(401);
    expect(readBearerChallenge(challenge)).toMatchObject({ error: 'invalid_token', realm: 'api', resourceMetadata: new URL(RESOURCE_METADATA) });
  });

  it('answers 401 invalid_token with the description of a thrown InvalidTokenError, in the challenge and the body', async () => {
    const { status, challenge, body } = await call()({ authorization: 'Bearer revoked' });
    expect(status).toBe(401);
    expect(readBearerChallenge(challenge)).toMatchObject({ error: 'invalid_token', errorDescription: 'The access token was revoked.', realm: 'api' });
    expect(body).toEqual({ error: 'invalid_token', error_description: 'The access token was revoked.' });
  });

  it('answers 400 invalid_request for a malformed Authorization header (RFC 6750 §3.1)', async () => {
    const { status, challenge, body } = await call()({ authorization: 'Bearer a b' });
    expect(status).toBe(400);
    expect(readBearerChallenge(challenge)).toMatchObject({ error: 'invalid_request', realm: 'api', resourceMetadata: new URL(RESOURCE_METADATA) });
    expect(body).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 403 insufficient_scope naming the scope needed', async () => {
    const { status, challenge } = await call()({ authorization: `Bearer ${READER}` });
    expect(status).toBe(403);
    expect(readBearerChallenge(challenge)).toMatchObject({ error: 'insufficient_scope', scope: ['files:write'] });
    const thrown = await call()({ authorization: 'Bearer needs-admin' });
    expect(thrown.status).toBe(403);
    expect(readBearerChallenge(thrown.challenge)?.scope).toEqual(['admin']);
  });

  it('answers 400 invalid_request for two different Authorization tokens', async () => {
    const { status, challenge } = await call()({ authorization: [`Bearer ${GOOD}`, `Bearer ${READER}`] });
    expect(status).toBe(400);
    expect(readBearerChallenge(challenge)?.error).toBe('invalid_request');
  });

  it('fails closed when the validator throws, without leaking its error or the token', async () => {
    const { status, challenge, body } = await call()({ authorization: 'Bearer explodes' });
    expect(status).toBe(401);
    expect(readBearerChallenge(challenge)?.error).toBe('invalid_token');
    expect(JSON.stringify(body)).not.toContain('database');
    expect(JSON.stringify(body)).not.toContain('explodes');
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function httpCaller(base: () => string): Call {
  return async (headers) => {
    const list = new Headers();
    for (const [name, value] of Object.entries(headers)) for (const v of [value].flat()) list.append(name, v);
    // Node's fetch joins repeated lines; send them as separate lines through raw node http instead when needed.
    const response = await fetch(`${base()}/whoami`, { headers: list });
    const text = await response.text();
    return { status: response.status, challenge: response.headers.get('www-authenticate'), body: text ? JSON.parse(text) : null };
  };
}

describe('bearerAuth on node:http', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const middleware = bearerAuth(options);
    server = createServer((req, res) =>
      middleware(req, res, () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify((req as AuthenticatedRequest).auth));
      }),
    );
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  behavesAsBearerMiddleware(() => httpCaller(() => base));
});

describe('bearerAuth in Express', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const app = express();
    app.use(bearerAuth(options));
    app.get('/whoami', (req, res) => {
      res.json((req as unknown as AuthenticatedRequest).auth);
    });
    server = createServer(app);
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  behavesAsBearerMiddleware(() => httpCaller(() => base));
});

describe('withBearerAuth as a Fetch handler', () => {
  const handler = withBearerAuth(async (_request, auth) => Response.json(auth), options);
  behavesAsBearerMiddleware(() => async (headers) => {
    const list = new Headers();
    for (const [name, value] of Object.entries(headers)) for (const v of [value].flat()) list.append(name, v);
    const response = await handler(new Request('https://api.example.com/whoami', { headers: list }));
    return { status: response.status, challenge: response.headers.get('www-authenticate'), body: await response.json() };
  });
});

describe('withBearerAuth in Hono', () => {
  const app = new Hono();
  const protectedHandler = withBearerAuth(async (_request, auth) => Response.json(auth), options);
  app.get('/whoami', (c) => protectedHandler(c.req.raw));
  behavesAsBearerMiddleware(() => async (headers) => {
    const list = new Headers();
    for (const [name, value] of Object.entries(headers)) for (const v of [value].flat()) list.append(name, v);
    const response = await app.request('/whoami', { headers: list });
    return { status: response.status, challenge: response.headers.get('www-authenticate'), body: await response.json() };
  });
});

describe('audit and deprecated options', () => {
  it('audits every outcome without the token', async () => {
    audits.length = 0;
    const handler = withBearerAuth(async () => new Response('ok'), options);
    await handler(new Request('https://x.example/', { headers: { 'x-adcp-auth': GOOD } }));
    await handler(new Request('https://x.example/'));
    expect(audits).toEqual([
      { outcome: 'authenticated', source: 'x-adcp-auth', aliasUsed: true, conflicts: [] },
      { outcome: 'missing', aliasUsed: false, conflicts: [] },
    ]);
    expect(JSON.stringify(audits)).not.toContain(GOOD);
  });

  it('maps headerName additively and warns once', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const make = () =>
      withBearerAuth(async (_r, auth) => Response.json(auth), {
        headerName: 'x-legacy',
        bearerPrefixRequired: true,
        validateToken: (token) => (token === GOOD ? { subject: 'alice' } : null),
      });
    const handler = make();
    make();
    const viaLegacy = await handler(new Request('https://x.example/', { headers: { 'x-legacy': `Bearer ${GOOD}` } }));
    const viaAuthorization = await handler(new Request('https://x.example/', { headers: { authorization: `Bearer ${GOOD}` } }));
    const rawLegacy = await handler(new Request('https://x.example/', { headers: { 'x-legacy': GOOD } }));
    expect([viaLegacy.status, viaAuthorization.status, rawLegacy.status]).toEqual([200, 200, 400]);
    const codes = warn.mock.calls.map((call) => (call[1] as { code: string }).code);
    expect(codes.filter((c) => c === 'AUTHHEADERS_HEADER_NAME')).toHaveLength(1);
    expect(codes.filter((c) => c === 'AUTHHEADERS_BEARER_PREFIX_REQUIRED')).toHaveLength(1);
    warn.mockRestore();
  });

  it("maps headerName: 'authorization' to no alias", async () => {
    const handler = withBearerAuth(async () => new Response('ok'), {
      headerName: 'Authorization',
      validateToken: (token) => (token === GOOD ? {} : null),
    });
    expect((await handler(new Request('https://x.example/', { headers: { authorization: `Bearer ${GOOD}` } }))).status).toBe(200);
  });

  it('calls validateToken and onAudit as methods of the options', async () => {
    const seen: string[] = [];
    const handler = withBearerAuth(async () => new Response('ok'), {
      tokens: new Set([GOOD]),
      validateToken(token) {
        return this.tokens.has(token) ? {} : null;
      },
      onAudit(event) {
        seen.push(`${this.tokens.size}:${event.outcome}`);
      },
    } as BearerAuthOptions<Request> & { tokens: Set<string> } & ThisType<{ tokens: Set<string> }>);
    expect((await handler(new Request('https://x.example/', { headers: { authorization: `Bearer ${GOOD}` } }))).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['1:authenticated']);
  });

  it('refuses bad options at construction', () => {
    expect(() => withBearerAuth(async () => new Response(), { validateToken: () => null, legacyHeaderAliases: 'x-a' as never })).toThrow(/did you mean/);
    expect(() => withBearerAuth(async () => new Response(), { validateToken: () => null, resourceMetadata: 'http://evil.example/' })).toThrow(TypeError);
    expect(() => withBearerAuth(async () => new Response(), {} as never)).toThrow(/validateToken/);
  });
});
