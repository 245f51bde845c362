// Interop: the MCP TypeScript SDK's client reads our 401 and follows resource_metadata to the document we serve.
import { discoverOAuthProtectedResourceMetadata, extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemoUser, startDemoServer, type DemoServer } from '@authheaders/cli';

describe('@modelcontextprotocol/sdk client against our middleware', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(() => server.close());

  it('extractWWWAuthenticateParams reads resource_metadata and scope from our unauthenticated 401', async () => {
    const response = await fetch(server.resource, { method: 'POST' });
    expect(response.status).toBe(401);
    const params = extractWWWAuthenticateParams(response);
    expect(params.resourceMetadataUrl?.href).toBe(server.metadataUrl);
    expect(params.scope).toBe('mcp:read');
    expect(params.error).toBeUndefined();
  });

  it('extractWWWAuthenticateParams reads error and scope from our 403', async () => {
    // A real token of the demo user with mcp:read only, calling the tool that needs mcp:write.
    const token = await signInDemoUser(server.resource, 'mcp:read');
    const response = await fetch(server.resource, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add-note', arguments: {} } }),
    });
    expect(response.status).toBe(403);
    const params = extractWWWAuthenticateParams(response);
    expect(params).toMatchObject({ error: 'insufficient_scope', scope: 'mcp:read mcp:write' });
    expect(params.resourceMetadataUrl?.href).toBe(server.metadataUrl);
  });

  it('discovery follows our resource_metadata to the document we serve', async () => {
    const response = await fetch(server.resource, { method: 'POST' });
    const { resourceMetadataUrl } = extractWWWAuthenticateParams(response);
    const metadata = await discoverOAuthProtectedResourceMetadata(server.resource, { resourceMetadataUrl: resourceMetadataUrl! });
    expect(metadata.resource).toBe(server.resource);
    expect(metadata.authorization_servers).toEqual([server.authorizationServer.issuer]);
  });

  it('discovery also finds the document at the RFC 9728 §3.1 path-inserted URL without the hint', async () => {
    const metadata = await discoverOAuthProtectedResourceMetadata(server.resource);
    expect(metadata.resource).toBe(server.resource);
  });

  it('the SDK helper misses a Bearer challenge that is not first in the list; readBearerChallenge finds it', async () => {
    const { readBearerChallenge } = await import('@authheaders/bearer');
    const response = new Response(null, {
      status: 401,
      headers: { 'WWW-Authenticate': `Basic realm="legacy", Bearer resource_metadata="${server.metadataUrl}"` },
    });
    expect(extractWWWAuthenticateParams(response).resourceMetadataUrl).toBeUndefined();
    expect(readBearerChallenge(response)?.resourceMetadata?.href).toBe(server.metadataUrl);
  });
});
