// Modeled on Hono's own tests of `hono/bearer-auth` (src/middleware/bearer-auth/index.test.ts, Hono 4.13): the same
// apps, requests and expectations, run against `@authheaders/bearer/hono`. Where we answer differently on purpose,
// the test says "DIFFERENCE" and the package README lists it.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerAuth } from '@authheaders/bearer/hono';
import { parseChallenges } from '@authheaders/www-authenticate';
import { InsufficientScopeError, readBearerChallenge, type BearerAuthAuditEvent } from '../src/index';

// Spied before any middleware is built: the DeprecationWarning for headerName is emitted once per process.
const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});

const MALFORMED = 'Bearer abc def'; // a space inside the token: not a b64token (RFC 6750 §2.1)

describe('Bearer Auth by Middleware (Hono test suite)', () => {
  let app: Hono;
  let handlerExecuted: boolean;
  let token: string;
  let tokens: string[];

  beforeEach(() => {
    app = new Hono();
    handlerExecuted = false;
    token = 'abcdefg12345-._~+/=';
    tokens = ['abcdefg12345-._~+/=', 'alternative'];

    app.use('/auth/*', bearerAuth({ token }));
    app.use('/auth/*', async (c, next) => {
      c.header('x-custom', 'foo');
      await next();
    });
    app.get('/auth/*', (c) => {
      handlerExecuted = true;
      return c.text('auth');
    });

    app.use('/authBot/*', bearerAuth({ token, prefix: 'Bot' }));
    app.get('/authBot/*', (c) => {
      handlerExecuted = true;
      return c.text('auth bot');
    });

    app.use('/apiKey/*', bearerAuth({ token, prefix: '', headerName: 'X-Api-Key' }));
    app.get('/apiKey/*', (c) => {
      handlerExecuted = true;
      return c.text('auth apiKey');
    });

    app.use('/nested/*', async (c, next) => {
      const auth = bearerAuth({ token });
      return auth(c, next);
    });
    app.get('/nested/*', (c) => {
      handlerExecuted = true;
      return c.text('auth nested');
    });

    app.use('/auths/*', bearerAuth({ token: tokens }));
    app.get('/auths/*', (c) => {
      handlerExecuted = true;
      return c.text('auths');
    });

    app.use(
      '/auth-verify-token/*',
      bearerAuth({ verifyToken: async (presented, c) => c.req.path === '/auth-verify-token' && presented === 'dynamic-token' }),
    );
    app.get('/auth-verify-token/*', (c) => {
      handlerExecuted = true;
      return c.text('auth-verify-token');
    });

    app.use('/auth-custom-header/*', bearerAuth({ token: tokens, headerName: 'X-Auth' }));
    app.get('/auth-custom-header/*', (c) => {
      handlerExecuted = true;
      return c.text('auth-custom-header');
    });
  });

  const request = (path: string, headers: Record<string, string> = {}) => app.request(new Request(`http://localhost${path}`, { headers }));

  it('Should authorize', async () => {
    const res = await request('/auth/a', { Authorization: 'Bearer abcdefg12345-._~+/=' });
    expect(res.status).toBe(200);
    expect(handlerExecuted).toBeTruthy();
    expect(await res.text()).toBe('auth');
    expect(res.headers.get('x-custom')).toBe('foo');
  });

  it.each([['bearer'], ['BEARER'], ['BeArEr']])('Should authorize - prefix is case-insensitive: %s', async (prefix) => {
    const res = await request('/auth/a', { Authorization: `${prefix} ${token}` });
    expect(res.status).toBe(200);
    expect(handlerExecuted).toBeTruthy();
  });

  it('Should not authorize - no authorization header', async () => {
    const res = await request('/auth/a');
    expect(res.status).toBe(401);
    expect(handlerExecuted).toBeFalsy();
    expect(await res.text()).toBe('Unauthorized');
    expect(res.headers.get('x-custom')).toBeNull();
    // DIFFERENCE: an RFC 6750 challenge with no error code, instead of `Bearer realm=""`.
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it('Should not authorize - invalid request (a malformed Bearer credential)', async () => {
    for (const authorization of [MALFORMED, 'Bearer ab"c', 'Bearer ']) {
      const res = await request('/auth/a', { Authorization: authorization });
      expect(handlerExecuted).toBeFalsy();
      if (authorization === 'Bearer ') {
        // DIFFERENCE: a bare "Bearer" carries no credentials: 401 without an error code, not 400.
        expect(res.status).toBe(401);
        continue;
      }
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('Bad Request');
      expect(readBearerChallenge(res)?.error).toBe('invalid_request');
      expect(res.headers.get('x-custom')).toBeNull();
    }
  });

  it('DIFFERENCE: another scheme (`Beare ...`) is no Bearer credential: 401 without an error code, not 400', async () => {
    const res = await request('/auth/a', { Authorization: 'Beare abcdefg12345-._~+/=' });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized');
    expect(readBearerChallenge(res)?.error).toBeUndefined();
  });

  it('Should not authorize - invalid token', async () => {
    const res = await request('/auth/a', { Authorization: 'Bearer invalid-token' });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized');
    expect(res.headers.get('x-custom')).toBeNull();
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer error="invalid_token", error_description="[^"]+"$/);
  });

  it('Should not authorize - token is case-sensitive', async () => {
    const res = await request('/auth/a', { Authorization: `Bearer ${token.toUpperCase()}` });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized');
  });

  it('Should authorize - prefix: Bot', async () => {
    const res = await request('/authBot/a', { Authorization: 'Bot abcdefg12345-._~+/=' });
    expect(res.status).toBe(200);
    expect(handlerExecuted).toBeTruthy();
    expect(await res.text()).toBe('auth bot');
  });

  it('Should not authorize - prefix: Bot, wrong token', async () => {
    const res = await request('/authBot/a', { Authorization: 'Bot invalid-token' });
    expect(res.status).toBe(401);
    expect(handlerExecuted).toBeFalsy();
  });

  it('DIFFERENCE: prefix: Bot still accepts Authorization: Bearer (Hono: 400)', async () => {
    const res = await request('/authBot/a', { Authorization: 'Bearer abcdefg12345-._~+/=' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('auth bot');
  });

  it("Should authorize - prefix: '' with headerName", async () => {
    const res = await request('/apiKey/a', { 'X-Api-Key': 'abcdefg12345-._~+/=' });
    expect(res.status).toBe(200);
    expect(handlerExecuted).toBeTruthy();
    expect(await res.text()).toBe('auth apiKey');
  });

  it("Should not authorize - prefix: '' with headerName, malformed or wrong raw token", async () => {
    const malformed = await request('/apiKey/a', { 'X-Api-Key': 'abc def' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toBe('Bad Request');
    const wrong = await request('/apiKey/a', { 'X-Api-Key': 'wrong' });
    expect(wrong.status).toBe(401);
  });

  it('DIFFERENCE: headerName is a legacy alias, Authorization: Bearer is accepted first (Hono: 401)', async () => {
    const res = await request('/apiKey/a', { Authorization: 'Bearer abcdefg12345-._~+/=' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('auth apiKey');
  });

  // What the deprecation warning and the codemod's Hono migration suggest: headerName → legacyHeaderAliases, the
  // prefix kept. A prefix other than Bearer applies to the aliases as it applied to headerName.
  it.each([
    ['Bot', { 'X-Bot-Token': 'Bot abcdefg12345-._~+/=' }, 200],
    ['Bot', { 'X-Bot-Token': 'bot  abcdefg12345-._~+/=' }, 200],
    ['Bot', { 'X-Bot-Token': 'abcdefg12345-._~+/=' }, 400],
    ['Bot', { 'X-Bot-Token': 'Bearer abcdefg12345-._~+/=' }, 400],
    ['Bot', { 'X-Bot-Token': 'Bot wrong' }, 401],
    ['Bot', { Authorization: 'Bot abcdefg12345-._~+/=' }, 401],
    ['Bot', { Authorization: 'Bearer abcdefg12345-._~+/=' }, 200],
    ['', { 'X-Bot-Token': 'abcdefg12345-._~+/=' }, 200],
    ['', { 'X-Bot-Token': 'Bearer abcdefg12345-._~+/=' }, 400],
    // Not one credentials (RFC 9110 §11.4: `/` ends the scheme): 400, as any Authorization line that is not one.
    ['', { Authorization: 'abcdefg12345-._~+/=' }, 400],
    ['', { Authorization: 'Bearer abcdefg12345-._~+/=' }, 200],
  ])('legacyHeaderAliases with prefix %j answers %j as headerName did: %i', async (prefix, headers, status) => {
    const answer = async (options: Parameters<typeof bearerAuth>[0]) => {
      const app = new Hono().use('/*', bearerAuth(options)).get('/', (c) => c.text('ok'));
      app.onError((error, c) => (error instanceof HTTPException ? error.getResponse() : c.text('oops', 500)));
      return (await app.request('/', { headers })).status;
    };
    expect(await answer({ token, legacyHeaderAliases: ['X-Bot-Token'], prefix })).toBe(status);
    expect(await answer({ token, headerName: 'X-Bot-Token', prefix })).toBe(status);
  });

  it('DIFFERENCE: headerName emits one DeprecationWarning per process, naming its replacement', () => {
    const calls = emitWarning.mock.calls.filter(([message]) => String(message).startsWith('headerName'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual([expect.stringContaining('legacyHeaderAliases'), { type: 'DeprecationWarning', code: 'AUTHHEADERS_HEADER_NAME' }]);
  });

  it('Should authorize - nested', async () => {
    const res = await request('/nested/a', { Authorization: 'Bearer abcdefg12345-._~+/=' });
    expect(res.status).toBe(200);
    expect(handlerExecuted).toBeTruthy();
    expect(await res.text()).toBe('auth nested');
  });

  it('Should not authorize - nested', async () => {
    const res = await request('/nested/a', { Authorization: 'Bearer invalid-token' });
    expect(handlerExecuted).toBeFalsy();
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized');
  });

  it('Should authorize - with any token in list', async () => {
    const res1 = await request('/auths/a', { Authorization: 'Bearer abcdefg12345-._~+/=' });
    expect(res1.status).toBe(200);
    expect(await res1.text()).toBe('auths');
    const res2 = await request('/auths/a', { Authorization: 'Bearer alternative' });
    expect(res2.status).toBe(200);
    expect(await res2.text()).toBe('auths');
    const res3 = await request('/auths/a', { Authorization: 'Bearer alternativ' });
    expect(res3.status).toBe(401);
  });

  it('Should authorize - verifyToken option, with the context', async () => {
    const res = await request('/auth-verify-token', { Authorization: 'Bearer dynamic-token' });
    expect(res.status).toBe(200);
    expect(handlerExecuted).toBeTruthy();
    expect(await res.text()).toBe('auth-verify-token');
  });

  it('Should not authorize - verifyToken option (wrong token, or the context says no)', async () => {
    expect((await request('/auth-verify-token', { Authorization: 'Bearer invalid-token' })).status).toBe(401);
    expect((await request('/auth-verify-token/other', { Authorization: 'Bearer dynamic-token' })).status).toBe(401);
    expect(handlerExecuted).toBeFalsy();
  });

  it('Should authorize - custom header', async () => {
    const res = await request('/auth-custom-header/a', { 'X-Auth': 'Bearer abcdefg12345-._~+/=' });
    expect(res.status).toBe(200);
    expect(handlerExecuted).toBeTruthy();
    expect(await res.text()).toBe('auth-custom-header');
  });

  it('Should not authorize - custom header', async () => {
    const res = await request('/auth-custom-header/a', { 'X-Auth': 'Bearer invalid-token' });
    expect(handlerExecuted).toBeFalsy();
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('Unauthorized');
  });
});

describe('Bearer Auth custom responses (Hono test suite)', () => {
  const tokens = ['abcdefg12345-._~+/=', 'alternative'];
  // The three refusals Hono lets you customise, and a request that triggers each.
  const REFUSALS = [
    { option: 'noAuthenticationHeader', status: 401, headers: {} },
    { option: 'invalidAuthenticationHeader', status: 400, headers: { Authorization: MALFORMED } },
    { option: 'invalidToken', status: 401, headers: { Authorization: 'Bearer invalid-token' } },
  ] as const;
  const CHALLENGE = 'Bearer error="Unauthorized",error_description="Unauthorized"';
  const PARAMS = { error: 'Unauthorized', error_description: 'Unauthorized' };

  const run = async (options: Parameters<typeof bearerAuth>[0], headers: Record<string, string>) => {
    const app = new Hono();
    let handlerExecuted = false;
    app.use('/*', bearerAuth(options));
    app.get('/*', (c) => {
      handlerExecuted = true;
      return c.text('auth');
    });
    const res = await app.request('http://localhost/a', { headers });
    return { res, handlerExecuted };
  };

  describe.each(REFUSALS)('$option', ({ option, status, headers }) => {
    it.each([
      ['a string', CHALLENGE],
      ['a function returning a string', () => CHALLENGE],
    ])('wwwAuthenticateHeader as %s is sent as written', async (_, wwwAuthenticateHeader) => {
      const { res, handlerExecuted } = await run({ token: tokens, [option]: { wwwAuthenticateHeader } }, headers);
      expect(res.status).toBe(status);
      expect(handlerExecuted).toBeFalsy();
      expect(res.headers.get('WWW-Authenticate')).toBe(CHALLENGE);
    });

    it.each([
      ['an object', PARAMS],
      ['a function returning an object', () => PARAMS],
      ['an async function returning an object', async () => PARAMS],
    ])('wwwAuthenticateHeader as %s is serialized (DIFFERENCE: ", " between parameters)', async (_, wwwAuthenticateHeader) => {
      const { res } = await run({ token: tokens, [option]: { wwwAuthenticateHeader } }, headers);
      expect(res.status).toBe(status);
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer error="Unauthorized", error_description="Unauthorized"');
      expect(parseChallenges(res.headers.get('WWW-Authenticate'))).toEqual(parseChallenges(CHALLENGE));
    });

    it.each([
      ['a string', 'Custom message as string', 'Custom message as string', null],
      ['an object', { message: 'Custom message as object' }, '{"message":"Custom message as object"}', 'application/json'],
      ['a function returning a string', () => 'Custom message as function string', 'Custom message as function string', null],
      ['a function returning an object', () => ({ message: 'as function object' }), '{"message":"as function object"}', 'application/json'],
    ])('message as %s', async (_, message, body, contentType) => {
      const { res, handlerExecuted } = await run({ token: tokens, [option]: { message } }, headers);
      expect(res.status).toBe(status);
      expect(handlerExecuted).toBeFalsy();
      expect(await res.text()).toBe(body);
      if (contentType !== null) expect(res.headers.get('Content-Type')).toMatch(contentType);
      // Our full challenge stays when only the message is customised.
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    });

    it('message as a Response keeps its status and headers, and gains the challenge', async () => {
      const message = () => new Response('teapot', { status: 418, headers: { 'x-from': 'message' } });
      const { res } = await run({ token: tokens, realm: 'api', [option]: { message } }, headers);
      expect(res.status).toBe(418);
      expect(await res.text()).toBe('teapot');
      expect(res.headers.get('x-from')).toBe('message');
      expect(readBearerChallenge(res)?.realm).toBe('api');
    });

    it(`the deprecated ${option}Message form still works`, async () => {
      const { res } = await run({ token: tokens, [`${option}Message`]: 'Deprecated form' }, headers);
      expect(res.status).toBe(status);
      expect(await res.text()).toBe('Deprecated form');
    });
  });

  it('a challenge object is written after the prefix, as in Hono, when the prefix can be a scheme', async () => {
    const bot = await run({ token: tokens, prefix: 'Bot', invalidToken: { wwwAuthenticateHeader: { error: 'invalid_token' } } }, { Authorization: 'Bot nope' });
    expect(bot.res.headers.get('WWW-Authenticate')).toBe('Bot error="invalid_token"');
    const spaced = await run({ token: tokens, prefix: 'Bearer (v2)', invalidToken: { wwwAuthenticateHeader: { error: 'invalid_token' } } }, { Authorization: 'Bearer (v2) nope' });
    expect(spaced.res.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('a bad challenge object is refused when the middleware is built, naming the option', () => {
    expect(() => bearerAuth({ token: tokens, invalidToken: { wwwAuthenticateHeader: { 'bad name': 'x' } } })).toThrow(TypeError);
    expect(() => bearerAuth({ token: tokens, invalidToken: { wwwAuthenticateHeader: { error: 'line\r\nbreak' } } })).toThrow(TypeError);
  });
});

describe('Bearer Auth with prefix containing regex metacharacters (Hono test suite)', () => {
  const token = 'abcdefg12345-._~+/=';
  const statusFor = async (prefix: string, authorization: string) => {
    const app = new Hono();
    app.use('/*', bearerAuth({ token, prefix }));
    app.get('/*', (c) => c.text('ok'));
    return (await app.request('http://localhost/a', { headers: { Authorization: authorization } })).status;
  };

  it('Should not throw when prefix contains regex metacharacters', () => {
    expect(() => bearerAuth({ token, prefix: 'Bearer (v2)' })).not.toThrow();
  });

  it('Should authorize with prefix containing parentheses, dots and plus signs', async () => {
    expect(await statusFor('Bearer(v2)', `Bearer(v2) ${token}`)).toBe(200);
    expect(await statusFor('X.Auth+v2', `X.Auth+v2 ${token}`)).toBe(200);
    expect(await statusFor('Bearer (v2)', `Bearer (v2) ${token}`)).toBe(200);
  });

  it('Should not match when prefix metacharacters are interpreted as regex', async () => {
    expect(await statusFor('X.Y', `XzY ${token}`)).toBe(401);
  });
});

describe('Bearer Auth options validation (Hono test suite)', () => {
  it('Should throw an error mentioning "token", "verifyToken" (and "validateToken") when none is provided', () => {
    expect(() => bearerAuth({} as never)).toThrow(/token.*verifyToken.*validateToken/);
  });

  it('refuses requiredScopes without validateToken: a static token grants no scope', () => {
    expect(() => bearerAuth({ token: 'a', requiredScopes: ['read'] })).toThrow(/requiredScopes needs validateToken/);
    expect(() => bearerAuth({ verifyToken: () => true, requiredScopes: ['read'] })).toThrow(TypeError);
  });

  it('refuses two verifiers at once, and a token list with an empty token', () => {
    expect(() => bearerAuth({ token: 'a', verifyToken: () => true } as never)).toThrow(TypeError);
    expect(() => bearerAuth({ token: ['a', ''] })).toThrow(TypeError);
  });
});

describe('what the adapter adds to Hono', () => {
  const audits: BearerAuthAuditEvent[] = [];
  afterEach(() => {
    audits.length = 0;
  });

  const app = new Hono().use(
    '/api/*',
    bearerAuth({
      realm: 'api',
      resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource/api',
      requiredScopes: ['files:read'],
      legacyHeaderAliases: ['x-adcp-auth'],
      onAudit: (event) => audits.push(event),
      insufficientScope: { message: { error: 'insufficient_scope' } },
      validateToken: (token) => {
        if (token === 'reader') return { subject: 'alice', scopes: ['files:read'] };
        if (token === 'guest') return { subject: 'guest', scopes: [] };
        if (token === 'needs-admin') throw new InsufficientScopeError(['admin']);
        return null;
      },
    }),
  ).get('/api/me', (c) => c.json({ subject: c.get('auth').subject }));
  app.onError((error, c) => (error instanceof HTTPException ? error.getResponse() : c.text('oops', 500)));

  it('c.get("auth") is what validateToken returned', async () => {
    const res = await app.request('/api/me', { headers: { Authorization: 'Bearer reader' } });
    expect(await res.json()).toEqual({ subject: 'alice' });
    expect(audits).toEqual([{ outcome: 'authenticated', source: 'authorization', aliasUsed: false, conflicts: [] }]);
  });

  it('a legacy alias works, and is audited as such', async () => {
    const res = await app.request('/api/me', { headers: { 'x-adcp-auth': 'reader' } });
    expect(res.status).toBe(200);
    expect(audits[0]).toMatchObject({ outcome: 'authenticated', source: 'x-adcp-auth', aliasUsed: true });
  });

  it('every refusal carries realm, scope and resource_metadata where RFC 6750 and RFC 9728 put them', async () => {
    const missing = await app.request('/api/me');
    expect(missing.headers.get('WWW-Authenticate')).toBe(
      'Bearer realm="api", scope="files:read", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/api"',
    );
    const forbidden = await app.request('/api/me', { headers: { Authorization: 'Bearer guest' } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: 'insufficient_scope' });
    expect(readBearerChallenge(forbidden)).toMatchObject({ error: 'insufficient_scope', scope: ['files:read'], realm: 'api' });
    const admin = await app.request('/api/me', { headers: { Authorization: 'Bearer needs-admin' } });
    expect(readBearerChallenge(admin)?.scope).toEqual(['admin']);
  });

  it('refusals are HTTPExceptions that app.onError sees, as with Hono’s middleware', async () => {
    const seen: unknown[] = [];
    const local = new Hono();
    local.use('/*', bearerAuth({ token: 'secret-token' }));
    local.get('/*', (c) => c.text('ok'));
    local.onError((error) => {
      seen.push(error);
      return (error as HTTPException).getResponse();
    });
    expect((await local.request('/x')).status).toBe(401);
    expect(seen[0]).toBeInstanceOf(HTTPException);
  });

  it('a failure inside the middleware is a bare 500 that says nothing of it', async () => {
    const local = new Hono();
    // Scopes of the wrong shape are a server error in the engine, not a refusal.
    local.use('/*', bearerAuth({ requiredScopes: ['read'], validateToken: () => ({ scopes: 42 as never, secret: 'db-password' }) }));
    local.get('/*', (c) => c.text('ok'));
    const res = await local.request('/x', { headers: { Authorization: 'Bearer abc' } });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
  });

  it('a validator past validateTokenTimeoutMs gets 503 with Retry-After, not a hung request', async () => {
    const local = new Hono();
    local.use('/*', bearerAuth({ validateTokenTimeoutMs: 20, validateToken: () => new Promise<never>(() => {}) }));
    local.get('/*', (c) => c.text('ok'));
    const res = await local.request('/x', { headers: { Authorization: 'Bearer abc' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('a custom hashFunction is used on both sides of a static-token comparison', async () => {
    const hashed: string[] = [];
    const local = new Hono();
    local.use('/*', bearerAuth({ token: 'secret-token', hashFunction: (value: string) => (hashed.push(value), `h:${value}`) }));
    local.get('/*', (c) => c.text('ok'));
    expect((await local.request('/x', { headers: { Authorization: 'Bearer secret-token' } })).status).toBe(200);
    expect((await local.request('/x', { headers: { Authorization: 'Bearer secret-tokex' } })).status).toBe(401);
    expect(hashed.sort()).toEqual(['secret-token', 'secret-token', 'secret-tokex']);
  });

  it('no response echoes the token', async () => {
    const res = await app.request('/api/me', { headers: { Authorization: 'Bearer s3cr3t-value' } });
    const everything = `${[...res.headers].join('\n')}\n${await res.text()}`;
    expect(everything).not.toContain('s3cr3t-value');
  });
});
