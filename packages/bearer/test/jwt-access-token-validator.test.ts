// jwtAccessTokenValidator: RFC 9068 §4 checks, each refusal's fixed description, step-up (RFC 9470), JWKS by URL
// on a loopback server, and the middleware's answers. Tokens are signed here with jose, as an authorization server
// would sign them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyObject, type CryptoKey } from 'jose';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InsufficientUserAuthenticationError, InvalidTokenError, readBearerChallenge } from '@authheaders/bearer';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import {
  JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS,
  JwtAccessTokenError,
  jwtAccessTokenValidator,
  type JwtAccessTokenFailure,
  type JwtAccessTokenValidatorOptions,
} from '@authheaders/bearer/jwt';

const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'https://api.example.com/mcp';
const NOW = 1_800_000_000; // a fixed clock: no test depends on the time it runs

type Key = KeyObject | CryptoKey;
let privateKey: Key;
let otherKey: Key;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  otherKey = (await generateKeyPair('ES256')).privateKey;
});

const claims = (extra: Record<string, unknown> = {}): JWTPayload => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'alice',
  client_id: 'client-1',
  scope: 'mcp:read mcp:write',
  iat: NOW - 60,
  exp: NOW + 300,
  jti: 'jti-1',
  ...extra,
}) as JWTPayload;

async function sign(payload: JWTPayload, header: Record<string, unknown> = {}, key: Key = privateKey): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1', ...header }).sign(key);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function validator(options: Partial<JwtAccessTokenValidatorOptions> = {}) {
  return jwtAccessTokenValidator({
    issuer: ISSUER,
    audience: AUDIENCE,
    jwks: { keys: [publicJwk] },
    currentDate: () => new Date(NOW * 1000),
    ...options,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<JwtAccessTokenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JwtAccessTokenError);
  return error as JwtAccessTokenError;
}

describe('jwtAccessTokenValidator: a good token', () => {
  it('returns subject, scopes, clientId, expiresAt and every claim', async () => {
    const info = await validator()(await sign(claims({ acr: 'pwd' })));
    expect(info).toEqual({
      subject: 'alice',
      scopes: ['mcp:read', 'mcp:write'],
      clientId: 'client-1',
      expiresAt: NOW + 300,
      claims: expect.objectContaining({ acr: 'pwd', jti: 'jti-1' }),
    });
  });

  it('accepts typ application/at+jwt (RFC 9068 §2.1), an audience among several, and no scope at all', async () => {
    const token = await sign(claims({ aud: ['https://other.example.com', AUDIENCE], scope: undefined }), { typ: 'application/at+jwt' });
    expect((await validator()(token)).scopes).toEqual([]);
    expect((await validator({ audience: ['https://x.example.com', AUDIENCE] })(await sign(claims()))).subject).toBe('alice');
  });

  it('allows the configured clock tolerance around exp', async () => {
    const token = await sign(claims({ exp: NOW - 10 }));
    expect((await validator({ clockToleranceSec: 30 })(token)).subject).toBe('alice');
  });
});

describe('jwtAccessTokenValidator: each refusal is invalid_token with a fixed description', () => {
  const cases: Array<[string, () => Promise<string>, JwtAccessTokenFailure]> = [
    ['an expired token', () => sign(claims({ exp: NOW - 1 })), 'expired'],
    ['a token not valid yet', () => sign(claims({ nbf: NOW + 600 })), 'not_yet_valid'],
    ['another issuer', () => sign(claims({ iss: 'https://evil.example.com' })), 'wrong_issuer'],
    ['another audience', () => sign(claims({ aud: 'https://other.example.com' })), 'wrong_audience'],
    ['typ JWT (an ID token or any other JWT)', () => sign(claims(), { typ: 'JWT' }), 'wrong_type'],
    ['no typ', () => sign(claims(), { typ: undefined }), 'wrong_type'],
    ['a signature by another key', () => sign(claims(), {}, otherKey), 'bad_signature'],
    ['an unknown kid', () => sign(claims(), { kid: 'k2' }), 'unknown_key'],
    ['no client_id (RFC 9068 §2.2)', () => sign(claims({ client_id: undefined })), 'missing_claim'],
    ['no jti', () => sign(claims({ jti: undefined })), 'missing_claim'],
    ['a scope that is not a string', () => sign(claims({ scope: ['mcp:read'] })), 'invalid_claim'],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims())}.`, 'algorithm_not_allowed'],
    ['not a JWT', async () => 'not-a-jwt', 'malformed'],
    ['a JWT with garbage segments', async () => 'e30.e30.e30', 'malformed'],
  ];

  it.each(cases)('%s', async (_what, make, failure) => {
    const error = await failureOf(validator()(await make()));
    expect(error.failure).toBe(failure);
    expect(error.code).toBe('invalid_token');
    expect(error.description).toBe(JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS[failure]);
    expect(error.message).toBe(error.description);
  });

  it('the expired description says so', () => {
    expect(JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS.expired).toBe('The access token expired.');
  });

  it('is an InvalidTokenError, the class the middleware answers with its description', async () => {
    const error = await failureOf(validator()(await sign(claims({ exp: NOW - 1 }))));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error.name).toBe('JwtAccessTokenError');
  });

  it('refuses an HS256 token whose secret is the public key (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'k1' }).sign(secret);
    expect((await failureOf(validator()(forged))).failure).toBe('algorithm_not_allowed');
  });

  it('never puts the token, a claim value or the library error in what it throws', async () => {
    const secretSub = 'sub-SECRET-7f3a';
    const token = await sign(claims({ sub: secretSub, iss: 'https://iss-SECRET.example.com' }));
    const error = await failureOf(validator()(token));
    const everything = [error.message, error.stack ?? '', inspect(error, { depth: 5, showHidden: true }), JSON.stringify(error)].join('\n');
    expect(everything).not.toContain('SECRET');
    expect(everything).not.toContain(token.split('.')[1]!);
    expect(error.cause).toBeUndefined();
    expect(Object.keys(error).sort()).toEqual(['code', 'description', 'failure', 'name']);
  });

  it('property: whatever the claims and header hold, a refusal shows none of it (fixed seed)', async () => {
    const marked = fc.string({ maxLength: 40 }).map((s) => `SECRET-${s}`);
    const refusal = fc.constantFrom<Record<string, unknown>>({ exp: NOW - 1 }, { iss: 'https://x.example' }, { aud: 'https://y.example' }, { client_id: 7 });
    await fc.assert(
      fc.asyncProperty(marked, marked, marked, refusal, async (sub, scope, kidOrTyp, broken) => {
        const token = await sign(claims({ sub, scope, acr: kidOrTyp, ...broken }), { kid: 'k1', 'x-extra': kidOrTyp });
        const error = await validator()(token).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(error).toBeInstanceOf(JwtAccessTokenError);
        const shown = [error!.message, error!.stack ?? '', inspect(error, { depth: 5, showHidden: true }), JSON.stringify(error)].join('\n');
        expect(shown).not.toContain('SECRET-');
      }),
      { seed: 14, numRuns: 60 },
    );
  });

  it('every description is printable ASCII without quote or backslash, so it fits a challenge', () => {
    for (const description of Object.values(JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS)) expect(description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/);
  });
});

describe('jwtAccessTokenValidator: options are checked at construction', () => {
  it.each([
    ['alg none', { algorithms: ['none'] }],
    ['HMAC', { algorithms: ['ES256', 'HS256'] }],
    ['no algorithm', { algorithms: [] }],
    ['an http jwks_uri off loopback', { jwks: 'http://auth.example.com/jwks' }],
    ['a jwks that is not a key set', { jwks: { nope: true } as never }],
    ['an empty audience', { audience: [] }],
    ['an empty issuer', { issuer: '' }],
    ['a negative clock tolerance', { clockToleranceSec: -1 }],
    ['an empty acrValues', { acrValues: [] }],
    ['maxAgeSec NaN', { maxAgeSec: Number.NaN }],
    ['an acr value that cannot go into a challenge', { acrValues: ['urn:"quoted"'] }],
  ])('refuses %s with a TypeError', (_what, options) => {
    expect(() => validator(options as Partial<JwtAccessTokenValidatorOptions>)).toThrow(TypeError);
  });

  it('refuses an off-loopback http jwks_uri without sending anything (the check is on the URL)', () => {
    expect(() => validator({ jwks: new URL('http://10.0.0.1/jwks') })).toThrow(/https URL \(http only for loopback hosts\)/);
  });
});

describe('jwtAccessTokenValidator: step-up (RFC 9470)', () => {
  const stepUp = () => validator({ acrValues: ['urn:mfa'], maxAgeSec: 300 });

  it('accepts a token with an accepted acr and a recent auth_time', async () => {
    expect((await stepUp()(await sign(claims({ acr: 'urn:mfa', auth_time: NOW - 100 })))).subject).toBe('alice');
  });

  it.each([
    ['a weaker acr', { acr: 'urn:pwd', auth_time: NOW - 100 }],
    ['no acr', { auth_time: NOW - 100 }],
    ['a sign-in too long ago', { acr: 'urn:mfa', auth_time: NOW - 301 }],
    ['no auth_time', { acr: 'urn:mfa' }],
  ])('refuses %s with InsufficientUserAuthenticationError naming acr_values and max_age', async (_what, extra) => {
    const error = await stepUp()(await sign(claims(extra))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InsufficientUserAuthenticationError);
    expect(error).toMatchObject({ code: 'insufficient_user_authentication', acrValues: ['urn:mfa'], maxAge: 300 });
  });

  it('the middleware answers 401 insufficient_user_authentication with acr_values and max_age', async () => {
    const handler = withBearerAuth(async () => new Response('ok'), { realm: 'api', validateToken: stepUp() });
    const token = await sign(claims({ acr: 'urn:pwd', auth_time: NOW - 100 }));
    const response = await handler(new Request('https://api.example.com/mcp', { headers: { authorization: `Bearer ${token}` } }));
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate')!;
    expect(challenge).toContain('error="insufficient_user_authentication"');
    expect(challenge).toContain('acr_values="urn:mfa"');
    expect(challenge).toMatch(/max_age="?300"?/);
  });
});

describe('jwtAccessTokenValidator behind the middleware', () => {
  it.each([
    ['an expired token', () => sign(claims({ exp: NOW - 1 })), 'The access token expired.'],
    ['a token for another resource', () => sign(claims({ aud: 'https://other.example.com' })), 'The access token is meant for another resource.'],
    ['a signature by another key', () => sign(claims(), {}, otherKey), 'The access token signature is invalid.'],
  ])('%s: 401 invalid_token with the exact description in the challenge and the body', async (_what, make, description) => {
    const handler = withBearerAuth(async () => new Response('ok'), { realm: 'api', validateToken: validator() });
    const token = await make();
    const response = await handler(new Request(AUDIENCE, { headers: { authorization: `Bearer ${token}` } }));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(`Bearer realm="api", error="invalid_token", error_description="${description}"`);
    expect(readBearerChallenge(response)?.errorDescription).toBe(description);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: 'invalid_token', error_description: description });
    expect(body).not.toContain(token.split('.')[1]!);
  });

  it('a good token reaches the handler; an expired one gets 401 invalid_token; neither body echoes the token', async () => {
    const handler = withBearerAuth(async (_request, auth) => Response.json({ subject: auth.subject, scopes: auth.scopes }), {
      realm: 'api',
      requiredScopes: ['mcp:read'],
      validateToken: validator(),
    });
    const call = async (token: string) => handler(new Request(AUDIENCE, { headers: { authorization: `Bearer ${token}` } }));
    const good = await call(await sign(claims()));
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ subject: 'alice', scopes: ['mcp:read', 'mcp:write'] });
    const expiredToken = await sign(claims({ exp: NOW - 1 }));
    const expired = await call(expiredToken);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await expired.text()).not.toContain(expiredToken.split('.')[1]!);
    const readOnly = await call(await sign(claims({ scope: 'mcp:write' })));
    expect(readOnly.status).toBe(403);
  });
});

describe('times in the future (issue 20, item 7)', () => {
  // Before: both accepted (jose checks iat only with maxTokenAge, and never auth_time), and an auth_time a year
  // ahead satisfied maxAgeSec: 300 for a year.
  it.each([
    ['an iat an hour ahead', { iat: NOW + 3600 }, {}],
    ['an iat one second past the tolerance', { iat: NOW + 6 }, { clockToleranceSec: 5 }],
    ['an auth_time a year ahead, with maxAgeSec', { acr: 'urn:mfa', auth_time: NOW + 31_536_000 }, { acrValues: ['urn:mfa'], maxAgeSec: 300 }],
    ['an auth_time a year ahead, without a step-up policy', { auth_time: NOW + 31_536_000 }, {}],
  ])('refuses %s as not_yet_valid', async (_, extra, options) => {
    expect((await failureOf(validator(options)(await sign(claims(extra))))).failure).toBe('not_yet_valid');
  });

  it('accepts both within the clock tolerance, and refuses an auth_time that is not a number', async () => {
    const tolerant = validator({ clockToleranceSec: 5, acrValues: ['urn:mfa'], maxAgeSec: 300 });
    expect((await tolerant(await sign(claims({ iat: NOW + 5, acr: 'urn:mfa', auth_time: NOW + 5 })))).subject).toBe('alice');
    expect((await failureOf(validator()(await sign(claims({ auth_time: '1800000000' }))))).failure).toBe('invalid_claim');
  });
});

describe('jwtAccessTokenValidator with a jwks_uri on a loopback server', () => {
  let server: Server;
  let jwksUri: string;
  let fetches = 0;
  let served: () => JWK[] = () => [publicJwk];
  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: served() }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the key set once and verifies every later token from the cache', async () => {
    const validate = validator({ jwks: jwksUri });
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => sign(claims({ jti: `jti-${n}` }))));
    for (const token of tokens) expect((await validate(token)).subject).toBe('alice');
    expect(fetches).toBe(1);
  });

  it('an unknown kid refetches at most once per cooldown, then is refused as unknown_key', async () => {
    const validate = validator({ jwks: jwksUri });
    const before = fetches;
    await validate(await sign(claims()));
    const unknown = await sign(claims(), { kid: 'rotated-away' });
    expect((await failureOf(validate(unknown))).failure).toBe('unknown_key');
    expect((await failureOf(validate(unknown))).failure).toBe('unknown_key');
    expect(fetches - before).toBe(1); // within the 30 s cooldown: no second fetch, whatever the tokens say
  });

  it('follows a key rotation: a new kid is fetched once the cooldown has passed, and the retired key is refused', async () => {
    const next = await generateKeyPair('ES256', { extractable: true });
    const nextJwk = { ...(await exportJWK(next.publicKey)), kid: 'k2', alg: 'ES256', use: 'sig' };
    const validate = validator({ jwks: jwksUri });
    const oldToken = await sign(claims());
    const newToken = await sign(claims(), { kid: 'k2' }, next.privateKey);
    vi.useFakeTimers({ toFake: ['Date'] }); // jose times its cooldown with Date.now(); requests still run for real
    try {
      expect((await validate(oldToken)).subject).toBe('alice');
      served = () => [nextJwk]; // the authorization server rotates its key
      expect((await failureOf(validate(newToken))).failure).toBe('unknown_key'); // within the 30 s cooldown
      vi.setSystemTime(Date.now() + 31_000);
      expect((await validate(newToken)).subject).toBe('alice');
      expect((await failureOf(validate(oldToken))).failure).toBe('unknown_key');
    } finally {
      vi.useRealTimers();
      served = () => [publicJwk];
    }
  });

  it('an unreachable key set fails closed as keys_unavailable', async () => {
    const validate = validator({ jwks: 'http://127.0.0.1:1/jwks' });
    expect((await failureOf(validate(await sign(claims())))).failure).toBe('keys_unavailable');
  });
});
