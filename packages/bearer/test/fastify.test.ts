// The Fastify 5 plugin on a real Fastify instance (inject, no sockets): request.auth, replies through Fastify, and
// encapsulation both ways.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth, bearerAuthHook } from '@authheaders/bearer/fastify';
import { InsufficientScopeError, readBearerChallenge, type AuthInfo } from '../src/index';

const options = {
  realm: 'api',
  resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource/api',
  requiredScopes: ['files:read'],
  legacyHeaderAliases: ['x-adcp-auth'],
  validateToken: async (token: string): Promise<AuthInfo | null> => {
    if (token === 'reader') return { subject: 'alice', scopes: ['files:read'] };
    if (token === 'guest') return { subject: 'guest', scopes: [] };
    if (token === 'needs-admin') throw new InsufficientScopeError(['admin']);
    return null;
  },
};

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

describe('bearerAuth plugin registered at the root', () => {
  const build = async () => {
    app = Fastify();
    await app.register(bearerAuth, options);
    app.get('/me', async (request) => ({ subject: request.auth?.subject ?? null }));
    return app;
  };

  it('sets request.auth for a good token, from Authorization or a legacy alias', async () => {
    await build();
    expect((await app.inject({ url: '/me', headers: { authorization: 'Bearer reader' } })).json()).toEqual({ subject: 'alice' });
    expect((await app.inject({ url: '/me', headers: { 'x-adcp-auth': 'reader' } })).json()).toEqual({ subject: 'alice' });
  });

  it('answers 401 with the full challenge and no error code when there are no credentials', async () => {
    await build();
    const res = await app.inject({ url: '/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="api", scope="files:read", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/api"',
    );
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('answers 401 invalid_token and 403 insufficient_scope', async () => {
    await build();
    const bad = await app.inject({ url: '/me', headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
    expect(readBearerChallenge(bad.headers['www-authenticate'] as string)?.error).toBe('invalid_token');
    const guest = await app.inject({ url: '/me', headers: { authorization: 'Bearer guest' } });
    expect(guest.statusCode).toBe(403);
    expect(readBearerChallenge(guest.headers['www-authenticate'] as string)).toMatchObject({ error: 'insufficient_scope', scope: ['files:read'] });
    const admin = await app.inject({ url: '/me', headers: { authorization: 'Bearer needs-admin' } });
    expect(readBearerChallenge(admin.headers['www-authenticate'] as string)?.scope).toEqual(['admin']);
  });

  it('answers through Fastify: onSend hooks see the refusal', async () => {
    app = Fastify();
    const seen: number[] = [];
    app.addHook('onSend', async (_request, reply, payload) => {
      seen.push(reply.statusCode);
      return payload;
    });
    await app.register(bearerAuth, options);
    app.get('/me', async () => 'ok');
    await app.inject({ url: '/me' });
    expect(seen).toEqual([401]);
  });

  it('an unexpected error reaches Fastify’s error handler, and the response says nothing of it', async () => {
    app = Fastify();
    const errors: unknown[] = [];
    app.setErrorHandler((error, _request, reply) => {
      errors.push(error);
      return reply.code(500).send({ error: 'server_error' });
    });
    // Headers that cannot be read stand for any failure inside the hook.
    app.addHook('onRequest', async (request) => {
      Object.defineProperty(request.raw, 'rawHeaders', {
        get() {
          throw new Error('header store unavailable');
        },
      });
    });
    await app.register(bearerAuth, options);
    app.get('/me', async () => 'ok');
    const res = await app.inject({ url: '/me', headers: { authorization: 'Bearer reader' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('header store');
    expect(errors).toHaveLength(1);
  });

  it('request.auth is null on a request the hook has not accepted yet (decorated with null)', async () => {
    app = Fastify();
    const before: unknown[] = [];
    app.addHook('onRequest', async (request) => {
      before.push(request.auth);
    });
    await app.register(bearerAuth, options);
    app.get('/me', async (request) => request.auth);
    await app.inject({ url: '/me', headers: { authorization: 'Bearer reader' } });
    expect(before).toEqual([null]);
  });
});

describe('encapsulation', () => {
  it('registered inside a plugin, it guards that plugin’s routes and not its siblings', async () => {
    app = Fastify();
    app.get('/health', async () => 'ok');
    await app.register(async (api) => {
      await api.register(bearerAuth, options);
      api.get('/api/me', async (request) => ({ subject: request.auth?.subject }));
    });
    await app.register(async (other) => {
      other.get('/public', async () => 'public');
    });
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/public' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/me', headers: { authorization: 'Bearer reader' } })).json()).toEqual({ subject: 'alice' });
  });

  it('registered at the root, it is not encapsulated away: routes of later plugins are guarded too', async () => {
    app = Fastify();
    await app.register(bearerAuth, options);
    await app.register(async (child) => {
      child.get('/child', async () => 'child');
    });
    expect((await app.inject({ url: '/child' })).statusCode).toBe(401);
  });

  it('two scopes with different options each guard their own routes', async () => {
    app = Fastify();
    await app.register(async (a) => {
      await a.register(bearerAuth, { ...options, realm: 'a' });
      a.get('/a', async () => 'a');
    });
    await app.register(async (b) => {
      await b.register(bearerAuth, { ...options, realm: 'b', requiredScopes: [] });
      b.get('/b', async () => 'b');
    });
    expect(readBearerChallenge((await app.inject({ url: '/a' })).headers['www-authenticate'] as string)?.realm).toBe('a');
    expect(readBearerChallenge((await app.inject({ url: '/b' })).headers['www-authenticate'] as string)?.realm).toBe('b');
  });

  it('bearerAuthHook guards one route only', async () => {
    app = Fastify();
    app.decorateRequest('auth', null);
    app.get('/open', async () => 'open');
    app.get('/closed', { onRequest: bearerAuthHook(options) }, async (request) => ({ subject: request.auth?.subject }));
    expect((await app.inject({ url: '/open' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/closed' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/closed', headers: { authorization: 'Bearer reader' } })).json()).toEqual({ subject: 'alice' });
  });
});

describe('hostile input through Fastify', () => {
  it('two different tokens in Authorization (lines joined by a comma) are a 400, not the first one silently', async () => {
    app = Fastify();
    await app.register(bearerAuth, options);
    app.get('/me', async () => 'ok');
    // light-my-request joins the two lines into one field with a comma, as a proxy may; its types declare strings.
    const res = await app.inject({ url: '/me', headers: { authorization: ['Bearer reader', 'Bearer guest'] as unknown as string } });
    expect(res.statusCode).toBe(400);
    expect(readBearerChallenge(res.headers['www-authenticate'] as string)?.error).toBe('invalid_request');
  });
});
