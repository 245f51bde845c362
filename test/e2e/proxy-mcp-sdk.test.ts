// End to end, offline: the MCP SDK's client signs in through @authheaders/bearer/proxy. The upstream MCP server
// (its own port, behind bearerAuth and the JWT validator) advertises its internal origin in its challenges and its
// RFC 9728 document; the authorization server (oidc-provider) issues tokens whose audience is the proxy's public URL
// (RFC 8707). The client only ever talks to the proxy and the authorization server, every one on 127.0.0.1.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsufficientScopeError, protectedResourceMetadata, protectedResourceMetadataUrl, readBearerChallenge } from '@authheaders/bearer';
import { jwtAccessTokenValidator, type JwtAccessTokenInfo } from '@authheaders/bearer/jwt';
import { bearerAuth, type AuthenticatedRequest } from '@authheaders/bearer/node';
import { createAuthRelay, toNodeListener } from '@authheaders/bearer/proxy';
import { checkAuthAdvertisement, DEMO_SCOPES, startDemoAuthorizationServer, type CheckReport, type DemoAuthorizationServer } from '@authheaders/cli';
// The demo's client provider is internal to the CLI (its types come from an optional peer dependency).
import { DemoOAuthClientProvider } from '../../packages/cli/src/demo/demo-oauth-client';
import { loopbackOnlyLookup } from '../../packages/cli/test/support/loopback-only-lookup';

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: Server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));

let proxyServer: Server;
let upstreamServer: Server;
let authorizationServer: DemoAuthorizationServer;
let publicUrl: string;
let upstreamOrigin: string;

/** Every exchange of the client: URL, status, challenge and content type as it received them. */
const exchanges: Array<{ url: URL; status: number; challenge: string | null; contentType: string | null }> = [];
const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const response = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : input);
  exchanges.push({ url, status: response.status, challenge: response.headers.get('www-authenticate'), contentType: response.headers.get('content-type') });
  return response;
};
/** The challenges the upstream itself sent, in order (undefined for an answer without one). */
const upstreamChallenges: Array<string | undefined> = [];
const provider = new DemoOAuthClientProvider((hop) => exchanges.push({ url: hop.url, status: hop.status, challenge: null, contentType: null }));
const client = new Client({ name: 'proxy-e2e', version: '1.0.0' });
const toolText = (result: Awaited<ReturnType<Client['callTool']>>) => (result.content as Array<{ text: string }>)[0]!.text;

/** The upstream: an MCP server that knows only its internal URL, protected by bearerAuth for the public audience. */
async function startUpstream(): Promise<void> {
  upstreamServer = createServer();
  upstreamOrigin = await listen(upstreamServer);
  const internal = `${upstreamOrigin}/mcp`;
  const bodies = new WeakMap<IncomingMessage, unknown>();
  const verify = jwtAccessTokenValidator({ issuer: authorizationServer.issuer, audience: publicUrl, jwks: authorizationServer.jwksUri, algorithms: ['ES256'] });
  const protect = bearerAuth<JwtAccessTokenInfo>({
    realm: 'mcp',
    requiredScopes: ['mcp:read'],
    resourceMetadata: protectedResourceMetadataUrl(internal), // the internal origin: the proxy rewrites it
    validateToken: async (token, req: IncomingMessage) => {
      const info = await verify(token);
      const body = bodies.get(req) as { params?: { name?: string } } | undefined;
      if (body?.params?.name === 'add-note' && !info.scopes.includes('mcp:write')) throw new InsufficientScopeError([...DEMO_SCOPES], 'Adding a note needs mcp:write.');
      return info;
    },
  });
  upstreamServer.on('request', (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url === '/.well-known/oauth-protected-resource/mcp') {
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'max-age=60');
      res.end(JSON.stringify(protectedResourceMetadata({ resource: internal, authorizationServers: [authorizationServer.issuer], scopesSupported: [...DEMO_SCOPES], extra: { x_upstream: 'kept' } })));
      return;
    }
    if (req.url !== '/mcp') {
      res.writeHead(404).end();
      return;
    }
    // The challenge as the upstream sends it (bearerAuth passes its headers to writeHead).
    res.writeHead = new Proxy(res.writeHead, {
      apply(target, self, args: unknown[]) {
        const headers = args.find((a): a is Record<string, string> => a !== null && typeof a === 'object' && !Array.isArray(a));
        upstreamChallenges.push(headers?.['www-authenticate']);
        return Reflect.apply(target, self, args) as ServerResponse;
      },
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || 'null') as unknown;
      bodies.set(req, body);
      protect(req, res, (error?: unknown): void => {
        if (error !== undefined || req.method !== 'POST') {
          res.writeHead(error !== undefined ? 500 : 405, error !== undefined ? {} : { allow: 'POST' }).end();
          return;
        }
        const { auth } = req as AuthenticatedRequest<JwtAccessTokenInfo>;
        const mcp = new McpServer({ name: 'upstream', version: '1.0.0' });
        mcp.registerTool('whoami', { description: 'who' }, () => ({ content: [{ type: 'text', text: `${auth.subject} (${auth.scopes.join(' ')})` }] }));
        mcp.registerTool('add-note', { description: 'needs mcp:write' }, () => ({ content: [{ type: 'text', text: `note added by ${auth.subject}` }] }));
        // Server-Sent Events (the transport's default), so every answer is a stream through the proxy.
        const transport = new StreamableHTTPServerTransport({});
        res.on('close', () => void transport.close().then(() => mcp.close()));
        void mcp.connect(transport).then(() => transport.handleRequest(req, res, body));
      });
    });
  });
}

beforeAll(async () => {
  proxyServer = createServer();
  const proxyOrigin = await listen(proxyServer);
  publicUrl = `${proxyOrigin}/mcp`;
  authorizationServer = await startDemoAuthorizationServer({ resource: publicUrl });
  await startUpstream();
  proxyServer.on('request', toNodeListener(createAuthRelay({ upstream: `${upstreamOrigin}/mcp`, publicUrl })));
}, 60_000);
afterAll(async () => {
  await client.close();
  await close(proxyServer);
  await close(upstreamServer);
  await authorizationServer.close();
});

describe('the MCP SDK client signs in through the proxy', () => {
  it('starts from a bare 401 at the proxy, follows the rewritten hint, accepts the rewritten metadata, signs in', async () => {
    const first = new StreamableHTTPClientTransport(new URL(publicUrl), { authProvider: provider, fetch: recordingFetch });
    await expect(client.connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    const bare = exchanges[0]!;
    expect(bare).toMatchObject({ url: new URL(publicUrl), status: 401 });
    const challenge = readBearerChallenge(bare.challenge)!;
    expect(challenge.realm).toBe('mcp');
    expect(challenge.scope).toEqual(['mcp:read']);
    expect(challenge.resourceMetadata?.href).toBe(protectedResourceMetadataUrl(publicUrl).href);
    expect(bare.challenge).not.toContain(upstreamOrigin);
    // The real fields: the upstream's bearerAuth, and what the client got from the proxy.
    expect(upstreamChallenges[0]!.replace(upstreamOrigin, 'UPSTREAM')).toBe('Bearer realm="mcp", scope="mcp:read", resource_metadata="UPSTREAM/.well-known/oauth-protected-resource/mcp"');
    expect(bare.challenge!.replace(publicUrl.slice(0, -4), 'PROXY')).toBe('Bearer realm="mcp", scope="mcp:read", resource_metadata="PROXY/.well-known/oauth-protected-resource/mcp"');

    const metadata = await (await fetch(protectedResourceMetadataUrl(publicUrl))).json();
    expect(metadata).toMatchObject({ resource: publicUrl, authorization_servers: [authorizationServer.issuer], x_upstream: 'kept' });
    expect(provider.authorizationRequests[0]!.searchParams.get('resource')).toBe(publicUrl); // RFC 8707: the public URL
    await first.finishAuth(provider.takeAuthorizationCode());
  });

  it('calls a tool through the proxy, the answer streamed as Server-Sent Events', async () => {
    await client.connect(new StreamableHTTPClientTransport(new URL(publicUrl), { authProvider: provider, fetch: recordingFetch }));
    expect(toolText(await client.callTool({ name: 'whoami' }))).toBe('demo-user (mcp:read)');
    expect(exchanges.at(-1)).toMatchObject({ status: 200, contentType: 'text/event-stream' });
  });

  it('meets a 403 insufficient_scope relayed with realm, scope, error and error_description intact, steps up, succeeds', async () => {
    await expect(client.callTool({ name: 'add-note' })).rejects.toBeInstanceOf(UnauthorizedError);
    const refusal = exchanges.find((e) => e.status === 403)!;
    const challenge = readBearerChallenge(refusal.challenge)!;
    // The real field (the upstream quoted error="insufficient_scope"; the serializer quotes only what needs it).
    expect(refusal.challenge!.replace(publicUrl.slice(0, -4), 'PROXY')).toBe(
      'Bearer realm="mcp", error="insufficient_scope", error_description="Insufficient scope.", scope="mcp:read mcp:write", resource_metadata="PROXY/.well-known/oauth-protected-resource/mcp"',
    );
    expect(challenge).toMatchObject({ realm: 'mcp', scope: ['mcp:read', 'mcp:write'], error: 'insufficient_scope', errorDescription: 'Insufficient scope.' });
    expect(challenge.resourceMetadata?.href).toBe(protectedResourceMetadataUrl(publicUrl).href);
    // What the upstream sent, parameter for parameter, but for the hint that now names the proxy.
    const sent = readBearerChallenge(upstreamChallenges.find((c) => c?.includes('insufficient_scope')))!;
    expect(sent.resourceMetadata?.href).toBe(`${upstreamOrigin}/.well-known/oauth-protected-resource/mcp`);
    expect({ ...challenge.params, resource_metadata: undefined }).toEqual({ ...sent.params, resource_metadata: undefined });
    expect(provider.authorizationRequests.at(-1)!.searchParams.get('scope')).toBe('mcp:read mcp:write');
    const live = (client as unknown as { transport: StreamableHTTPClientTransport }).transport;
    await live.finishAuth(provider.takeAuthorizationCode());
    expect(toolText(await client.callTool({ name: 'add-note' }))).toBe('note added by demo-user');
  });

  it('the client never reached the upstream origin, and every request went to loopback', () => {
    expect(exchanges.length).toBeGreaterThan(10);
    expect(exchanges.filter((e) => e.url.origin === upstreamOrigin)).toEqual([]);
    expect(exchanges.filter((e) => e.url.hostname !== '127.0.0.1')).toEqual([]);
  });
});

describe('authheaders check against the proxy', () => {
  let report: CheckReport;
  beforeAll(async () => {
    const lookup = loopbackOnlyLookup();
    report = await checkAuthAdvertisement(publicUrl, { lookup });
    expect(lookup.violations).toEqual([]);
  }, 30_000);

  it('reports no medium or high finding (only the note that neither server answers CORS)', () => {
    // The upstream here answers no CORS, and the relay adds none of its own: it exposes WWW-Authenticate on what the
    // upstream already allowed. The check says so as an info note, never as a finding that fails a client.
    expect(report.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['info:CORS_NOT_ENABLED']);
    expect(report.findings.filter((f) => f.severity === 'high' || f.severity === 'medium')).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('read the proxy, not the upstream', () => {
    expect(report.trace.map((t) => new URL(t.url).origin)).not.toContain(upstreamOrigin);
    const requests = report.trace.map((t) => `${t.method} ${new URL(t.url).pathname} ${t.status}`);
    expect(requests.slice(0, 2)).toEqual(['POST /mcp 401', 'GET /mcp 401']);
    // The made-up token is answered like a missing one (401, relayed from the upstream), and the hint leads to the
    // proxy's own metadata document.
    expect(requests.filter((r) => r === 'POST /mcp 401').length).toBeGreaterThanOrEqual(2);
    expect(requests).toContain('GET /.well-known/oauth-protected-resource/mcp 200');
  });
});
