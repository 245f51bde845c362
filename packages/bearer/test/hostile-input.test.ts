// Hostile and careless input to the server side, each case as an attacker or a careless caller would try it. Real
// node:http, Express 5 and Hono servers on 127.0.0.1; no mocks of the frameworks.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBearerAuthenticator, withBearerAuth } from '@authheaders/bearer/fetch';
import { bearerAuth, type AuthenticatedRequest } from '@authheaders/bearer/node';
import {
  InsufficientScopeError,
  InsufficientUserAuthenticationError,
  readBearerChallenge,
  resolveBearerToken,
  type AuthInfo,
  type BearerAuthAuditEvent,
  type BearerAuthOptions,
} from '../src/index';
import { rawRequest, type RawAnswer } from './support/raw-request';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** One request over a real socket, with header values sent byte for byte (latin1), as a raw client would. */
const send = (base: string, headers: Record<string, string> = {}): Promise<RawAnswer> => rawRequest(`${base}/whoami`, { headers });

/** The three ways to mount the middleware on a real server, each answering the auth info as JSON on success. */
const MOUNTS: Record<string, (options: BearerAuthOptions<never, AuthInfo>, onError?: (error: unknown) => void) => Promise<string>> = {
  'node:http': async (options, onError) => {
    const middleware = bearerAuth(options as BearerAuthOptions<IncomingMessage, AuthInfo>);
    return listen(
      createServer((req, res) =>
        middleware(req, res, (error?: unknown) => {
          if (error !== undefined) {
            onError?.(error);
            res.statusCode = 500;
            res.end();
            return;
          }
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify((req as AuthenticatedRequest).auth));
        }),
      ),
    );
  },
  'Express 5': async (options, onError) => {
    const app = express();
    app.use(bearerAuth(options as BearerAuthOptions<IncomingMessage, AuthInfo>));
    app.get('/whoami', (req, res) => {
      res.json((req as unknown as AuthenticatedRequest).auth);
    });
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      onError?.(error);
      res.status(500).end();
    });
    return listen(createServer(app));
  },
  Hono: async (options) => {
    const app = new Hono();
    const handler = withBearerAuth(async (_request, auth) => Response.json(auth), options as BearerAuthOptions<Request, AuthInfo>);
    app.get('/whoami', (c) => handler(c.req.raw));
    // A Fetch server on node:http, so the answer crosses a real socket as well.
    return listen(
      createServer(async (req, res) => {
        const response = await app.request(req.url!, { headers: req.headers as Record<string, string> });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(await response.text());
      }),
    );
  },
};

describe('item 1: every value written into a header is checked when the middleware is built', () => {
  const validateToken = () => null;
  it.each([
    ['a non-Latin-1 realm', { realm: 'Ωmega' }, 'realm'],
    ['an obs-text realm', { realm: 'caf\u00e9' }, 'realm'],
    ['a lone surrogate in the realm', { realm: 'a\ud800' }, 'realm'],
    ['U+2028 in the realm', { realm: 'a\u2028b' }, 'realm'],
    ['CR LF in the realm', { realm: 'a\r\nSet-Cookie: x=1' }, 'realm'],
    ['a javascript: resource_metadata', { resourceMetadata: 'javascript:alert(1)' }, 'resourceMetadata'],
    ['resource_metadata with userinfo', { resourceMetadata: 'https://user:secret@api.example.com/m' }, 'resourceMetadata'],
    ['a required scope with a space', { requiredScopes: ['files read'] }, 'requiredScopes'],
    ['a required scope with a quote', { requiredScopes: ['a"b'] }, 'requiredScopes'],
    ['an empty required scope', { requiredScopes: [''] }, 'requiredScopes'],
    // A string is not a list: spread, it would become r, e, a, d and refuse every request with scope="r e a d".
    ['required scopes given as a string', { requiredScopes: 'read' as unknown as string[] }, 'requiredScopes'],
    ['an onAudit that is not a function', { onAudit: 'log' as unknown as () => void }, 'onAudit'],
    ['an unauthenticatedResponse that is not a function', { unauthenticatedResponse: {} as unknown as () => unknown }, 'unauthenticatedResponse'],
  ])('refuses %s with a TypeError naming the option, never its value', (_what, options, option) => {
    for (const mount of [() => bearerAuth({ ...options, validateToken }), () => withBearerAuth(async () => new Response(), { ...options, validateToken })]) {
      let caught: unknown;
      try {
        mount();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TypeError);
      // V8's own TypeError names a hook that is not a function: `unauthenticatedResponse is not a function`.
      expect((caught as Error).message).toMatch(new RegExp(`^${option} (must|is not a function)`));
      for (const value of Object.values(options).flat()) if (typeof value === 'string' && value !== '') expect((caught as Error).message).not.toContain(String(value));
    }
  });

  it.each(['javascript:alert(1)', 'http://docs.example.com/e', 'https://user:secret@docs.example.com/e', '/errors'])(
    'refuses error_uri %s: an absolute https URI only (RFC 6750 §3)',
    async (errorUri) => {
      const { bearerChallenge } = await import('../src/index');
      expect(() => bearerChallenge({ errorUri })).toThrow(/^errorUri must be an https URI/);
    },
  );

  it('refuses an extension parameter that could not be sent', async () => {
    const { bearerChallenge } = await import('../src/index');
    expect(() => bearerChallenge({ params: { ext: 'Ωmega' } })).toThrow(/^params\.ext must be ASCII VCHAR/);
  });

  it.each(Object.keys(MOUNTS))('keeps %s serving with a realm of SP, HTAB and every VCHAR', async (mount) => {
    const realm = `a\tb ${Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('')}`;
    const base = await MOUNTS[mount]!({ realm, validateToken });
    const { status, headers } = await send(base);
    expect(status).toBe(401);
    expect(readBearerChallenge(headers['www-authenticate'] as string)?.realm).toBe(realm);
  });
});

describe('item 2: no error inside the middleware reaches the process', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
  });

  const sinks: [string, () => unknown][] = [
    ['an async onAudit that rejects', async () => Promise.reject(new Error('audit store down'))],
    ['an onAudit that throws', () => {
      throw new Error('audit store down');
    }],
  ];
  for (const [what, onAudit] of sinks) {
    it.each(Object.keys(MOUNTS))(`ignores ${what} on %s`, async (mount) => {
      const base = await MOUNTS[mount]!({ onAudit, validateToken: (token) => (token === 'good' ? { subject: 'alice' } : null) });
      expect((await send(base)).status).toBe(401);
      expect((await send(base, { authorization: 'Bearer good' })).status).toBe(200);
      expect((await send(base, { authorization: 'Bearer bad' })).status).toBe(401);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    });
  }

  it.each(['node:http', 'Express 5'])('passes any other failure to next(err) on %s', async (mount) => {
    const errors: unknown[] = [];
    const base = await MOUNTS[mount]!({ validateToken: () => ({ scopes: 42 }) as never }, (error) => errors.push(error));
    expect((await send(base, { authorization: 'Bearer good' })).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TypeError);
    expect(unhandled).toEqual([]);
  });

  it('answers a bare 500 on Hono, with nothing of the error in the body', async () => {
    const base = await MOUNTS.Hono!({
      validateToken: () => {
        throw new InsufficientScopeError(['needs a "quote" secret-scope']);
      },
    });
    const { status, body, headers } = await send(base, { authorization: 'Bearer good' });
    expect(status).toBe(500);
    expect(body).toBe('');
    expect(headers['www-authenticate']).toBeUndefined();
    expect(unhandled).toEqual([]);
  });

  it('calls unauthenticatedResponse when the middleware is built, so its errors surface there', () => {
    expect(() =>
      withBearerAuth(async () => new Response(), {
        validateToken: () => null,
        unauthenticatedResponse: () => {
          throw new Error('template missing');
        },
      }),
    ).toThrow('template missing');
  });
});

describe('item 3: scopes are compared as exact entries', () => {
  const authenticate = (scopes: unknown) =>
    createBearerAuthenticator({ requiredScopes: ['read'], validateToken: () => ({ scopes }) as AuthInfo })({ authorization: 'Bearer t' }, undefined);

  it.each([
    ['unread', false],
    ['read', true],
    ['write read', true],
    ['readwrite', false],
    [['unread'], false],
    [['read'], true],
    [['Read'], false],
    [[], false],
    [undefined, false],
  ])('scopes %j → authenticated %s', async (scopes, ok) => {
    const outcome = await authenticate(scopes);
    expect(outcome.ok).toBe(ok);
    if (!outcome.ok) expect(outcome.failure).toMatchObject({ outcome: 'insufficient_scope', status: 403 });
  });

  it.each([42, { read: true }, ['read', 42], [null]])('refuses scopes %j as a server error, not a grant', async (scopes) => {
    await expect(authenticate(scopes)).rejects.toThrow(TypeError);
  });

  it('grants exactly when every required scope is an entry of the granted list, as an array or an SP-joined string', async () => {
    const scopeToken = fc.stringMatching(/^[\x21\x23-\x5b\x5d-\x7e]{1,6}$/);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(scopeToken, { maxLength: 4 }), fc.uniqueArray(scopeToken, { maxLength: 6 }), fc.boolean(), async (required, granted, asString) => {
        const outcome = await createBearerAuthenticator({
          requiredScopes: required,
          validateToken: () => ({ scopes: asString ? granted.join(' ') : granted }) as AuthInfo,
        })({ authorization: 'Bearer t' }, undefined);
        expect(outcome.ok).toBe(required.every((scope) => granted.includes(scope)));
      }),
      { seed: 10_3, numRuns: 300 },
    );
  });
});

describe('item 4: a hung validator', () => {
  it.each(Object.keys(MOUNTS))('gets 503 with Retry-After on %s, and every request is answered', async (mount) => {
    const audits: BearerAuthAuditEvent[] = [];
    let release!: (auth: AuthInfo) => void;
    const hung = new Promise<AuthInfo>((resolve) => (release = resolve));
    const base = await MOUNTS[mount]!({ validateTokenTimeoutMs: 20, onAudit: (event) => audits.push(event), validateToken: () => hung });
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(base, { authorization: 'Bearer good' })));
    release({ subject: 'late' });
    for (const { status, headers, body } of answers) {
      expect(status).toBe(503);
      expect(headers['retry-after']).toBe('1');
      expect(headers['www-authenticate']).toBeUndefined();
      expect(JSON.parse(body)).toMatchObject({ error: 'temporarily_unavailable' });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(audits.map((event) => event.outcome)).toEqual(Array(20).fill('validator_timeout'));
  });

  it('ignores the late result and keeps no timer referenced', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    let release!: (auth: AuthInfo) => void;
    const handler = vi.fn(async () => new Response('secret data'));
    const fetchHandler = withBearerAuth(handler, { validateTokenTimeoutMs: 5, validateToken: () => new Promise<AuthInfo>((resolve) => (release = resolve)) });
    const pending = fetchHandler(new Request('http://127.0.0.1/', { headers: { authorization: 'Bearer good' } }));
    const timer = setTimeoutSpy.mock.results.at(-1)!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setTimeoutSpy.mockRestore();
    expect((await pending).status).toBe(503);
    release({ subject: 'late' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(handler).not.toHaveBeenCalled();
  });

  it('sets no timer for a synchronous validator', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    void createBearerAuthenticator({ validateToken: () => ({}) })({ authorization: 'Bearer good' }, undefined);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    setTimeoutSpy.mockRestore();
  });

  it.each([0, -1, Number.NaN, Infinity, 2 ** 31, '100'])('refuses validateTokenTimeoutMs %j', (validateTokenTimeoutMs) => {
    expect(() => createBearerAuthenticator({ validateToken: () => null, validateTokenTimeoutMs: validateTokenTimeoutMs as number })).toThrow(
      /^validateTokenTimeoutMs must/,
    );
  });
});

describe('item 5: only SP and HTAB are optional whitespace around a token', () => {
  // Unicode whitespace that JavaScript's trim drops but RFC 9110 §5.6.3 does not allow.
  const NOT_OWS = ['\u00a0', '\u2028', '\u2029', '\ufeff', '\u000b', '\u000c', '\u1680', '\u2000', '\u200a', '\u202f', '\u205f', '\u3000', '\u0085'];
  const b64token = fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,20}=*$/);
  const ows = fc.stringMatching(/^[ \t]{0,3}$/);

  it('refuses a token with any other whitespace before or after it, in Authorization and in an alias', () => {
    fc.assert(
      fc.property(b64token, fc.constantFrom(...NOT_OWS), fc.boolean(), ows, (token, space, before, pad) => {
        const value = before ? `${space}${token}` : `${token}${space}`;
        expect(resolveBearerToken({ authorization: `Bearer ${pad}${value}${pad}` })).toMatchObject({ ok: false, reason: 'malformed' });
        expect(resolveBearerToken({ 'x-api-key': `${pad}${value}${pad}` }, { legacyHeaderAliases: ['x-api-key'] })).toMatchObject({
          ok: false,
          reason: 'malformed',
        });
      }),
      { seed: 10_5, numRuns: 500 },
    );
  });

  it('accepts the token exactly when it is padded with SP and HTAB only', () => {
    fc.assert(
      fc.property(b64token, ows, ows, (token, left, right) => {
        const result = resolveBearerToken({ authorization: `Bearer ${left}${token}${right}` });
        expect(result.ok && result.token).toBe(token);
        const alias = resolveBearerToken({ 'x-api-key': `${left}${token}${right}` }, { legacyHeaderAliases: ['x-api-key'] });
        expect(alias.ok && alias.token).toBe(token);
      }),
      { seed: 10_5, numRuns: 500 },
    );
  });

  it.each(Object.keys(MOUNTS))('answers 400 to `Bearer good<U+00A0>` on %s', async (mount) => {
    const base = await MOUNTS[mount]!({ validateToken: (token) => (token === 'good' ? {} : null) });
    expect((await send(base, { authorization: 'Bearer good\u00a0' })).status).toBe(400);
    expect((await send(base, { authorization: 'Bearer good' })).status).toBe(200);
  });
});

describe('refusals carry their audit outcome (for adapters) and are built once', () => {
  const options: BearerAuthOptions<undefined> = {
    requiredScopes: ['read'],
    realm: 'api',
    validateToken: (token) => {
      if (token === 'scope') throw new InsufficientScopeError(['admin']);
      if (token === 'mfa') throw new InsufficientUserAuthenticationError({ acrValues: ['urn:example:mfa', 'phr'], maxAge: 300 });
      if (token === 'boom') throw new Error('db down');
      return token === 'reader' ? { scopes: ['read'] } : token === 'writer' ? { scopes: ['write'] } : null;
    },
  };
  const authenticate = createBearerAuthenticator(options);

  it.each([
    [{}, 'missing', 401, undefined],
    [{ authorization: 'Bearer a b' }, 'malformed', 400, 'invalid_request'],
    [{ authorization: ['Bearer a', 'Bearer b'] }, 'conflict', 400, 'invalid_request'],
    [{ authorization: 'Bearer nope' }, 'invalid_token', 401, 'invalid_token'],
    [{ authorization: 'Bearer boom' }, 'validator_error', 401, 'invalid_token'],
    [{ authorization: 'Bearer writer' }, 'insufficient_scope', 403, 'insufficient_scope'],
    [{ authorization: 'Bearer scope' }, 'insufficient_scope', 403, 'insufficient_scope'],
    [{ authorization: 'Bearer mfa' }, 'insufficient_user_authentication', 401, 'insufficient_user_authentication'],
  ] as const)('%j → %s', async (headers, outcome, status, error) => {
    const result = await authenticate(headers, undefined);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ outcome, status, error });
    expect(result.failure.headers['www-authenticate']).toBe(result.failure.wwwAuthenticate);
    expect(readBearerChallenge(result.failure.wwwAuthenticate)?.error).toBe(error);
  });

  it('answers step-up with acr_values, max_age and the description (RFC 9470 §3)', async () => {
    const result = await authenticate({ authorization: 'Bearer mfa' }, undefined);
    expect(!result.ok && readBearerChallenge(result.failure.wwwAuthenticate)).toMatchObject({
      error: 'insufficient_user_authentication',
      errorDescription: 'A different authentication level is required.',
      acrValues: ['urn:example:mfa', 'phr'],
      maxAge: 300,
      realm: 'api',
    });
  });

  it('refuses step-up values that could not be written, where the error is built', () => {
    expect(() => new InsufficientUserAuthenticationError({ acrValues: ['a b'] })).toThrow(/acrValues/);
    expect(() => new InsufficientUserAuthenticationError({ maxAge: -1 })).toThrow(/maxAge/);
    expect(() => new InsufficientUserAuthenticationError({ description: 'say "hi"' })).toThrow(/errorDescription/);
    expect(new InsufficientUserAuthenticationError()).toMatchObject({ name: 'InsufficientUserAuthenticationError', code: 'insufficient_user_authentication' });
  });

  it('answers every request refused for the same reason with the same frozen answer', async () => {
    const body = vi.fn(() => undefined);
    const counted = createBearerAuthenticator({ ...options, unauthenticatedResponse: body });
    const calls = body.mock.calls.length;
    const first = await counted({}, undefined);
    const second = await counted({}, undefined);
    const third = await counted({ authorization: 'Bearer a b' }, undefined);
    expect(first).toBe(second);
    expect(first).not.toBe(third);
    expect(Object.isFrozen(!first.ok && first.failure.headers)).toBe(true);
    expect(body.mock.calls.length).toBe(calls);
  });
});
