// Type tests of the published declarations (resolved through the built packages): run by `vitest --typecheck`.
import {
  bearerChallenge,
  createBearerTokenResolver,
  InvalidTokenError,
  readBearerChallenge,
  resolveBearerToken,
  type AuthInfo,
  type BearerAuthOptions,
  type BearerAuthOutcome,
  type BearerChallengeInfo,
  type BearerTokenResolution,
  type HeadersInput,
} from '@authheaders/bearer';
import * as bearerMain from '@authheaders/bearer';
import { createBearerAuthenticator, withBearerAuth } from '@authheaders/bearer/fetch';
import { bearerAuth } from '@authheaders/bearer/node';
import type { RequestTarget } from '@authheaders/bearer/dpop';
import {
  JwtAccessTokenError,
  jwtAccessTokenValidator,
  type JwtAccessTokenFailure,
  type JwtAccessTokenInfo,
} from '@authheaders/bearer/jwt';
import {
  AuthHeaderSyntaxError,
  parseChallenges,
  parseCredentials,
  serializeChallenges,
  type AuthHeaderSyntaxErrorCode,
  type Challenge,
  type Credentials,
} from '@authheaders/www-authenticate';
import { describe, expectTypeOf, it } from 'vitest';

describe('@authheaders/www-authenticate', () => {
  it('Challenge has exactly the documented shape, and Credentials is the same', () => {
    expectTypeOf<Challenge>().toEqualTypeOf<{ scheme: string; token68?: string; params: Record<string, string> }>();
    expectTypeOf<Credentials>().toEqualTypeOf<Challenge>();
  });

  it('parseChallenges takes a field, field lines, or nothing, and returns challenges', () => {
    expectTypeOf(parseChallenges).parameter(0).toEqualTypeOf<string | readonly string[] | null | undefined>();
    expectTypeOf(parseChallenges('Bearer')).toEqualTypeOf<Challenge[]>();
    expectTypeOf(parseCredentials('Bearer x')).toEqualTypeOf<Credentials>();
    // @ts-expect-error a number is not a header field
    parseChallenges(401);
  });

  it('options reject unknown keys and wrong types', () => {
    parseChallenges('Bearer', { lenient: true, maxLength: 10, onDiagnostic: (d) => expectTypeOf(d.code).toEqualTypeOf<AuthHeaderSyntaxErrorCode>() });
    // @ts-expect-error unknown option
    parseChallenges('Bearer', { lenient: true, relaxed: true });
    // @ts-expect-error lenient is a boolean
    parseChallenges('Bearer', { lenient: 'yes' });
    // @ts-expect-error unknown serialize option
    serializeChallenges({ scheme: 'Bearer', params: {} }, { pretty: true });
  });

  it('AuthHeaderSyntaxError is a SyntaxError with a typed code and an offset', () => {
    expectTypeOf<AuthHeaderSyntaxError>().toMatchTypeOf<SyntaxError>();
    expectTypeOf<AuthHeaderSyntaxError['code']>().toEqualTypeOf<AuthHeaderSyntaxErrorCode>();
    expectTypeOf<AuthHeaderSyntaxError['offset']>().toEqualTypeOf<number>();
    expectTypeOf<'expected-comma'>().toMatchTypeOf<AuthHeaderSyntaxErrorCode>();
    // @ts-expect-error not a code
    expectTypeOf<'nope'>().toMatchTypeOf<AuthHeaderSyntaxErrorCode>();
  });
});

describe('@authheaders/bearer', () => {
  it('resolveBearerToken returns a union discriminated by ok, then reason', () => {
    const result = resolveBearerToken(new Headers());
    expectTypeOf(result).toEqualTypeOf<BearerTokenResolution>();
    if (result.ok) {
      expectTypeOf(result.token).toEqualTypeOf<string>();
      expectTypeOf(result.conflicts).toEqualTypeOf<string[]>();
    } else {
      expectTypeOf(result.reason).toEqualTypeOf<'missing' | 'malformed' | 'conflict'>();
      // @ts-expect-error a failure has no token
      void result.token;
      if (result.reason === 'conflict') expectTypeOf(result.sources).toEqualTypeOf<string[]>();
      if (result.reason === 'malformed') expectTypeOf(result.source).toEqualTypeOf<string>();
    }
  });

  it('resolution options: aliases are an array, the conflict policy a closed set, unknown keys refused', () => {
    createBearerTokenResolver({ legacyHeaderAliases: ['x-adcp-auth'], onConflict: 'reject' });
    // @ts-expect-error a bare string is not a list of aliases
    createBearerTokenResolver({ legacyHeaderAliases: 'x-adcp-auth' });
    // @ts-expect-error unknown policy
    createBearerTokenResolver({ onConflict: 'prefer-alias' });
    // @ts-expect-error unknown option
    resolveBearerToken(new Headers(), { aliases: ['x'] });
  });

  it('bearerChallenge options are typed', () => {
    expectTypeOf(bearerChallenge({ realm: 'api', scope: ['a'], error: 'insufficient_scope' })).toEqualTypeOf<Challenge>();
    bearerChallenge({ scope: 'a b', maxAge: 300, acrValues: ['phr'] });
    // @ts-expect-error unknown option
    bearerChallenge({ realms: 'api' });
    // @ts-expect-error scope is a string or string[]
    bearerChallenge({ scope: 42 });
  });

  it('readBearerChallenge may find nothing', () => {
    expectTypeOf(readBearerChallenge('Basic realm=x')).toEqualTypeOf<BearerChallengeInfo | undefined>();
  });

  it('InvalidTokenError takes an optional description and carries the invalid_token code', () => {
    expectTypeOf<InvalidTokenError['code']>().toEqualTypeOf<'invalid_token'>();
    expectTypeOf<InvalidTokenError['description']>().toEqualTypeOf<string>();
    expectTypeOf<ConstructorParameters<typeof InvalidTokenError>>().toEqualTypeOf<[description?: string]>();
    expectTypeOf<InvalidTokenError>().toMatchTypeOf<Error>();
    // @ts-expect-error the description is text
    new InvalidTokenError(401);
  });

  it('the Node middleware needs validateToken', () => {
    bearerAuth({ validateToken: () => null });
    // @ts-expect-error validateToken is required
    bearerAuth({ realm: 'api' });
  });
});

describe('@authheaders/bearer/fetch', () => {
  interface Caller extends AuthInfo {
    subject: string;
  }

  it('withBearerAuth wraps a Fetch handler and passes it the type validateToken returns', () => {
    const handler = withBearerAuth<Caller>(
      async (request, auth) => {
        expectTypeOf(request).toEqualTypeOf<Request>();
        expectTypeOf(auth).toEqualTypeOf<Caller>();
        return Response.json(auth);
      },
      { validateToken: () => ({ subject: 'ci' }) },
    );
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    // @ts-expect-error validateToken is required
    withBearerAuth(async () => new Response(), { realm: 'api' });
  });

  it('createBearerAuthenticator takes the options typed in the main entry and answers an outcome', () => {
    const options: BearerAuthOptions<{ id: number }, Caller> = { validateToken: (_token, request) => ({ subject: String(request.id) }) };
    const authenticate = createBearerAuthenticator(options);
    // The third parameter is the request's method and URL, which a DPoP proof names (RFC 9449 §4.3).
    expectTypeOf(authenticate).parameters.toEqualTypeOf<[HeadersInput, { id: number }, RequestTarget?]>();
    expectTypeOf(authenticate).returns.toEqualTypeOf<Promise<BearerAuthOutcome<Caller>>>();
  });

  it('the main entry keeps the engine types but no longer the middleware values', () => {
    // @ts-expect-error withBearerAuth moved to @authheaders/bearer/fetch
    void bearerMain.withBearerAuth;
    // @ts-expect-error createBearerAuthenticator moved to @authheaders/bearer/fetch
    void bearerMain.createBearerAuthenticator;
  });
});

describe('@authheaders/bearer/jwt', () => {
  const options = { issuer: 'https://auth.example.com', audience: 'https://api.example.com/mcp', jwks: 'https://auth.example.com/jwks' };

  it('jwtAccessTokenValidator returns a validateToken that resolves to the documented info', () => {
    const validate = jwtAccessTokenValidator(options);
    expectTypeOf(validate).toEqualTypeOf<(token: string) => Promise<JwtAccessTokenInfo>>();
    expectTypeOf<JwtAccessTokenInfo['subject']>().toEqualTypeOf<string>();
    expectTypeOf<JwtAccessTokenInfo['scopes']>().toEqualTypeOf<string[]>();
    expectTypeOf<JwtAccessTokenInfo['clientId']>().toEqualTypeOf<string>();
    expectTypeOf<JwtAccessTokenInfo['expiresAt']>().toEqualTypeOf<number>();
  });

  it('plugs into the middleware as validateToken, and req.auth is the JWT info', () => {
    bearerAuth<JwtAccessTokenInfo>({ validateToken: jwtAccessTokenValidator(options) });
  });

  it('options: issuer, audience and jwks are required; jwks is a URL, a key set or a resolver', () => {
    jwtAccessTokenValidator({ ...options, jwks: new URL('https://auth.example.com/jwks') });
    jwtAccessTokenValidator({ ...options, jwks: { keys: [] }, algorithms: ['ES256'], clockToleranceSec: 5, acrValues: ['mfa'], maxAgeSec: 300 });
    // @ts-expect-error issuer is required
    jwtAccessTokenValidator({ audience: options.audience, jwks: options.jwks });
    // @ts-expect-error a number is not a key set
    jwtAccessTokenValidator({ ...options, jwks: 42 });
    // @ts-expect-error unknown option
    jwtAccessTokenValidator({ ...options, leeway: 5 });
  });

  it('JwtAccessTokenError names its failure from a closed set', () => {
    expectTypeOf<JwtAccessTokenError['code']>().toEqualTypeOf<'invalid_token'>();
    expectTypeOf<JwtAccessTokenError>().toMatchTypeOf<InvalidTokenError>();
    expectTypeOf<JwtAccessTokenError['name']>().toEqualTypeOf<'JwtAccessTokenError'>();
    expectTypeOf<JwtAccessTokenError['failure']>().toEqualTypeOf<JwtAccessTokenFailure>();
    expectTypeOf<'expired'>().toMatchTypeOf<JwtAccessTokenFailure>();
    // @ts-expect-error not a failure
    expectTypeOf<'nope'>().toMatchTypeOf<JwtAccessTokenFailure>();
  });
});
