import { protectedResourceMetadataUrl, readBearerChallenge } from '@authheaders/bearer';
import { describe, expect, it } from 'vitest';
import { startDemoServer } from '../src/demo/demo-server';
import { codes, guardedCheck as checkAuthAdvertisement, rated, severityOf } from './support/guarded-check';
import { authorizationServerMetadata, json, startLoopbackServer } from './support/loopback-server';
import { closeAfterEach } from './support/close-after-each';
import { startShapedServer, type ServerShape } from './support/mcp-server-shape';

const track = closeAfterEach();
const shaped = (shape: ServerShape = {}) => track(startShapedServer(shape));

describe('checkAuthAdvertisement: a well-configured server', () => {
  it('gets no finding, following every step an MCP client takes', async () => {
    const server = await shaped();
    const progress: string[] = [];
    const report = await checkAuthAdvertisement(server.resource, { onProgress: (line) => progress.push(line) });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.primary).toBeUndefined();
    expect(report.trace.map((t) => `${t.method} ${new URL(t.url).pathname} ${t.status} ${t.step}`)).toEqual([
      'POST /mcp 401 resource',
      'GET /mcp 401 resource',
      'POST /mcp 401 made-up token',
      'POST /mcp 401 cors',
      'OPTIONS /mcp 204 cors',
      'GET /.well-known/oauth-protected-resource/mcp 200 resource metadata',
      'GET /.well-known/oauth-authorization-server 200 authorization server metadata',
      'GET /jwks 200 jwks',
      'POST /token 400 token endpoint',
    ]);
    expect(report.challenge?.strict).toBe(true);
    expect(report.clientRegistration).toEqual({ dynamicRegistration: true, clientIdMetadataDocument: false });
    expect(progress.filter((line) => line.startsWith('← '))).toHaveLength(9);
    // The made-up token: a fresh random b64token (RFC 6750 §2.1) on each check, sent, and never shown.
    const madeUp = server.requests.filter((r) => r.headers.authorization !== undefined).map((r) => r.headers.authorization!);
    expect(madeUp).toHaveLength(1);
    expect(madeUp[0]).toMatch(/^Bearer [A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(report)).not.toContain(madeUp[0]!.slice(7));
    expect(progress.join('\n')).not.toContain(madeUp[0]!.slice(7));
    await checkAuthAdvertisement(server.resource);
    expect(server.requests.filter((r) => r.headers.authorization !== undefined).map((r) => r.headers.authorization)[1]).not.toBe(madeUp[0]);
    // The CORS probes carry an Origin; the client's own probes do not.
    expect(server.requests.filter((r) => r.headers.origin !== undefined).map((r) => r.method)).toEqual(['POST', 'OPTIONS', 'POST', 'OPTIONS']);
    // The token probe is harmless: an authorization_code grant with a random code, nothing else.
    const tokenRequest = server.requests.find((r) => r.path === '/token')!;
    expect([...new URLSearchParams(tokenRequest.body).keys()]).toEqual(['grant_type', 'code']);
  });

  it('passes the demo server with no finding but the note that it answers no CORS', async () => {
    const server = await track(startDemoServer());
    const report = await checkAuthAdvertisement(server.resource);
    expect(rated(report)).toEqual(['info:CORS_NOT_ENABLED']);
    expect(report.ok).toBe(true);
    expect(report.primary).toBeUndefined();
  });

  it('tries the OpenID Connect well-known URL when RFC 8414 metadata is absent', async () => {
    const server = await track(
      startLoopbackServer((req, res, origin) => {
        const path = new URL(req.url ?? '/', origin).pathname;
        if (path === '/mcp') return json(res, 401, {}, { 'www-authenticate': `Bearer realm="x", scope="s", resource_metadata="${origin}/prm"${req.headers.authorization === undefined ? '' : ', error="invalid_token"'}` });
        if (path === '/prm') return json(res, 200, { resource: `${origin}/mcp`, authorization_servers: [`${origin}/tenant`] });
        if (path === '/.well-known/openid-configuration/tenant') {
          return json(res, 200, authorizationServerMetadata(`${origin}/tenant`, { jwks_uri: undefined, token_endpoint: `${origin}/tenant/token` }));
        }
        if (path === '/tenant/token') return json(res, 401, { error: 'invalid_client' });
        return json(res, 404, {});
      }),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(rated(report)).toEqual(['info:CORS_NOT_ENABLED']);
    expect(report.authorizationServerMetadataUrl).toBe(`${server.origin}/.well-known/openid-configuration/tenant`);
    expect(report.trace.map((t) => new URL(t.url).pathname)).toContain('/.well-known/oauth-authorization-server/tenant');
  });

  it('reports a public resource as info only', async () => {
    const server = await track(startLoopbackServer((req, res) => (req.url?.startsWith('/.well-known/') ? json(res, 404, {}) : json(res, 200, { ok: true }))));
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(report.ok).toBe(true);
    expect(rated(report)).toEqual(['info:RESOURCE_METADATA_MISSING', 'info:AUTH_NOT_REQUIRED']);
    expect(report.primary).toBeUndefined();
  });

  it('does not wait for a GET event stream that never ends', async () => {
    const server = await track(
      startLoopbackServer((req, res, origin) => {
        const path = new URL(req.url ?? '/', origin).pathname;
        if (path === '/mcp' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(': open\n\n'); // and never end
          return;
        }
        if (path === '/mcp') return json(res, 200, { jsonrpc: '2.0', id: 1, result: {} });
        return json(res, 404, {});
      }),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`, { timeoutMs: 2_000 });
    expect(codes(report)).toEqual(['RESOURCE_METADATA_MISSING', 'AUTH_NOT_REQUIRED']);
    expect(report.trace[1]).toMatchObject({ method: 'GET', status: 200, contentType: 'text/event-stream' });
  });
});

describe('checkAuthAdvertisement: targets and the wire', () => {
  it('refuses targets that are not absolute http(s), and plain http off loopback without --insecure-http, sending nothing', async () => {
    expect(codes(await checkAuthAdvertisement('not a url'))).toEqual(['INVALID_TARGET']);
    expect(codes(await checkAuthAdvertisement('ftp://example.com/mcp'))).toEqual(['INVALID_TARGET']);
    const report = await checkAuthAdvertisement('http://example.com/mcp');
    expect(report.findings[0]!.message).toContain('--insecure-http');
    expect(report.trace).toEqual([]);
  });

  it('turns a refused connection into a finding, not an exception', async () => {
    const closed = await startLoopbackServer(() => {});
    await closed.close();
    const refused = await checkAuthAdvertisement(`${closed.origin}/mcp`);
    expect(codes(refused)).toEqual(['NETWORK_ERROR']);
    expect(refused.findings[0]!.message).toContain('ECONNREFUSED');
  });
});

describe('checkAuthAdvertisement: the challenge', () => {
  it('flags a 401 without WWW-Authenticate once for POST and GET, and suspects a stripped challenge', async () => {
    const server = await shaped({ challenge: () => undefined });
    const report = await checkAuthAdvertisement(server.resource);
    expect(report.ok).toBe(false);
    expect(codes(report).filter((c) => c === 'AUTH_REQUIRED_BUT_NOT_ADVERTISED')).toHaveLength(1);
    expect(report.primary?.code).toBe('AUTH_REQUIRED_BUT_NOT_ADVERTISED');
    expect(report.primary?.message).toMatch(/^POST and GET got 401/);
    expect(rated(report)).toContain('low:PARAMS_STRIPPED_SUSPECTED');
  });

  it('suspects, at low, a proxy that forwarded only resource_metadata while the metadata lists scopes', async () => {
    // A real proxy in front of our middleware, configured with the public URL, that rewrites the challenge.
    let upstream: Awaited<ReturnType<typeof startDemoServer>> | undefined;
    const proxy = await track(
      startLoopbackServer(async (req, res, origin) => {
        const path = new URL(req.url ?? '/', origin).pathname;
        const body = req.method === 'POST' ? await new Response(req as unknown as ReadableStream).text() : undefined;
        const answer = await fetch(`${upstream!.origin}${path}`, { method: req.method!, ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) });
        const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
        const challenge = readBearerChallenge(answer);
        if (challenge !== undefined) headers['www-authenticate'] = `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`;
        const text = (await answer.text()).replaceAll(upstream!.origin, origin);
        res.writeHead(answer.status, headers);
        res.end(text);
      }),
    );
    upstream = await track(startDemoServer());
    const report = await checkAuthAdvertisement(`${proxy.origin}/mcp`);
    // The proxy forwards the made-up token's challenge the same way, without its error="invalid_token".
    expect(rated(report)).toEqual(['medium:INVALID_TOKEN_NOT_CHALLENGED', 'low:PARAMS_STRIPPED_SUSPECTED', 'low:SCOPE_MISSING', 'info:REALM_MISSING', 'info:CORS_NOT_ENABLED']);
    expect(report.primary?.code).toBe('INVALID_TOKEN_NOT_CHALLENGED');
    expect(report.findings.find((f) => f.code === 'PARAMS_STRIPPED_SUSPECTED')?.message).toContain('may be');
    expect(report.ok).toBe(true);
  });

  it('rates a challenge without resource_metadata low when the well-known URL works (MCP allows either)', async () => {
    const server = await shaped({ challenge: () => 'Bearer realm="mcp", scope="mcp:write"' });
    const report = await checkAuthAdvertisement(server.resource);
    expect(rated(report)).toEqual(['low:RESOURCE_METADATA_HINT_MISSING']);
    expect(report.resourceMetadataUrl).toBe(protectedResourceMetadataUrl(server.resource).href);
  });

  it('reports a relative hint as invalid, and not also as a hint the 401 lacks', async () => {
    const server = await shaped({ challenge: () => 'Bearer realm="mcp", scope="mcp:write", resource_metadata="/.well-known/oauth-protected-resource/mcp"' });
    const report = await checkAuthAdvertisement(server.resource);
    expect(codes(report)).toEqual(['RESOURCE_METADATA_HINT_INVALID']);
  });

  it('flags a broken metadata document, a malformed challenge, and an error code sent without credentials', async () => {
    const server = await shaped({
      challenge: (origin) => `Bearer realm="mcp" error="invalid_token", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
      resourceMetadata: () => '{"resource": ',
    });
    const report = await checkAuthAdvertisement(server.resource);
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(['RESOURCE_METADATA_INVALID', 'CHALLENGE_SYNTAX_ERROR', 'SCOPE_MISSING', 'ERROR_WITHOUT_CREDENTIALS']);
    expect(report.challenge?.repairs.map((r) => r.code)).toEqual(['expected-comma']);
  });

  it('flags a challenge without Bearer, and a hint to a document that answers 404', async () => {
    expect(codes(await checkAuthAdvertisement((await shaped({ challenge: () => 'Basic realm="mcp"' })).resource))).toEqual(['BEARER_CHALLENGE_MISSING']);
    const broken = await shaped({ challenge: (origin) => `Bearer realm="mcp", scope="s", resource_metadata="${origin}/nowhere"` });
    expect(codes(await checkAuthAdvertisement(broken.resource))).toEqual(['RESOURCE_METADATA_UNREACHABLE']);
  });
});

describe('checkAuthAdvertisement: what the transport does without credentials', () => {
  it('flags a 403 to a request without credentials: MCP clients start sign-in only on 401', async () => {
    const report = await checkAuthAdvertisement((await shaped({ unauthenticatedStatus: 403 })).resource);
    expect(report.primary?.code).toBe('FORBIDDEN_WITHOUT_CREDENTIALS');
    expect(report.primary?.evidence).toContain('→ 403');
    expect(codes(report).filter((c) => c === 'FORBIDDEN_WITHOUT_CREDENTIALS')).toHaveLength(1);
  });

  it('reports a bare 403 as forbidden only, not also as a 401 without a challenge', async () => {
    const report = await checkAuthAdvertisement((await shaped({ unauthenticatedStatus: 403, challenge: () => undefined })).resource);
    expect(report.primary?.code).toBe('FORBIDDEN_WITHOUT_CREDENTIALS');
    expect(codes(report)).not.toContain('AUTH_REQUIRED_BUT_NOT_ADVERTISED');
  });

  it('flags a GET that opens the event stream while POST demands credentials', async () => {
    const report = await checkAuthAdvertisement((await shaped({ getStatus: 200 })).resource);
    expect(rated(report)).toEqual(['high:STREAM_OPEN_WITHOUT_CREDENTIALS']);
  });

  it('accepts a GET answered 405, and rates another status of the GET as info', async () => {
    expect((await checkAuthAdvertisement((await shaped({ getStatus: 405 })).resource)).findings).toEqual([]);
    expect(rated(await checkAuthAdvertisement((await shaped({ getStatus: 500 })).resource))).toEqual(['info:UNEXPECTED_STATUS']);
    expect(rated(await checkAuthAdvertisement((await shaped({ unauthenticatedStatus: 500, getStatus: 405 })).resource))[0]).toBe('medium:UNEXPECTED_STATUS');
  });
});

describe('checkAuthAdvertisement: protected resource metadata', () => {
  const withResource = (resource: (origin: string) => string, extra: Record<string, unknown> = {}) =>
    shaped({ resourceMetadata: (origin) => ({ resource: resource(origin), authorization_servers: [origin], ...extra }) });

  it('names a trailing slash and a fragment instead of a generic mismatch', async () => {
    expect(rated(await checkAuthAdvertisement((await withResource((o) => `${o}/mcp/`)).resource))).toEqual(['high:RESOURCE_TRAILING_SLASH']);
    expect(rated(await checkAuthAdvertisement((await withResource((o) => `${o}/mcp#x`)).resource))).toEqual(['high:RESOURCE_FRAGMENT']);
    expect(rated(await checkAuthAdvertisement((await withResource((o) => `${o}/other`)).resource))).toEqual(['high:RESOURCE_MISMATCH']);
    expect(rated(await checkAuthAdvertisement((await withResource(() => 'https://elsewhere.invalid/mcp')).resource))).toEqual(['high:RESOURCE_MISMATCH']);
  });

  it('rates root metadata whose resource is the origin as info (RFC 9728 §3.3, what MCP clients accept)', async () => {
    const server = await track(
      startLoopbackServer((req, res, origin) => {
        const path = new URL(req.url ?? '/', origin).pathname;
        if (path === '/mcp') return json(res, 401, {}, { 'www-authenticate': `Bearer realm="mcp", scope="mcp:write"${req.headers.authorization === undefined ? '' : ', error="invalid_token"'}` });
        if (path === '/.well-known/oauth-protected-resource') return json(res, 200, { resource: origin, authorization_servers: [origin] });
        if (path === '/.well-known/oauth-authorization-server') return json(res, 200, authorizationServerMetadata(origin, { jwks_uri: undefined, token_endpoint: `${origin}/token` }));
        if (path === '/token') return json(res, 400, { error: 'invalid_grant' });
        return json(res, 404, {});
      }),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(rated(report)).toEqual(['low:RESOURCE_METADATA_HINT_MISSING', 'info:RESOURCE_IS_PARENT', 'info:CORS_NOT_ENABLED']);
    expect(report.ok).toBe(true);
  });

  it('flags metadata served as another content type, and bearer methods an MCP client cannot use', async () => {
    const textual = await shaped({ resourceMetadataContentType: 'text/plain' });
    expect(rated(await checkAuthAdvertisement(textual.resource))).toEqual(['high:METADATA_CONTENT_TYPE_INVALID']);
    const asText = await shaped({ authorizationServerContentType: 'text/html' });
    expect(rated(await checkAuthAdvertisement(asText.resource))).toEqual(['high:METADATA_CONTENT_TYPE_INVALID']);
    for (const methods of [['query'], ['header', 'cookie'], []]) {
      const server = await withResource((o) => `${o}/mcp`, { bearer_methods_supported: methods });
      expect(rated(await checkAuthAdvertisement(server.resource))).toEqual(['high:BEARER_METHODS_INVALID']);
    }
  });

  it('flags missing and invalid authorization servers', async () => {
    const none = await shaped({ resourceMetadata: (origin) => ({ resource: `${origin}/mcp` }) });
    expect(codes(await checkAuthAdvertisement(none.resource))).toEqual(['AUTHORIZATION_SERVERS_MISSING']);
    const bad = await shaped({ resourceMetadata: (origin) => ({ resource: `${origin}/mcp`, authorization_servers: ['not a url', 'http://as.invalid/', origin] }) });
    expect(codes(await checkAuthAdvertisement(bad.resource))).toEqual(['AUTHORIZATION_SERVER_INVALID']);
  });

  it('reports no metadata anywhere as high when the resource demands credentials', async () => {
    const server = await track(
      startLoopbackServer((req, res) => json(res, req.url === '/mcp' ? 401 : 404, {}, req.url === '/mcp' ? { 'www-authenticate': `Bearer realm="x", scope="s"${req.headers.authorization === undefined ? '' : ', error="invalid_token"'}` } : {})),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(rated(report)).toEqual(['high:RESOURCE_METADATA_MISSING', 'low:RESOURCE_METADATA_HINT_MISSING', 'info:CORS_NOT_ENABLED']);
    // Its evidence: what each metadata URL answered.
    expect(report.primary?.evidence).toBe(`GET ${server.origin}/.well-known/oauth-protected-resource/mcp → 404; GET ${server.origin}/.well-known/oauth-protected-resource → 404`);
  });
});

describe('checkAuthAdvertisement: the authorization server', () => {
  const withAs = (overrides: Record<string, unknown>) => shaped({ authorizationServer: (origin) => authorizationServerMetadata(origin, overrides) });

  it('flags metadata that cannot run the authorization-code flow', async () => {
    expect(rated(await checkAuthAdvertisement((await withAs({ authorization_endpoint: undefined })).resource))).toEqual(['high:AUTHORIZATION_ENDPOINT_MISSING']);
    expect(rated(await checkAuthAdvertisement((await withAs({ response_types_supported: ['token'] })).resource))).toEqual(['high:RESPONSE_TYPE_CODE_MISSING']);
    expect(rated(await checkAuthAdvertisement((await withAs({ response_types_supported: undefined })).resource))).toEqual(['high:RESPONSE_TYPE_CODE_MISSING']);
    expect(rated(await checkAuthAdvertisement((await withAs({ token_endpoint: undefined })).resource))).toEqual(['high:TOKEN_ENDPOINT_MISSING']);
    expect(rated(await checkAuthAdvertisement((await withAs({ code_challenge_methods_supported: ['plain'] })).resource))).toEqual(['high:PKCE_S256_NOT_ADVERTISED']);
  });

  it('flags an authorization server without metadata, or with metadata that is not a JSON object', async () => {
    const bare = await track(startLoopbackServer((_req, res) => json(res, 404, {})));
    const missing = await shaped({ resourceMetadata: (origin) => ({ resource: `${origin}/mcp`, authorization_servers: [bare.origin] }) });
    expect(rated(await checkAuthAdvertisement(missing.resource))).toEqual(['high:AUTHORIZATION_SERVER_METADATA_MISSING']);
    const invalid = await shaped({ route: (req, res) => (req.url === '/.well-known/oauth-authorization-server' ? (json(res, 200, '<html>'), true) : false) });
    expect(rated(await checkAuthAdvertisement(invalid.resource))).toEqual(['high:AUTHORIZATION_SERVER_METADATA_INVALID']);
  });

  it('flags an issuer with a query or fragment, and an issuer that is not the server', async () => {
    const query = await shaped({ authorizationServer: (origin) => authorizationServerMetadata(origin, { issuer: `${origin}/?tenant=a` }) });
    expect(rated(await checkAuthAdvertisement(query.resource))).toEqual(['high:ISSUER_INVALID']);
    const fragment = await shaped({ authorizationServer: (origin) => authorizationServerMetadata(origin, { issuer: `${origin}#a` }) });
    expect(rated(await checkAuthAdvertisement(fragment.resource))).toEqual(['high:ISSUER_INVALID']);
    const other = await withAs({ issuer: 'https://login.invalid' });
    expect(rated(await checkAuthAdvertisement(other.resource))).toEqual(['high:ISSUER_MISMATCH']);
  });

  it('flags endpoints that are not absolute https, one finding per endpoint', async () => {
    const server = await withAs({ authorization_endpoint: 'http://login.invalid/authorize', token_endpoint: '/token', registration_endpoint: 'ftp://x.invalid/r' });
    const report = await checkAuthAdvertisement(server.resource);
    expect(codes(report)).toEqual(['ENDPOINT_NOT_HTTPS', 'ENDPOINT_NOT_HTTPS', 'ENDPOINT_NOT_HTTPS', 'CLIENT_REGISTRATION_UNAVAILABLE']);
    // Every finding carries evidence: the member, or the answer of the document it was seen in.
    expect(report.findings.map((f) => f.evidence?.split(':')[0])).toEqual(['authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'GET http']);
  });

  it('flags a JWK Set that is unreachable or not a JWK Set', async () => {
    const missing = await withAs({ jwks_uri: 'http://127.0.0.1:1/jwks' });
    expect(rated(await checkAuthAdvertisement(missing.resource))).toEqual(['medium:JWKS_UNREACHABLE']);
    const notFound = await shaped({ authorizationServer: (origin) => authorizationServerMetadata(origin, { jwks_uri: `${origin}/nothing` }) });
    const unreachable = await checkAuthAdvertisement(notFound.resource);
    expect(rated(unreachable)).toEqual(['medium:JWKS_UNREACHABLE']);
    expect(unreachable.ok).toBe(true);
    expect(unreachable.primary?.evidence).toBe(`GET ${notFound.origin}/nothing → 404`);
    for (const body of [{ keys: 'none' }, { keys: [{ n: 'x' }] }, [1]]) {
      const bad = await shaped({ route: (req, res) => (req.url === '/jwks' ? (json(res, 200, body), true) : false) });
      expect(rated(await checkAuthAdvertisement(bad.resource))).toEqual(['medium:JWKS_INVALID']);
    }
  });

  it('reports a protected_resources list that omits the resource, at low', async () => {
    const server = await shaped({ authorizationServer: (origin) => authorizationServerMetadata(origin, { protected_resources: [`${origin}/other`] }) });
    expect(rated(await checkAuthAdvertisement(server.resource))).toEqual(['low:PROTECTED_RESOURCES_MISMATCH']);
    const listed = await shaped({ authorizationServer: (origin) => authorizationServerMetadata(origin, { protected_resources: [`${origin}/mcp`] }) });
    expect((await checkAuthAdvertisement(listed.resource)).findings).toEqual([]);
  });

  it('checks that the token endpoint answers an unknown code with an RFC 6749 §5.2 JSON error', async () => {
    const answers: Array<[number, string, string]> = [
      [200, 'application/json', '{"error":"invalid_grant"}'],
      [200, 'application/json', '{"access_token":"x"}'],
      [400, 'text/html', '<h1>Bad Request</h1>'],
      [400, 'application/json', '{"message":"bad"}'],
      [500, 'application/json', '{"error":"server_error"}'],
    ];
    for (const [status, type, body] of answers) {
      const server = await shaped({ route: (req, res) => (req.url === '/token' ? (res.writeHead(status, { 'content-type': type }).end(body), true) : false) });
      const report = await checkAuthAdvertisement(server.resource);
      expect(rated(report)).toEqual(['medium:TOKEN_ENDPOINT_ERROR_INVALID']);
      expect(report.primary?.evidence).toContain(`→ ${status}`);
    }
    const clientError = await shaped({ route: (req, res) => (req.url === '/token' ? (json(res, 401, { error: 'invalid_client' }), true) : false) });
    expect((await checkAuthAdvertisement(clientError.resource)).findings).toEqual([]);
  });

  it('reports how clients can register, and neither as medium', async () => {
    const neither = await withAs({ registration_endpoint: undefined });
    const report = await checkAuthAdvertisement(neither.resource);
    expect(rated(report)).toEqual(['medium:CLIENT_REGISTRATION_UNAVAILABLE']);
    expect(report.clientRegistration).toEqual({ dynamicRegistration: false, clientIdMetadataDocument: false });
    const cimd = await withAs({ registration_endpoint: undefined, client_id_metadata_document_supported: true });
    const withCimd = await checkAuthAdvertisement(cimd.resource);
    expect(withCimd.findings).toEqual([]);
    expect(withCimd.clientRegistration).toEqual({ dynamicRegistration: false, clientIdMetadataDocument: true });
  });

  it('registers a client with dangerous redirect URIs only with probeRegistration, and flags acceptance', async () => {
    const accepting = await shaped({
      route: (req, res, _origin, body) => {
        if (req.url !== '/register') return false;
        json(res, 201, { client_id: 'c1', ...(JSON.parse(body) as object) });
        return true;
      },
    });
    const quiet = await checkAuthAdvertisement(accepting.resource);
    expect(quiet.findings).toEqual([]);
    expect(accepting.requests.some((r) => r.path === '/register')).toBe(false);
    const probed = await checkAuthAdvertisement(accepting.resource, { probeRegistration: true });
    expect(rated(probed)).toEqual(['high:REGISTRATION_ACCEPTS_DANGEROUS_REDIRECT']);
    // One registration per dangerous redirect URI.
    const sent = accepting.requests.filter((r) => r.path === '/register').map((r) => (JSON.parse(r.body) as { redirect_uris: string[] }).redirect_uris);
    expect(sent.map((uris) => uris.length)).toEqual([1, 1, 1, 1]);
    expect(sent.flat().map((u) => u.split(':')[0])).toEqual(['http', 'javascript', 'data', 'https']);

    const refusing = await shaped(); // answers 400 invalid_redirect_uri
    expect((await checkAuthAdvertisement(refusing.resource, { probeRegistration: true })).findings).toEqual([]);
  });
});
