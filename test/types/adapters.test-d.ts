// Type tests of the framework entries, through the built declarations: what a user's editor sees.
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import type { AuthInfo as McpAuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { requireBearerAuth as sdkRequireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo } from '@authheaders/bearer';
import { bearerAuth as fastifyBearerAuth, bearerAuthHook } from '@authheaders/bearer/fastify';
import { bearerAuth as honoBearerAuth } from '@authheaders/bearer/hono';
import { requireBearerAuth } from '@authheaders/bearer/mcp';
import { bearerAuth, type ExpressAuthInfo } from '@authheaders/bearer/node';

interface Claims extends AuthInfo {
  subject: string;
  tenant: string;
}
declare function lookUp(token: string): Promise<Claims | null>;

describe('@authheaders/bearer/node with Express', () => {
  it('types req.auth in every Express handler once the entry is imported (no TS2339)', () => {
    const app = express();
    app.use(bearerAuth({ validateToken: lookUp }));
    app.get('/me', (req, res) => {
      // This program also imports the MCP SDK, whose own declaration of req.auth then wins (next test); what
      // ExpressAuthInfo alone gives is checked by the packed-tarball test, in a program without the SDK.
      expectTypeOf(req.auth).toMatchTypeOf<ExpressAuthInfo | undefined>();
      expectTypeOf(req.auth?.scopes).toMatchTypeOf<readonly string[] | undefined>();
      res.json({ scopes: req.auth?.scopes });
    });
  });

  it('merges with the MCP SDK’s own augmentation of the same req.auth instead of clashing', () => {
    const app = express();
    app.use(sdkRequireBearerAuth({ verifier: { verifyAccessToken: async () => ({ token: 't', clientId: 'c', scopes: [] }) } }));
    app.get('/me', (req) => {
      // The SDK declares the property itself; our base interface accepts it, so both entries can be imported.
      expectTypeOf(req.auth).toEqualTypeOf<McpAuthInfo | undefined>();
    });
  });
});

describe('@authheaders/bearer/hono', () => {
  it('c.get("auth") is what validateToken returns, on a route or chained', () => {
    new Hono().get('/me', honoBearerAuth({ validateToken: lookUp }), (c) => {
      expectTypeOf(c.get('auth')).toEqualTypeOf<Claims>();
      return c.json({ tenant: c.get('auth').tenant });
    });
    new Hono().use(honoBearerAuth({ token: 'x' })).get('/me', (c) => c.json(c.get('auth')));
  });

  it('takes Hono 4’s options, and exactly one way to check a token', () => {
    honoBearerAuth({ token: ['a', 'b'], realm: 'api', prefix: 'Bot', hashFunction: (value: string) => value });
    // Hono types hashFunction as Function: a configuration written against Hono's types still compiles.
    const honoStyleHash: Function = (value: string) => value;
    honoBearerAuth({ token: 'a', hashFunction: honoStyleHash });
    honoBearerAuth({ verifyToken: async (token, c) => token === c.req.header('x-expected') });
    // As in Hono, a refusal message's context has c.env: any unless an environment is given.
    honoBearerAuth({ token: 'a', invalidToken: { message: (c) => ({ tenant: c.env.TENANT }) }, noAuthenticationHeaderMessage: (c) => `${c.env.HINT}` });
    honoBearerAuth<{ Bindings: { API_TOKEN: string } }>({ verifyToken: (token, c) => token === c.env.API_TOKEN });
    // @ts-expect-error a binding the given environment does not have
    honoBearerAuth<{ Bindings: { API_TOKEN: string } }>({ verifyToken: (token, c) => token === c.env.OTHER });
    honoBearerAuth({ token: 'a', noAuthenticationHeader: { message: { error: 'nope' }, wwwAuthenticateHeader: { realm: 'x' } } });
    honoBearerAuth({ token: 'a', invalidTokenMessage: (c) => `no ${c.req.path}` });
    // @ts-expect-error token and verifyToken at once
    honoBearerAuth({ token: 'a', verifyToken: () => true });
    // @ts-expect-error no way to check a token
    honoBearerAuth({ realm: 'api' });
    // @ts-expect-error verifyToken answers a boolean
    honoBearerAuth({ verifyToken: () => 'yes' });
  });

  it('fits where a hand-written middleware calls it with any context', () => {
    new Hono().use(async (c, next) => honoBearerAuth({ token: 'a' })(c, next));
  });
});

describe('@authheaders/bearer/mcp', () => {
  it('takes the SDK’s options and sets the SDK’s req.auth', () => {
    const app = express();
    const verifier = { verifyAccessToken: async (token: string): Promise<McpAuthInfo> => ({ token, clientId: 'c', scopes: [] }) };
    app.post('/mcp', requireBearerAuth({ verifier, requiredScopes: ['mcp'], resourceMetadataUrl: 'https://x.example/prm', expectedResource: new URL('https://x.example/mcp') }), (req) => {
      expectTypeOf(req.auth?.clientId).toEqualTypeOf<string | undefined>();
    });
    requireBearerAuth({ verifier, realm: 'mcp', legacyHeaderAliases: ['x-api-key'] });
    // @ts-expect-error the verifier is required
    requireBearerAuth({ requiredScopes: ['mcp'] });
    // @ts-expect-error validateToken is the verifier's job here
    requireBearerAuth({ verifier, validateToken: () => null });
  });
});

describe('@authheaders/bearer/fastify', () => {
  it('registers as a plugin with typed options, and request.auth is typed', async () => {
    const app = Fastify();
    await app.register(fastifyBearerAuth, { realm: 'api', validateToken: lookUp });
    app.get('/me', async (request) => {
      expectTypeOf(request.auth).toEqualTypeOf<AuthInfo | null>();
      return { subject: request.auth?.subject };
    });
    app.get('/one', { onRequest: bearerAuthHook({ validateToken: lookUp }) }, async () => 'ok');
    // @ts-expect-error validateToken is required
    await app.register(fastifyBearerAuth, { realm: 'api' });
  });
});
