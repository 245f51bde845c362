// The claims of the comparison table in the root README, checked against the peers' current versions. When a peer
// fixes one of these, the test fails and the table must change with it.
import { extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { readBearerChallenge, resolveBearerToken } from '@authheaders/bearer';
import { AuthHeaderSyntaxError, parseChallenges, serializeChallenges } from '@authheaders/www-authenticate';
import authHeader from 'auth-header';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import * as httpAuthUtils from 'http-auth-utils';
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';

const TWO_CHALLENGES = 'Basic realm="legacy", Bearer realm="a\\bc", error="invalid_token"';
const MISSING_COMMA = 'Bearer realm="a" scope="b"';
const DUPLICATE = 'Bearer realm="a", realm="b"';

/** oauth4webapi has no public parser: it exposes the challenges of a 401 through WWWAuthenticateChallengeError. */
async function oauth4webapiChallenges(header: string) {
  try {
    await oauth.protectedResourceRequest('token', 'GET', new URL('https://rs.example/mcp'), new Headers(), null, {
      [oauth.customFetch]: async () => new Response(null, { status: 401, headers: { 'www-authenticate': header } }),
    });
  } catch (error) {
    if (error instanceof oauth.WWWAuthenticateChallengeError) return error.cause.map((c) => ({ scheme: c.scheme, params: { ...c.parameters } }));
    throw error;
  }
  throw new Error('expected a challenge error');
}

describe('several challenges in one field (RFC 9110 §11.6.1), quoted-pair unescaping (§5.6.4)', () => {
  it('ours: two challenges, \\b read as b', () => {
    expect(parseChallenges(TWO_CHALLENGES).map((c) => [c.scheme, { ...c.params }])).toEqual([
      ['Basic', { realm: 'legacy' }],
      ['Bearer', { realm: 'abc', error: 'invalid_token' }],
    ]);
  });

  it('oauth4webapi: two challenges, unescaped (schemes lower-cased)', async () => {
    expect(await oauth4webapiChallenges(TWO_CHALLENGES)).toEqual([
      { scheme: 'basic', params: { realm: 'legacy' } },
      { scheme: 'bearer', params: { realm: 'abc', error: 'invalid_token' } },
    ]);
  });

  it('auth-header: reads one challenge; the Bearer scheme becomes a token; escapes kept', () => {
    const parsed = authHeader.parse(TWO_CHALLENGES);
    expect(parsed.scheme).toBe('Basic');
    expect(parsed.token).toBe('Bearer');
    expect(parsed.params.realm).toEqual(['legacy', 'a\\bc']);
  });

  it('http-auth-utils: throws on two challenges; escapes kept in one', () => {
    expect(() => httpAuthUtils.parseWWWAuthenticateHeader(TWO_CHALLENGES)).toThrow();
    expect(httpAuthUtils.parseWWWAuthenticateHeader('Bearer realm="a\\bc"').data).toEqual({ realm: 'a\\bc' });
  });

  it('MCP SDK extractWWWAuthenticateParams: nothing unless Bearer comes first; readBearerChallenge finds it', () => {
    const response = new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="x", Bearer scope="files:read"' } });
    expect(extractWWWAuthenticateParams(response)).toEqual({});
    expect(readBearerChallenge(response)?.scope).toEqual(['files:read']);
  });
});

describe('malformed and duplicate parameters', () => {
  it('ours: strict errors with a code and offset; lenient repairs are reported', () => {
    expect(() => parseChallenges(MISSING_COMMA)).toThrow(expect.objectContaining({ code: 'expected-comma', offset: 17 }));
    expect(() => parseChallenges(DUPLICATE)).toThrow(AuthHeaderSyntaxError);
    const repairs: string[] = [];
    parseChallenges(DUPLICATE, { lenient: true, onDiagnostic: (d) => repairs.push(d.code) });
    expect(repairs).toEqual(['duplicate-param']);
  });

  it('oauth4webapi: a missing comma and a duplicate pass silently (the last duplicate wins)', async () => {
    expect(await oauth4webapiChallenges(MISSING_COMMA)).toEqual([{ scheme: 'bearer', params: { realm: 'a', scope: 'b' } }]);
    expect(await oauth4webapiChallenges(DUPLICATE)).toEqual([{ scheme: 'bearer', params: { realm: 'b' } }]);
  });

  it('http-auth-utils: a missing comma swallows the next parameter into the realm', () => {
    expect(httpAuthUtils.parseWWWAuthenticateHeader(MISSING_COMMA).data).toEqual({ realm: 'a" scope="b' });
  });

  it('auth-header: duplicates become an array', () => {
    expect(authHeader.parse(DUPLICATE).params.realm).toEqual(['a', 'b']);
  });
});

describe('serializing', () => {
  const injected = 'a"\r\nSet-Cookie: session=stolen';

  it('ours refuses CR/LF in a value', () => {
    expect(() => serializeChallenges({ scheme: 'Bearer', params: { realm: injected } })).toThrow(TypeError);
  });

  it('http-auth-utils lets CR/LF through into the header value', () => {
    const header = httpAuthUtils.buildWWWAuthenticateHeader(httpAuthUtils.BEARER, { realm: injected });
    expect(header).toContain('\r\nSet-Cookie: session=stolen');
  });
});

describe('server side: where the token may come from, and what a 401 says', () => {
  it("Hono bearerAuth's headerName replaces Authorization: a standard client with a valid token gets 401", async () => {
    const app = new Hono();
    app.use('/mcp', bearerAuth({ token: 'valid-token', headerName: 'x-api-key' }));
    app.get('/mcp', (c) => c.text('ok'));
    expect((await app.request('/mcp', { headers: { authorization: 'Bearer valid-token' } })).status).toBe(401);
    expect((await app.request('/mcp', { headers: { 'x-api-key': 'Bearer valid-token' } })).status).toBe(200);
  });

  it("Hono bearerAuth's 401 has no resource_metadata or scope to point a client at its authorization server", async () => {
    const app = new Hono();
    app.use('/mcp', bearerAuth({ token: 'valid-token' }));
    app.get('/mcp', (c) => c.text('ok'));
    const challenge = readBearerChallenge(await app.request('/mcp'));
    expect(challenge?.params.resource_metadata).toBeUndefined();
    expect(challenge?.scope).toEqual([]);
  });

  it('ours: legacy aliases are additive, so Authorization keeps working next to the old header', () => {
    const options = { legacyHeaderAliases: ['x-api-key'] };
    expect(resolveBearerToken({ authorization: 'Bearer valid-token' }, options)).toMatchObject({ ok: true, source: 'authorization' });
    expect(resolveBearerToken({ 'x-api-key': 'valid-token' }, options)).toMatchObject({ ok: true, source: 'x-api-key' });
  });
});
