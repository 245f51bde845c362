// The MCP drop-in against the real SDK: a McpServer behind StreamableHTTPServerTransport, guarded by our
// requireBearerAuth, reached by the SDK's own client; and the SDK's requireBearerAuth side by side on the same
// verifier, so every difference in status, body or challenge is one we meant.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth as sdkRequireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import {
  InvalidRequestError,
  InvalidTokenError,
  ServerError,
  TooManyRequestsError,
  InsufficientScopeError as SdkInsufficientScopeError,
} from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBearerAuth } from '@authheaders/bearer/mcp';
import { parseChallenges } from '@authheaders/www-authenticate';
import { protectedResourceMetadata, protectedResourceMetadataUrl, readBearerChallenge } from '../src/index';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
let origin: string;
let resource: string;

const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token) {
    const base: AuthInfo = { token, clientId: 'client-1', scopes: ['mcp:tools'], expiresAt: inAnHour(), resource: new URL(resource) };
    switch (token) {
      case 'good':
        return base;
      case 'no-scope':
        return { ...base, scopes: [] };
      case 'expired':
        return { ...base, expiresAt: 1 };
      case 'no-expiry': {
        const { expiresAt: _, ...withoutExpiry } = base;
        return withoutExpiry;
      }
      case 'other-resource':
        return { ...base, resource: new URL('https://elsewhere.example/mcp') };
      case 'quoting':
        throw new InvalidTokenError('Token "quoting" is revoked\\really');
      case 'scope-error':
        throw new SdkInsufficientScopeError('Needs more');
      case 'server-error':
        throw new ServerError('Introspection endpoint down');
      case 'bad-request':
        throw new InvalidRequestError('Token binding missing');
      case 'rate-limited':
        throw new TooManyRequestsError('Slow down');
      default:
        if (token === 'crash') throw new Error('database password is hunter2');
        throw new InvalidTokenError('Unknown token');
    }
  },
};

let server: Server;
beforeAll(async () => {
  const app = express();
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resource = `${origin}/mcp`;
  const metadataUrl = protectedResourceMetadataUrl(resource);
  const common = { verifier, requiredScopes: ['mcp:tools'], resourceMetadataUrl: metadataUrl.href, expectedResource: new URL(resource) };

  app.get(metadataUrl.pathname, (_req, res) => {
    res.json(protectedResourceMetadata({ resource, authorizationServers: [origin], scopesSupported: ['mcp:tools'] }));
  });
  // A minimal authorization server document, for the SDK client's discovery (RFC 8414).
  app.get('/.well-known/oauth-authorization-server', (_req, res) => {
    res.json({
      issuer: origin,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
  });
  app.post('/mcp', express.json(), requireBearerAuth(common), async (req, res) => {
    const mcp = new McpServer({ name: 'guarded', version: '1.0.0' });
    mcp.registerTool('whoami', { description: 'Who called' }, async (extra) => ({
      content: [{ type: 'text', text: `${extra.authInfo?.clientId} ${extra.authInfo?.scopes.join(',')}` }],
    }));
    // Stateless: no sessionIdGenerator.
    const transport = new StreamableHTTPServerTransport({});
    res.on('close', () => void transport.close());
    await mcp.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  // Both middlewares on the same verifier, for the side-by-side comparison.
  const echo = (req: express.Request, res: express.Response) => res.json({ clientId: req.auth?.clientId });
  app.get('/ours', requireBearerAuth({ ...common, realm: 'mcp' }), echo);
  app.get('/sdk', sdkRequireBearerAuth(common), echo);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a real McpServer behind requireBearerAuth, called by the SDK client', () => {
  it('with a good token: the tool sees the same AuthInfo the verifier returned (req.auth → extra.authInfo)', async () => {
    const client = new Client({ name: 'test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(resource), { requestInit: { headers: { Authorization: 'Bearer good' } } });
    await client.connect(transport);
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'client-1 mcp:tools' }]);
    await client.close();
  });

  it('without a token: the SDK client reads our challenge and our metadata, and asks for the scope we named', async () => {
    let authorizationUrl: URL | undefined;
    const provider: OAuthClientProvider = {
      redirectUrl: 'http://127.0.0.1/callback',
      clientMetadata: { redirect_uris: ['http://127.0.0.1/callback'], client_name: 'test' },
      clientInformation: () => ({ client_id: 'preregistered' }),
      saveClientInformation: () => {},
      tokens: () => undefined,
      saveTokens: () => {},
      redirectToAuthorization: (url) => {
        authorizationUrl = url;
      },
      saveCodeVerifier: () => {},
      codeVerifier: () => 'verifier',
    };
    const client = new Client({ name: 'test', version: '1.0.0' });
    await expect(client.connect(new StreamableHTTPClientTransport(new URL(resource), { authProvider: provider }))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    // The scope came from our WWW-Authenticate; the resource and the authorization server from our RFC 9728 document.
    expect(authorizationUrl?.origin + authorizationUrl!.pathname).toBe(`${origin}/authorize`);
    expect(authorizationUrl?.searchParams.get('scope')).toBe('mcp:tools');
    expect(authorizationUrl?.searchParams.get('resource')).toBe(resource);
  });
});

describe('side by side with the SDK’s requireBearerAuth, same verifier', () => {
  const call = async (path: '/ours' | '/sdk', authorization?: string) => {
    const res = await fetch(`${origin}${path}`, { headers: authorization === undefined ? {} : { authorization } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, challenge: res.headers.get('www-authenticate') };
  };
  const bothFor = async (authorization?: string) => ({ ours: await call('/ours', authorization), sdk: await call('/sdk', authorization) });

  it.each([
    ['a good token', 'Bearer good'],
    ['an unknown token', 'Bearer nope'],
    ['an expired token', 'Bearer expired'],
    ['a token without expiry', 'Bearer no-expiry'],
    ['a token for another resource', 'Bearer other-resource'],
    ['a token without the scope', 'Bearer no-scope'],
    ['a verifier InsufficientScopeError', 'Bearer scope-error'],
    ['a verifier ServerError', 'Bearer server-error'],
    ['a verifier crash', 'Bearer crash'],
  ])('%s: same status and JSON body', async (_, authorization) => {
    const { ours, sdk } = await bothFor(authorization);
    expect(ours.status).toBe(sdk.status);
    expect(ours.body).toEqual(sdk.body);
    if (sdk.challenge === null) {
      expect(ours.challenge).toBeNull();
      return;
    }
    // The same parameters, plus our realm (a listed difference).
    const [sdkChallenge] = parseChallenges(sdk.challenge);
    const [ourChallenge] = parseChallenges(ours.challenge);
    expect({ ...ourChallenge!.params }).toEqual({ realm: 'mcp', ...sdkChallenge!.params });
  });

  it('a crash says nothing of itself', async () => {
    const { ours } = await bothFor('Bearer crash');
    expect(JSON.stringify(ours)).not.toContain('hunter2');
    expect(ours.body).toEqual({ error: 'server_error', error_description: 'Internal Server Error' });
  });

  it('DIFFERENCE: no credentials → a challenge with no error code (RFC 6750 §3.1); the body stays the SDK’s', async () => {
    const { ours, sdk } = await bothFor();
    expect(ours.status).toBe(401);
    expect(ours.body).toEqual(sdk.body);
    expect(readBearerChallenge(sdk.challenge)?.error).toBe('invalid_token');
    expect(ours.challenge).toBe(`Bearer realm="mcp", scope="mcp:tools", resource_metadata="${protectedResourceMetadataUrl(resource).href}"`);
  });

  it('DIFFERENCE: the verifier’s message becomes a valid error_description; the SDK’s header does not parse', async () => {
    const { ours, sdk } = await bothFor('Bearer quoting');
    expect(() => parseChallenges(sdk.challenge)).toThrow();
    expect(readBearerChallenge(ours.challenge)?.errorDescription).toBe("Token '[token]' is revoked/really");
    expect(ours.body).toEqual({ error: 'invalid_token', error_description: 'Token "[token]" is revoked\\really' });
    expect(sdk.body.error_description).toContain('quoting');
  });

  // Issue 20, item 4. The SDK's real answers, asserted below: 400 with no WWW-Authenticate for both errors.
  it('DIFFERENCE: a verifier InvalidRequestError is 400 with a full challenge; the SDK sends none', async () => {
    const { ours, sdk } = await bothFor('Bearer bad-request');
    expect(sdk).toMatchObject({ status: 400, challenge: null, body: { error: 'invalid_request', error_description: 'Token binding missing' } });
    expect(ours.status).toBe(400);
    expect(ours.body).toEqual(sdk.body);
    expect(readBearerChallenge(ours.challenge)).toMatchObject({
      realm: 'mcp',
      error: 'invalid_request',
      errorDescription: 'Token binding missing',
      scope: ['mcp:tools'],
      resourceMetadata: protectedResourceMetadataUrl(resource),
    });
  });

  it('DIFFERENCE: a verifier TooManyRequestsError is 429 with Retry-After; the SDK answers 400', async () => {
    const { sdk } = await bothFor('Bearer rate-limited');
    expect(sdk).toMatchObject({ status: 400, challenge: null, body: { error: 'too_many_requests' } });
    const res = await fetch(`${origin}/ours`, { headers: { authorization: 'Bearer rate-limited' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('10'); // the engine's own Retry-After (validateTokenTimeoutMs 10 s)
    expect(await res.json()).toEqual(sdk.body);
  });

  it('DIFFERENCE: a malformed Authorization header is 400 invalid_request (RFC 6750 §3.1), not 401', async () => {
    const { ours, sdk } = await bothFor('Bearer a b');
    expect(sdk.status).toBe(401);
    expect(ours.status).toBe(400);
    expect(readBearerChallenge(ours.challenge)?.error).toBe('invalid_request');
  });

  it('runs on a plain node:http server too (answers are written with Node’s own res)', async () => {
    const guard = requireBearerAuth({ verifier, requiredScopes: ['mcp:tools'] });
    const local = createServer((req, res) => guard(req, res, () => res.end(JSON.stringify((req as { auth?: AuthInfo }).auth?.clientId))));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`;
      expect(await (await fetch(url, { headers: { authorization: 'Bearer good' } })).json()).toBe('client-1');
      const refused = await fetch(url, { headers: { authorization: 'Bearer no-scope' } });
      expect(refused.status).toBe(403);
      expect(readBearerChallenge(refused)).toMatchObject({ error: 'insufficient_scope', scope: ['mcp:tools'], realm: 'mcp' });
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });

  it('our options work: legacy aliases, and resourceMetadataUrl is checked when the middleware is built', async () => {
    const app = express();
    app.get('/x', requireBearerAuth({ verifier, legacyHeaderAliases: ['x-api-key'] }), (req, res) => res.json({ clientId: req.auth?.clientId }));
    const local = createServer(app);
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/x`, { headers: { 'x-api-key': 'good' } });
      expect(await res.json()).toEqual({ clientId: 'client-1' });
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
    expect(() => requireBearerAuth({ verifier, resourceMetadataUrl: 'http://api.example.com/.well-known/oauth-protected-resource' })).toThrow(TypeError);
  });
});
