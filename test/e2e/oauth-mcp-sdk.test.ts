// End to end, in process: the MCP SDK's client signs in to a real McpServer behind our middleware through a real
// authorization server (oidc-provider), starting from a bare 401. Then the refusals a deployed server gives: an
// expired token, a missing scope (and the client's step-up), a step-up policy. Every request goes to 127.0.0.1.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBearerChallenge } from '@authheaders/bearer';
// The demo's client provider is internal to the CLI (its types come from an optional peer dependency).
import { DemoOAuthClientProvider } from '../../packages/cli/src/demo/demo-oauth-client';
import {
  DEMO_MFA_ACR,
  followScriptedConsent,
  startDemoServer,
  type DemoServer,
  type SignInHop,
} from '@authheaders/cli';

let server: DemoServer;
/** Every URL the client requested (transport, discovery, registration, token, and the browser hops). */
const requested: URL[] = [];
const hops: SignInHop[] = [];

const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = new URL(input instanceof Request ? input.url : input);
  requested.push(url);
  return fetch(input, init);
};

const provider = new DemoOAuthClientProvider((hop) => {
  hops.push(hop);
  requested.push(hop.url);
});
const client = new Client({ name: 'e2e-client', version: '1.0.0' });
const transport = () => new StreamableHTTPClientTransport(new URL(server.resource), { authProvider: provider, fetch: recordingFetch });
const toolText = (result: Awaited<ReturnType<Client['callTool']>>) => (result.content as Array<{ text: string }>)[0]!.text;

async function callTool(token: string, tool: string) {
  const response = await fetch(server.resource, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: tool, arguments: {} } }),
  });
  return { status: response.status, challenge: readBearerChallenge(response), body: await response.text() };
}

beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('the MCP SDK client signs in through the authorization server', () => {
  it('goes from a bare 401 to a tool call: metadata, discovery, registration, PKCE code flow, JWT', async () => {
    const first = transport();
    await expect(client.connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    // The SDK registered, then sent the user to the authorization endpoint with PKCE S256 and the resource.
    expect(provider.authorizationRequests).toHaveLength(1);
    const authorization = provider.authorizationRequests[0]!;
    expect(authorization.origin).toBe(server.authorizationServer.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('resource')).toBe(server.resource);
    expect(authorization.searchParams.get('scope')).toBe('mcp:read'); // the scope of the 401's challenge
    expect(provider.clientInformation()?.client_id).toEqual(expect.any(String));
    await first.finishAuth(provider.takeAuthorizationCode());

    await client.connect(transport());
    expect(toolText(await client.callTool({ name: 'whoami' }))).toBe('demo-user (mcp:read)');

    const paths = requested.map((url) => `${url.origin === server.origin ? 'RS' : 'AS'} ${url.pathname}`);
    expect(paths.slice(0, 5)).toEqual([
      'RS /mcp',
      'RS /.well-known/oauth-protected-resource/mcp',
      'AS /.well-known/oauth-authorization-server',
      'AS /reg',
      'AS /auth',
    ]);
    expect(paths).toContain('AS /token');
    expect(hops.filter((hop) => hop.url.pathname.startsWith('/interaction/'))).toHaveLength(2); // login, consent
  });

  it('received an RFC 9068 JWT access token for the resource', () => {
    const token = provider.tokens()!.access_token;
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(payload).toMatchObject({ iss: server.authorizationServer.issuer, aud: server.resource, sub: 'demo-user', scope: 'mcp:read' });
  });

  it('a missing scope gives 403 insufficient_scope, and the client steps up to both scopes', async () => {
    const readOnly = provider.tokens()!.access_token;
    const direct = await callTool(readOnly, 'add-note');
    expect(direct.status).toBe(403);
    expect(direct.challenge).toMatchObject({ error: 'insufficient_scope', scope: ['mcp:read', 'mcp:write'] });

    await expect(client.callTool({ name: 'add-note' })).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.authorizationRequests).toHaveLength(2);
    expect(provider.authorizationRequests[1]!.searchParams.get('scope')).toBe('mcp:read mcp:write');
    // The transport of the live connection finishes the step-up; the same call then succeeds.
    const live = (client as unknown as { transport: StreamableHTTPClientTransport }).transport;
    await live.finishAuth(provider.takeAuthorizationCode());
    expect(toolText(await client.callTool({ name: 'add-note' }))).toBe('note added by demo-user');
  });

  it('a step-up policy gives 401 insufficient_user_authentication with acr_values and max_age', async () => {
    const result = await callTool(provider.tokens()!.access_token, 'delete-notes');
    expect(result.status).toBe(401);
    expect(result.challenge).toMatchObject({ error: 'insufficient_user_authentication', params: { acr_values: DEMO_MFA_ACR, max_age: '300' } });
  });

  it('an expired token gives 401 invalid_token "The access token expired.", and the body holds nothing of the token', async () => {
    const token = provider.tokens()!.access_token;
    server.advanceClock(301); // the demo's tokens live 300 s
    try {
      const result = await callTool(token, 'whoami');
      expect(result.status).toBe(401);
      expect(result.challenge?.error).toBe('invalid_token');
      expect(result.challenge?.errorDescription).toBe('The access token expired.');
      expect(JSON.parse(result.body)).toEqual({ error: 'invalid_token', error_description: 'The access token expired.' });
      expect(result.body).not.toContain(token.split('.')[1]!);
      expect(server.audit.at(-1)?.outcome).not.toBe('authenticated');
    } finally {
      server.advanceClock(-301);
    }
    expect((await callTool(token, 'whoami')).status).toBe(200);
  });

  it('a token for /mcp is refused by another resource of the same server (RFC 8707 audience)', async () => {
    const response = await fetch(server.strictResource, {
      method: 'POST',
      headers: { authorization: `Bearer ${provider.tokens()!.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(readBearerChallenge(response)).toMatchObject({ error: 'invalid_token', errorDescription: 'The access token is meant for another resource.' });
  });

  it('every request of the whole flow went to loopback', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => url.hostname !== '127.0.0.1')).toEqual([]);
  });
});

describe('the scripted consent stays on loopback', () => {
  it('refuses an authorization URL off loopback, and a redirect off loopback, without sending a request there', async () => {
    const redirector = createServer((_req, res) => {
      res.writeHead(303, { location: 'https://auth.example.com/authorize' });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      await expect(followScriptedConsent(new URL('https://auth.example.com/authorize'), 'http://127.0.0.1/cb')).rejects.toThrow(/not on loopback/);
      expect(spy).not.toHaveBeenCalled();
      const start = new URL(`http://127.0.0.1:${(redirector.address() as AddressInfo).port}/authorize`);
      await expect(followScriptedConsent(start, 'http://127.0.0.1/cb')).rejects.toThrow(/not on loopback/);
      expect(spy.mock.calls.map(([input]) => String(input))).toEqual([start.href]);
    } finally {
      spy.mockRestore();
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });
});
