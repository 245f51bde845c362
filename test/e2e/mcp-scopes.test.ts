// End to end, in process: a real McpServer with three tools behind each entry (Express with /node, the /mcp drop-in,
// Hono, Fastify), scopes per tool from one mcpScopes table, a real authorization server (oidc-provider, the demo's,
// scripted consent) and the MCP SDK's client stepping up from a 403 to the scopes it names. Every request goes to
// 127.0.0.1, on ephemeral ports.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InvalidTokenError as SdkInvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenges } from '@authheaders/www-authenticate';
import { protectedResourceMetadata, protectedResourceMetadataUrl, readBearerChallenge, PROTECTED_RESOURCE_METADATA_PATH } from '@authheaders/bearer';
import { bearerAuth as fastifyBearerAuth } from '@authheaders/bearer/fastify';
import { bearerAuth as honoBearerAuth } from '@authheaders/bearer/hono';
import { jwtAccessTokenValidator, type JwtAccessTokenInfo } from '@authheaders/bearer/jwt';
import { mcpScopes, requireBearerAuth } from '@authheaders/bearer/mcp';
import { bearerAuth as nodeBearerAuth } from '@authheaders/bearer/node';
import { startDemoAuthorizationServer, type DemoAuthorizationServer } from '@authheaders/cli';
// The demo's client provider is internal to the CLI (its types come from an optional peer dependency).
import { DemoOAuthClientProvider } from '../../packages/cli/src/demo/demo-oauth-client';

const SCOPES = ['mcp:basic', 'files:read', 'files:write'];
const requiredScopes = mcpScopes({
  default: ['mcp:basic'],
  public: ['initialize', 'notifications/initialized', 'ping', 'tools/list'],
  tools: { read_file: ['files:read'], delete_file: ['files:write', 'offline_access'] },
});

/** One stateless McpServer per request with three tools, as the SDK recommends for servers without sessions. */
function threeToolServer(): McpServer {
  const mcp = new McpServer({ name: 'scopes-e2e', version: '1.0.0' });
  const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });
  mcp.registerTool('list_files', { description: 'needs mcp:basic' }, () => text('a.txt'));
  mcp.registerTool('read_file', { description: 'needs files:read' }, () => text('contents of a.txt'));
  mcp.registerTool('delete_file', { description: 'needs files:write' }, () => text('a.txt deleted'));
  return mcp;
}

/** Serves a Node request with a fresh server and transport, the body already parsed. */
async function serveNode(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  const mcp = threeToolServer();
  const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
  res.on('close', () => void mcp.close());
  await mcp.connect(transport);
  await transport.handleRequest(req, res, body);
}

let issuer = '';
let jwksUri = '';
const validators = new Map<string, (token: string) => Promise<JwtAccessTokenInfo>>();
/** The JWT validator of one resource: its own audience (RFC 8707). */
const validate = (resource: string) => (token: string) => {
  let verify = validators.get(resource);
  if (verify === undefined) {
    verify = jwtAccessTokenValidator({ issuer, audience: resource, jwks: jwksUri, algorithms: ['ES256'] });
    validators.set(resource, verify);
  }
  return verify(token);
};
const metadataFor = (resource: string) =>
  // Only the basic scope: the client signs in with it, and steps up to what a 403 names.
  protectedResourceMetadata({ resource, authorizationServers: [issuer], scopesSupported: ['mcp:basic'] });

interface Entry {
  resource: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** Express with /node: no body parser; the middleware reads the body and leaves it in req.body. */
async function expressNode(): Promise<Entry> {
  const app = express();
  const server = createServer(app);
  const origin = await listen(server);
  const resource = `${origin}/mcp`;
  app.get(protectedResourceMetadataUrl(resource).pathname, (_req, res) => void res.json(metadataFor(resource)));
  app.post('/mcp', nodeBearerAuth({ realm: 'mcp', resourceMetadata: protectedResourceMetadataUrl(resource), requiredScopes, validateToken: validate(resource) }), (req, res) => {
    void serveNode(req, res, req.body);
  });
  return { resource, close: () => closeServer(server) };
}

/** Express with the /mcp drop-in behind express.json(): the middleware takes the body the parser read. */
async function expressMcp(): Promise<Entry> {
  const app = express();
  const server = createServer(app);
  const origin = await listen(server);
  const resource = `${origin}/mcp`;
  const verify = validate(resource);
  app.get(protectedResourceMetadataUrl(resource).pathname, (_req, res) => void res.json(metadataFor(resource)));
  const verifier = {
    verifyAccessToken: async (token: string) => {
      const info = await verify(token).catch(() => {
        throw new SdkInvalidTokenError('Invalid access token');
      });
      return { token, clientId: info.clientId, scopes: info.scopes, expiresAt: info.expiresAt, resource: new URL(resource) };
    },
  };
  app.post('/mcp', express.json(), requireBearerAuth({ verifier, requiredScopes, resourceMetadataUrl: protectedResourceMetadataUrl(resource).href, expectedResource: new URL(resource) }), (req, res) => {
    void serveNode(req, res, req.body);
  });
  return { resource, close: () => closeServer(server) };
}

/** Hono on @hono/node-server: the transport reads the fresh Request the middleware left in c.req.raw. */
async function hono(): Promise<Entry> {
  const app = new Hono();
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const resource = `${await listen(server)}/mcp`;
  app.get(`${PROTECTED_RESOURCE_METADATA_PATH}/mcp`, (c) => c.json(metadataFor(resource)));
  app.post(
    '/mcp',
    honoBearerAuth({ realm: 'mcp', resourceMetadata: protectedResourceMetadataUrl(resource), requiredScopes, validateToken: validate(resource) }),
    async (c) => {
      const mcp = threeToolServer();
      const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
      await mcp.connect(transport);
      return transport.handleRequest(c.req.raw);
    },
  );
  return { resource, close: () => closeServer(server) };
}

/** Fastify: the plugin reads the body in preParsing and hands the bytes to Fastify's parser (request.body). */
async function fastify(): Promise<Entry> {
  // Our own server, listening before the routes are built: the resource's URL holds its ephemeral port.
  let server!: Server;
  const app: FastifyInstance = Fastify({ serverFactory: (handler) => (server = createServer(handler)) });
  const resource = `${await listen(server)}/mcp`;
  app.get(`${PROTECTED_RESOURCE_METADATA_PATH}/mcp`, async () => metadataFor(resource));
  await app.register(async (api) => {
    await api.register(fastifyBearerAuth, { realm: 'mcp', resourceMetadata: protectedResourceMetadataUrl(resource), requiredScopes, validateToken: validate(resource) });
    api.post('/mcp', async (request, reply) => {
      reply.hijack();
      await serveNode(request.raw, reply.raw, request.body);
    });
  });
  await app.ready();
  return {
    resource,
    close: async () => {
      await app.close();
      await closeServer(server);
    },
  };
}

const ENTRIES = { 'Express (/node)': expressNode, 'the /mcp drop-in': expressMcp, Hono: hono, Fastify: fastify };
const entries = new Map<string, Entry>();
let authorizationServer: DemoAuthorizationServer;

beforeAll(async () => {
  for (const [name, start] of Object.entries(ENTRIES)) entries.set(name, await start());
  authorizationServer = await startDemoAuthorizationServer({ resource: [...entries.values()].map((entry) => entry.resource), scopes: SCOPES });
  issuer = authorizationServer.issuer;
  jwksUri = authorizationServer.jwksUri;
}, 60_000);
afterAll(async () => {
  for (const entry of entries.values()) await entry.close();
  await authorizationServer?.close();
});

const toolText = (result: Awaited<ReturnType<Client['callTool']>>) => (result.content as Array<{ text: string }>)[0]!.text;
const call = (id: number, name: string) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {} } });

async function post(resource: string, body: unknown, token?: string) {
  const response = await fetch(resource, {
    method: 'POST',
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify(body),
  });
  const header = response.headers.get('www-authenticate');
  return { status: response.status, header, challenge: readBearerChallenge(response), body: await response.text() };
}

describe.each(Object.keys(ENTRIES))('scopes per tool behind %s', (name) => {
  const provider = new DemoOAuthClientProvider();
  const client = new Client({ name: 'scopes-e2e-client', version: '1.0.0' });
  afterAll(() => client.close());
  const entry = () => entries.get(name)!;
  const transport = () => new StreamableHTTPClientTransport(new URL(entry().resource), { authProvider: provider });
  const scopesAsked = () => provider.authorizationRequests.map((url) => url.searchParams.get('scope'));

  it('the 401 names the scopes of the operation: none for initialize, mcp:basic and files:read for read_file', async () => {
    const initialize = await post(entry().resource, { jsonrpc: '2.0', id: 0, method: 'initialize', params: {} });
    expect(initialize.status).toBe(401);
    expect(initialize.header).not.toContain('scope=');
    expect(initialize.challenge?.resourceMetadata?.href).toBe(protectedResourceMetadataUrl(entry().resource).href);
    const readFile = await post(entry().resource, call(1, 'read_file'));
    expect(readFile.status).toBe(401);
    expect(readFile.challenge?.scope).toEqual(['mcp:basic', 'files:read']);
  });

  it('the SDK client signs in with mcp:basic and lists the tools', async () => {
    const first = transport();
    await expect(client.connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(scopesAsked()).toEqual(['mcp:basic']);
    await first.finishAuth(provider.takeAuthorizationCode());
    await client.connect(transport());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['delete_file', 'list_files', 'read_file']);
    expect(toolText(await client.callTool({ name: 'list_files' }))).toBe('a.txt');
  });

  it('a batch that needs two tools gets one 403 challenge naming the scopes of both', async () => {
    const basic = provider.tokens()!.access_token;
    const batch = await post(entry().resource, [call(1, 'read_file'), call(2, 'delete_file')], basic);
    expect(batch.status).toBe(403);
    expect(parseChallenges(batch.header!)).toHaveLength(1);
    expect(batch.challenge).toMatchObject({ error: 'insufficient_scope', scope: ['mcp:basic', 'files:read', 'files:write'] });
    expect(batch.challenge?.resourceMetadata?.href).toBe(protectedResourceMetadataUrl(entry().resource).href);
  });

  it('read_file: 403 naming every scope of the call, step-up to exactly those, then 200', async () => {
    const live = () => (client as unknown as { transport: StreamableHTTPClientTransport }).transport;
    await expect(client.callTool({ name: 'read_file' })).rejects.toBeInstanceOf(UnauthorizedError);
    expect(scopesAsked()[1]).toBe('mcp:basic files:read');
    await live().finishAuth(provider.takeAuthorizationCode());
    expect(toolText(await client.callTool({ name: 'read_file' }))).toBe('contents of a.txt');
  });

  it('delete_file: 403 naming files:write and the rest of the call (offline_access never), step-up, then 200', async () => {
    const direct = await post(entry().resource, call(3, 'delete_file'), provider.tokens()!.access_token);
    expect(direct.status).toBe(403);
    // The table asks offline_access too: it is neither challenged nor required.
    expect(direct.challenge).toMatchObject({ error: 'insufficient_scope', scope: ['mcp:basic', 'files:write'] });
    expect(direct.header).not.toContain('offline_access');
    const live = () => (client as unknown as { transport: StreamableHTTPClientTransport }).transport;
    await expect(client.callTool({ name: 'delete_file' })).rejects.toBeInstanceOf(UnauthorizedError);
    expect(scopesAsked()[2]).toBe('mcp:basic files:write');
    await live().finishAuth(provider.takeAuthorizationCode());
    expect(toolText(await client.callTool({ name: 'delete_file' }))).toBe('a.txt deleted');
    expect(scopesAsked()).toHaveLength(3);
  });
});
