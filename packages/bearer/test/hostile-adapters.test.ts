// The adapters against hostile requests and careless options, on the real frameworks (Hono's app.request, Fastify's
// inject). Each test here failed before the fix it names; the probes that held up are listed in the report of the
// change, not repeated here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerAuth as fastifyBearerAuth } from '@authheaders/bearer/fastify';
import { bearerAuth } from '@authheaders/bearer/hono';
import { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { staticTokenVerifier } from '../src/hono/static-token-verifier';

afterEach(() => {
  vi.restoreAllMocks();
});

async function honoAnswer(middleware: ReturnType<typeof bearerAuth>, headers: Record<string, string>) {
  const app = new Hono();
  app.use('/a', middleware);
  app.get('/a', (c) => c.text('in'));
  const res = await app.request('/a', { headers });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.text() };
}

describe('Hono: a long list of static tokens and a long presented token', () => {
  const tokens = Array.from({ length: 1000 }, (_, i) => `token-${i}-${'x'.repeat(24)}`);

  it('walks the presented token a bounded number of times, not once per configured token', async () => {
    const verify = staticTokenVerifier(tokens);
    await verify('warm-up'); // the configured tokens are hashed on first use
    // Character reads are the unit of work of the comparison: counted, not timed.
    const reads = vi.spyOn(String.prototype, 'charCodeAt');
    expect(await verify('a'.repeat(2000))).toBe(false);
    const count = reads.mock.calls.length;
    reads.mockRestore();
    // 1000 tokens × 64 hex digits of SHA-256 each: the 2000 characters of the token are not read per configured token.
    expect(count).toBeLessThan(200_000);
  });

  it('still accepts the last token of the list, and refuses a collision of a weak hashFunction', async () => {
    expect((await honoAnswer(bearerAuth({ token: tokens }), { authorization: `Bearer ${tokens.at(-1)}` })).status).toBe(200);
    const constantHash = () => 'same';
    const weak = bearerAuth({ token: ['first-token', 'other-token'], hashFunction: constantHash });
    expect((await honoAnswer(weak, { authorization: 'Bearer first-token' })).status).toBe(200);
    expect((await honoAnswer(weak, { authorization: 'Bearer other-token' })).status).toBe(200);
    expect((await honoAnswer(weak, { authorization: 'Bearer third-token' })).status).toBe(401);
  });
});

describe('Hono: options that can never work are refused when the middleware is built', () => {
  it('an empty token list (it would refuse every request without saying why)', () => {
    expect(() => bearerAuth({ token: [] })).toThrow(TypeError);
    expect(() => bearerAuth({ token: [] })).toThrow(/non-empty array/);
  });

  it.each([
    ['a CR/LF (header injection)', 'Bearer realm="a"\r\nSet-Cookie: session=1'],
    ['a NUL', 'Bearer realm="a\u0000"'],
    ['a character beyond Latin-1', 'Bearer realm="€"'],
    ['nothing', ''],
    ['only spaces', '   '],
  ])('a wwwAuthenticateHeader string with %s', (_, header) => {
    expect(() => bearerAuth({ token: 'abc', invalidToken: { wwwAuthenticateHeader: header } })).toThrow(/wwwAuthenticateHeader must be/);
  });

  it('keeps a string that is a valid field value, obs-text included, as written', async () => {
    const written = 'Bearer realm="caf\u00e9", error="invalid_token"';
    const answer = await honoAnswer(bearerAuth({ token: 'abc', invalidToken: { wwwAuthenticateHeader: written } }), { authorization: 'Bearer nope' });
    expect(answer).toMatchObject({ status: 401, challenge: written });
  });

  it('a function that returns a CR/LF fails that refusal with a TypeError that names the option, not a Headers error', async () => {
    const app = new Hono();
    let caught: unknown;
    app.onError((error, c) => {
      caught = error;
      return c.text('error', 500);
    });
    app.use('/a', bearerAuth({ token: 'abc', invalidToken: { wwwAuthenticateHeader: () => 'Bearer x\r\nSet-Cookie: a=b' } }));
    app.get('/a', (c) => c.text('in'));
    const res = await app.request('/a', { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(String(caught)).toMatch(/wwwAuthenticateHeader must be/);
  });
});

describe('Hono: headerName and prefix trim what the engine trims, SP and HTAB only', () => {
  // headerName is deprecated on purpose here; its DeprecationWarning is tested in hono.test.ts, not printed in the run.
  beforeEach(() => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  });

  it.each([
    ['a raw token in headerName with a trailing NBSP', { headerName: 'X-Api-Key', prefix: '' }, { 'x-api-key': 'abc\u00a0' }],
    ['a raw token in headerName with a leading NBSP', { headerName: 'X-Api-Key', prefix: '' }, { 'x-api-key': '\u00a0abc' }],
    ['prefix Bot, a trailing NBSP', { prefix: 'Bot' }, { authorization: 'Bot abc\u00a0' }],
    ['prefix Bot, an NBSP after the prefix', { prefix: 'Bot' }, { authorization: 'Bot \u00a0abc' }],
    ['a raw token in headerName with a trailing vertical tab', { headerName: 'X-Api-Key', prefix: '' }, { 'x-api-key': 'abc\u000b' }],
  ])('%s is malformed (400), as in Authorization: Bearer, not the token abc', async (_, carrier, headers) => {
    expect((await honoAnswer(bearerAuth({ token: 'abc', ...carrier }), headers)).status).toBe(400);
    expect((await honoAnswer(bearerAuth({ token: 'abc' }), { authorization: 'Bearer abc\u00a0' })).status).toBe(400);
  });

  it('still trims SP and HTAB around the token', async () => {
    expect((await honoAnswer(bearerAuth({ token: 'abc', headerName: 'X-Api-Key', prefix: '' }), { 'x-api-key': ' \tabc\t ' })).status).toBe(200);
    expect((await honoAnswer(bearerAuth({ token: 'abc', prefix: 'Bot' }), { authorization: 'Bot  \tabc' })).status).toBe(200);
  });
});

describe('Fastify: the body of a refusal is what the Content-Type says', () => {
  it('sends a JSON string body as JSON, as the Node and Fetch middlewares do', async () => {
    const app = Fastify();
    await app.register(fastifyBearerAuth, { validateToken: () => null, unauthenticatedResponse: () => 'Sign in first' });
    app.get('/a', async () => 'in');
    const res = await app.inject({ url: '/a' });
    await app.close();
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toBe('Sign in first');
  });
});

describe('an option of the wrong type is refused, not read as its opposite', () => {
  it("legacyAliasesBearerPrefixRequired: 'yes' (it meant false: raw tokens accepted in the aliases)", async () => {
    const options = { validateToken: () => ({}), legacyHeaderAliases: ['x-api-key'], legacyAliasesBearerPrefixRequired: 'yes' as unknown as boolean };
    expect(() => bearerAuth(options)).toThrow(/legacyAliasesBearerPrefixRequired must be a boolean/);
    const app = Fastify();
    await expect(app.register(fastifyBearerAuth, options).ready()).rejects.toThrow(/legacyAliasesBearerPrefixRequired must be a boolean/);
    await app.close();
  });
});

describe('JWT: a jwks_uri that answers a huge key set', () => {
  it('is not read past 1 MiB: the token fails closed as keys_unavailable instead of buffering the answer', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    // A valid key set padded to 5 MB: before, jose read it whole and the token was accepted.
    const body = JSON.stringify({ keys: [jwk], padding: 'x'.repeat(5_000_000) });
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const validate = jwtAccessTokenValidator({
        issuer: 'https://as.example',
        audience: 'https://rs.example',
        jwks: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
      });
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ iss: 'https://as.example', aud: 'https://rs.example', sub: 'u', client_id: 'c', iat: now, exp: now + 60, jti: 'j' })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
        .sign(pair.privateKey);
      await expect(validate(token)).rejects.toMatchObject({ failure: 'keys_unavailable' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('JWT: a step-up policy given as a bare string', () => {
  it("acrValues: 'mfa' is a TypeError, not the three acr values 'm', 'f' and 'a'", () => {
    const build = () =>
      jwtAccessTokenValidator({ issuer: 'https://as.example', audience: 'https://rs.example', jwks: { keys: [] }, acrValues: 'mfa' as unknown as string[] });
    expect(build).toThrow(TypeError);
    expect(build).toThrow(/acrValues must be a non-empty array/);
  });
});
