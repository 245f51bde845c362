// End to end, offline on 127.0.0.1: oidc-provider (the demo's, with its DPoP feature on) issues DPoP-bound JWT
// access tokens (cnf.jkt); a client built with oauth4webapi registers, signs in, gets a DPoP token and calls an MCP
// tool behind each of our five entries (/node on Express, /mcp, /fastify, /fetch and /hono on @hono/node-server),
// each with server nonces on, so every first call is a `use_dpop_nonce` round trip. Then what a thief can do with
// the token is refused: without the key, with a proof it captured, as Bearer, with a proof of its own key.
//
// Real answers seen (oidc-provider 8.8.1, oauth4webapi 3.8.8): the token response has `token_type: "DPoP"` and a
// JWT access token whose `cnf` is `{ jkt: <RFC 7638 thumbprint of the client's key> }`; oauth4webapi's
// protectedResourceRequest throws a WWWAuthenticateChallengeError that `isDPoPNonceError` recognizes on our
// `401 DPoP error="use_dpop_nonce"` + `DPoP-Nonce`, keeps the nonce, and the retry carries it in the proof.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenges } from '@authheaders/www-authenticate';
import type { AuthInfo, BearerAuthAuditEvent } from '@authheaders/bearer';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { bearerAuth as fastifyBearerAuth } from '@authheaders/bearer/fastify';
import { bearerAuth as honoBearerAuth } from '@authheaders/bearer/hono';
import { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
import { requireBearerAuth } from '@authheaders/bearer/mcp';
import { bearerAuth as nodeBearerAuth } from '@authheaders/bearer/node';
import { followScriptedConsent, startDemoAuthorizationServer, type DemoAuthorizationServer } from '@authheaders/cli';

const RESOURCE = 'http://127.0.0.1/mcp-dpop';
const WHOAMI = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } });
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const DPOP = { nonce: true, algs: ['ES256', 'EdDSA'] } as const;
const insecure = { [oauth.allowInsecureRequests]: true } as const;

/** A stateless MCP server with one tool that says who the token is for. */
function mcpServer(subject: () => unknown): McpServer {
  const mcp = new McpServer({ name: 'dpop-e2e', version: '1.0.0' });
  mcp.registerTool('whoami', { description: 'who the token is for' }, () => ({ content: [{ type: 'text', text: `subject ${String(subject())}` }] }));
  return mcp;
}

async function nodeMcp(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, body: unknown) {
  const { auth } = req as { auth?: { subject?: string; clientId?: string } };
  const mcp = mcpServer(() => auth?.subject ?? auth?.clientId);
  const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
  res.on('close', () => void transport.close());
  await mcp.connect(transport);
  await transport.handleRequest(req, res, body);
}

async function fetchMcp(request: Request, auth: AuthInfo): Promise<Response> {
  const mcp = mcpServer(() => auth.subject);
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  await mcp.connect(transport);
  return transport.handleRequest(request);
}

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)));

describe('DPoP end to end: oidc-provider, oauth4webapi, an MCP tool behind every entry', () => {
  let as: DemoAuthorizationServer;
  const entries: Record<string, string> = {};
  const audit: Record<string, BearerAuthAuditEvent[]> = {};
  const closers: (() => unknown)[] = [];

  beforeAll(async () => {
    as = await startDemoAuthorizationServer({ resource: RESOURCE, dpop: true });
    const validate = jwtAccessTokenValidator({ issuer: as.issuer, audience: RESOURCE, jwks: as.jwksUri, algorithms: ['ES256'] });
    const onAudit = (entry: string) => (event: BearerAuthAuditEvent) => void (audit[entry] ??= []).push(event);

    const node = express();
    node.post('/mcp', express.json(), nodeBearerAuth({ realm: 'mcp', dpop: DPOP, onAudit: onAudit('node'), validateToken: validate }), (req, res) => void nodeMcp(req, res, req.body));
    const mcp = express();
    const verifier = {
      async verifyAccessToken(token: string) {
        const info = await validate(token);
        return { token, clientId: info.clientId, scopes: info.scopes, expiresAt: info.expiresAt, extra: { cnf: info.cnf } };
      },
    };
    mcp.post('/mcp', express.json(), requireBearerAuth({ verifier, dpop: DPOP, onAudit: onAudit('mcp') }), (req, res) => void nodeMcp(req, res, req.body));
    for (const [name, app] of [['node', node], ['mcp', mcp]] as const) {
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      entries[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
      closers.push(() => server.close());
    }

    const fastify = Fastify();
    await fastify.register(async (api) => {
      await api.register(fastifyBearerAuth, { realm: 'mcp', dpop: DPOP, onAudit: onAudit('fastify'), validateToken: validate });
      api.post('/mcp', async (request, reply) => {
        reply.hijack();
        await nodeMcp(Object.assign(request.raw, { auth: request.auth as { subject?: string } }), reply.raw, request.body);
      });
    });
    entries.fastify = `${await fastify.listen({ port: 0, host: '127.0.0.1' })}/mcp`;
    closers.push(() => fastify.close());

    const fetchHandler = withBearerAuth(fetchMcp, { realm: 'mcp', dpop: DPOP, onAudit: onAudit('fetch'), validateToken: validate });
    const hono = new Hono().post('/mcp', honoBearerAuth({ realm: 'mcp', dpop: DPOP, onAudit: onAudit('hono'), validateToken: validate }), (c) => fetchMcp(c.req.raw, c.get('auth')));
    for (const [name, fetch] of [['fetch', fetchHandler], ['hono', hono.fetch]] as const) {
      const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }) as Server;
      entries[name] = await new Promise<string>((resolve) => server.once('listening', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)));
      closers.push(() => server.close());
    }
  }, 60_000);

  afterAll(async () => {
    for (const close of closers) await close();
    await as?.close();
  });

  it('signs in with DPoP, calls the tool behind each entry after a nonce round trip, and refuses every replay', async () => {
    // The client: discovery, registration (RFC 7591), authorization code with PKCE through the demo's scripted
    // consent, token request with a DPoP proof.
    const issuer = new URL(as.issuer);
    const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }));
    const redirectUri = 'http://127.0.0.1/callback';
    const registration = await oauth.dynamicClientRegistrationRequest(
      server,
      { redirect_uris: [redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'] },
      insecure,
    );
    const client = await oauth.processDynamicClientRegistrationResponse(registration);
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorizationUrl = new URL(server.authorization_endpoint!);
    for (const [name, value] of Object.entries({
      client_id: client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'mcp:read',
      resource: RESOURCE,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    })) authorizationUrl.searchParams.set(name, value);
    const callback = await followScriptedConsent(authorizationUrl, redirectUri);
    const params = oauth.validateAuthResponse(server, client, callback, state);
    const keyPair = await oauth.generateKeyPair('ES256');
    const DPoP = oauth.DPoP(client as oauth.Client, keyPair);
    const tokenResponse = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), params, redirectUri, codeVerifier, { ...insecure, DPoP });
    const tokens = await oauth.processAuthorizationCodeResponse(server, client, tokenResponse);
    expect(tokens.token_type).toBe('dpop');
    const token = tokens.access_token;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { cnf?: { jkt?: string } };
    expect(claims.cnf?.jkt).toBe(await DPoP.calculateThumbprint());

    const thiefKey = await oauth.generateKeyPair('ES256');
    const thief = oauth.DPoP(client as oauth.Client, thiefKey);
    for (const [entry, url] of Object.entries(entries)) {
      const sent: Headers[] = [];
      const captureFetch: NonNullable<oauth.ProtectedResourceRequestOptions[typeof oauth.customFetch]> = (input, init) => {
        sent.push(new Headers(init.headers));
        return fetch(input, init as RequestInit);
      };
      const capture = { [oauth.customFetch]: captureFetch };
      const call = (handle = DPoP) => oauth.protectedResourceRequest(token, 'POST', new URL(url), new Headers(MCP_HEADERS), WHOAMI, { ...insecure, ...capture, DPoP: handle });
      // First call: no nonce yet; the entry asks for one and oauth4webapi keeps it for the retry.
      const first = await call().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(oauth.isDPoPNonceError(first), entry).toBe(true);
      const response = await call();
      expect(response.status, entry).toBe(200);
      // The MCP SDK's AuthInfo has no subject: its tool names the client.
      const expected = entry === 'mcp' ? client.client_id : 'demo-user';
      expect(((await response.json()) as { result: { content: { text: string }[] } }).result.content[0]!.text, entry).toBe(`subject ${expected}`);
      const stolen = sent.at(-1)!;
      expect(stolen.get('authorization'), entry).toMatch(/^DPoP /);

      const attempt = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body: WHOAMI });
      const challengeOf = async (response: Response) => {
        const challenges = parseChallenges(response.headers.get('www-authenticate')!);
        return [response.status, challenges.find((c) => c.params.error !== undefined)?.scheme, challenges.find((c) => c.params.error !== undefined)?.params.error];
      };
      // The captured request sent again as it was: a replayed proof.
      expect(await challengeOf(await attempt({ authorization: stolen.get('authorization')!, dpop: stolen.get('dpop')! })), `${entry} replay`).toEqual([401, 'DPoP', 'invalid_dpop_proof']);
      // The token without the key: no proof.
      expect(await challengeOf(await attempt({ authorization: `DPoP ${token}` })), `${entry} no proof`).toEqual([401, 'DPoP', 'invalid_dpop_proof']);
      // The token as Bearer: a downgrade.
      expect(await challengeOf(await attempt({ authorization: `Bearer ${token}` })), `${entry} as Bearer`).toEqual([401, 'Bearer', 'invalid_token']);
      // The thief's own key, through oauth4webapi: a good proof, the wrong key (after its own nonce round trip).
      const refused = await call(thief).catch((error: unknown) => error);
      const again = oauth.isDPoPNonceError(refused) ? await call(thief).catch((error: unknown) => error) : refused;
      expect(again, entry).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
      expect((again as oauth.WWWAuthenticateChallengeError).cause.find((c) => c.scheme === 'dpop')?.parameters.error, entry).toBe('invalid_token');
    }
  }, 60_000);

  it('audits the scheme and the binding on every entry, never the token', async () => {
    for (const entry of Object.keys(entries)) {
      const events = audit[entry] ?? [];
      expect(events.filter((e) => e.outcome === 'authenticated'), entry).toEqual([expect.objectContaining({ scheme: 'DPoP', bound: true })]);
      expect(events.map((e) => e.dpopFailure).filter(Boolean), entry).toEqual(['replayed', 'missing_proof']);
      expect(JSON.stringify(events)).not.toMatch(/eyJ/);
    }
  });
});

describe('DPoP on /mcp: a verifier that refuses the token', () => {
  it('answers with the DPoP challenge carrying the error and the Bearer challenge beside it, the token redacted', async () => {
    const token = `tok-${Math.random().toString(36).slice(2)}`;
    const app = express().post(
      '/mcp',
      requireBearerAuth({
        dpop: true,
        verifier: {
          async verifyAccessToken(presented: string) {
            throw new (await import('@modelcontextprotocol/sdk/server/auth/errors.js')).InvalidTokenError(`Token ${presented} has "expired"`);
          },
        },
      }),
      (_req, res) => void res.end('ok'),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
      const { proofKey, validProof } = await import('../../packages/bearer/test/support/dpop-proof-maker');
      const key = await proofKey('ES256');
      const response = await fetch(url, { method: 'POST', headers: { authorization: `DPoP ${token}`, dpop: await validProof(key, 'POST', url, token) } });
      expect(response.status).toBe(401);
      // The SDK's verifier message, with the token taken out and its quotes made safe (RFC 6750 §3).
      expect(response.headers.get('www-authenticate')).toBe(
        `DPoP realm="mcp", error="invalid_token", error_description="Token [token] has 'expired'", algs="${'ES256 ES384 ES512 RS256 RS384 RS512 PS256 PS384 PS512 EdDSA Ed25519'}", Bearer realm="mcp"`,
      );
      expect(await response.text()).not.toContain(token);
    } finally {
      server.close();
    }
  });
});
