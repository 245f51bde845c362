import { protectedResourceMetadata, protectedResourceMetadataUrl, readBearerChallenge } from '@authheaders/bearer';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAuthAdvertisement, type CheckReport } from '../src/check/check-auth-advertisement';
import { startDemoServer } from '../src/demo/demo-server';
import { authorizationServerMetadata, json, startLoopbackServer, type LoopbackServer } from './support/loopback-server';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function track<T extends { close(): Promise<void> }>(server: Promise<T>): Promise<T> {
  const s = await server;
  open.push(s);
  return s;
}

const codes = (report: CheckReport) => report.findings.map((f) => f.code);
const severityOf = (report: CheckReport, code: string) => report.findings.find((f) => f.code === code)?.severity;

/** A resource that serves correct metadata but whose 401 is whatever `challenge` says (undefined: no header). */
function resourceServer(challenge: (origin: string) => string | undefined, metadataBody?: (origin: string) => unknown): Promise<LoopbackServer> {
  return startLoopbackServer((req, res, origin) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/.well-known/oauth-protected-resource/mcp') {
      const body = metadataBody?.(origin) ?? protectedResourceMetadata({ resource: `${origin}/mcp`, authorizationServers: [origin], scopesSupported: ['mcp:write'] });
      return json(res, 200, body);
    }
    if (path === '/.well-known/oauth-authorization-server') return json(res, 200, authorizationServerMetadata(origin));
    if (path === '/mcp') {
      const value = challenge(origin);
      return json(res, 401, { error: 'unauthorized' }, value === undefined ? {} : { 'www-authenticate': value });
    }
    return json(res, 404, { error: 'not_found' });
  });
}

describe('checkAuthAdvertisement', () => {
  it('passes our own middleware with no finding, following every step an MCP client takes', async () => {
    const server = await track(startDemoServer());
    const progress: string[] = [];
    const report = await checkAuthAdvertisement(server.resource, { onProgress: (line) => progress.push(line) });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.trace.map((t) => `${t.method} ${new URL(t.url).pathname} ${t.status}`)).toEqual([
      'POST /mcp 401',
      'GET /mcp 401',
      'GET /.well-known/oauth-protected-resource/mcp 200',
      'GET /.well-known/oauth-authorization-server 200',
    ]);
    expect(report.challenge?.strict).toBe(true);
    expect(Object.keys(report.challenge?.bearerParams ?? {})).toEqual(['realm', 'scope', 'resource_metadata']);
    expect(progress.filter((line) => line.startsWith('→ '))).toHaveLength(4);
    expect(progress.filter((line) => line.startsWith('← '))).toHaveLength(4);
  });

  it('flags a 401 without WWW-Authenticate as high, and finds no metadata', async () => {
    const server = await track(resourceServer(() => undefined, () => ({ nope: true })));
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(report.ok).toBe(false);
    expect(codes(report).filter((c) => c === 'AUTH_REQUIRED_BUT_NOT_ADVERTISED')).toHaveLength(2); // POST and GET
    expect(severityOf(report, 'AUTH_REQUIRED_BUT_NOT_ADVERTISED')).toBe('high');
    // The well-known document exists, so the missing challenge looks stripped; its resource is wrong too.
    expect(codes(report)).toContain('PARAMS_STRIPPED_SUSPECTED');
    expect(codes(report)).toContain('RESOURCE_MISMATCH');
  });

  it('suspects a proxy that forwarded only resource_metadata and dropped realm, scope and error', async () => {
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
        let text = await answer.text();
        text = text.replaceAll(upstream!.origin, origin);
        res.writeHead(answer.status, headers);
        res.end(text);
      }),
    );
    upstream = await track(startDemoServer());
    const report = await checkAuthAdvertisement(`${proxy.origin}/mcp`);
    expect(codes(report)).toEqual(['REALM_MISSING', 'SCOPE_MISSING', 'PARAMS_STRIPPED_SUSPECTED']);
    expect(severityOf(report, 'PARAMS_STRIPPED_SUSPECTED')).toBe('medium');
    expect(report.ok).toBe(true);
  });

  it('reports a challenge that lacks the resource_metadata hint while the well-known document exists', async () => {
    const server = await track(resourceServer(() => 'Bearer realm="mcp", scope="mcp:write"'));
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(codes(report)).toEqual(['RESOURCE_METADATA_HINT_MISSING', 'PARAMS_STRIPPED_SUSPECTED']);
    expect(report.resourceMetadataUrl).toBe(protectedResourceMetadataUrl(`${server.origin}/mcp`).href);
  });

  it('flags a broken metadata document, a malformed challenge, and an error code sent without credentials', async () => {
    const server = await track(
      resourceServer(
        (origin) => `Bearer realm="mcp" error="invalid_token", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
        () => '{"resource": ',
      ),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(report.ok).toBe(false);
    expect(codes(report)).toContain('RESOURCE_METADATA_INVALID');
    expect(codes(report)).toContain('CHALLENGE_SYNTAX_ERROR');
    expect(codes(report)).toContain('ERROR_WITHOUT_CREDENTIALS');
    expect(report.challenge?.repairs.map((r) => r.code)).toEqual(['expected-comma']);
  });

  it('checks resource, authorization servers and the authorization server metadata', async () => {
    const server = await track(
      startLoopbackServer((req, res, origin) => {
        const path = new URL(req.url ?? '/', origin).pathname;
        if (path === '/mcp') return json(res, 401, {}, { 'www-authenticate': `Bearer realm="x", scope="s", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"` });
        if (path === '/.well-known/oauth-protected-resource/mcp') {
          return json(res, 200, { resource: `${origin}/other`, authorization_servers: ['not a url', origin] });
        }
        if (path === '/.well-known/oauth-authorization-server') {
          return json(res, 200, authorizationServerMetadata(origin, { code_challenge_methods_supported: ['plain'], registration_endpoint: undefined }));
        }
        return json(res, 404, {});
      }),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(codes(report)).toEqual(['RESOURCE_MISMATCH', 'AUTHORIZATION_SERVER_INVALID', 'REGISTRATION_ENDPOINT_MISSING', 'PKCE_S256_NOT_ADVERTISED']);
  });

  it('tries the OpenID Connect well-known URL when RFC 8414 metadata is absent', async () => {
    const server = await track(
      startLoopbackServer((req, res, origin) => {
        const path = new URL(req.url ?? '/', origin).pathname;
        if (path === '/mcp') return json(res, 401, {}, { 'www-authenticate': `Bearer realm="x", scope="s", resource_metadata="${origin}/prm"` });
        if (path === '/prm') return json(res, 200, { resource: `${origin}/mcp`, authorization_servers: [`${origin}/tenant`] });
        if (path === '/.well-known/openid-configuration/tenant') return json(res, 200, authorizationServerMetadata(`${origin}/tenant`));
        return json(res, 404, {});
      }),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(report.findings).toEqual([]);
    expect(report.authorizationServerMetadataUrl).toBe(`${server.origin}/.well-known/openid-configuration/tenant`);
    expect(report.trace.map((t) => new URL(t.url).pathname)).toContain('/.well-known/oauth-authorization-server/tenant');
  });

  it('turns a refused connection and a silent server into findings, not exceptions', async () => {
    const closed = await startLoopbackServer(() => {});
    await closed.close();
    const refused = await checkAuthAdvertisement(`${closed.origin}/mcp`);
    expect(codes(refused)).toEqual(['NETWORK_ERROR']);
    expect(refused.findings[0]!.message).toContain('ECONNREFUSED');

    const silent = await track(startLoopbackServer(() => {})); // accepts, never answers
    const timedOut = await checkAuthAdvertisement(`${silent.origin}/mcp`, { timeoutMs: 200 });
    expect(codes(timedOut)).toEqual(['TIMEOUT']);
    expect(timedOut.ok).toBe(false);
  });

  it('refuses targets that are not absolute http(s), and plain http off loopback without --insecure-http', async () => {
    expect(codes(await checkAuthAdvertisement('not a url'))).toEqual(['INVALID_TARGET']);
    expect(codes(await checkAuthAdvertisement('ftp://example.com/mcp'))).toEqual(['INVALID_TARGET']);
    const report = await checkAuthAdvertisement('http://example.com/mcp', { fetch: () => Promise.reject(new Error('must not be called')) });
    expect(report.findings[0]!.message).toContain('--insecure-http');
    expect(report.trace).toEqual([]);
  });

  it('reports a public resource as info only', async () => {
    const server = await track(
      startLoopbackServer((req, res) => (req.url?.startsWith('/.well-known/') ? json(res, 404, {}) : json(res, 200, { ok: true }))),
    );
    const report = await checkAuthAdvertisement(`${server.origin}/mcp`);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['info:AUTH_NOT_REQUIRED', 'info:RESOURCE_METADATA_MISSING']);
  });
});

describe('checkAuthAdvertisement and event streams', () => {
  it('does not wait for a GET event stream that never ends', async () => {
    const server = await startLoopbackServer((req, res, origin) => {
      const path = new URL(req.url ?? '/', origin).pathname;
      if (path === '/mcp' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': open\n\n'); // and never end
        return;
      }
      if (path === '/mcp') return json(res, 200, { jsonrpc: '2.0', id: 1, result: {} });
      return json(res, 404, {});
    });
    try {
      const report = await checkAuthAdvertisement(`${server.origin}/mcp`, { timeoutMs: 2_000 });
      expect(report.findings.map((f) => f.code)).toEqual(['AUTH_NOT_REQUIRED', 'RESOURCE_METADATA_MISSING']);
      expect(report.trace[1]).toMatchObject({ method: 'GET', status: 200, contentType: 'text/event-stream' });
    } finally {
      await server.close();
    }
  });
});
