import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  InsufficientScopeError,
  PROTECTED_RESOURCE_METADATA_PATH,
  protectedResourceMetadata,
  protectedResourceMetadataUrl,
  type BearerAuthAuditEvent,
} from '@authheaders/bearer';
import type { JwtAccessTokenInfo } from '@authheaders/bearer/jwt';
import { bearerAuth, type AuthenticatedRequest } from '@authheaders/bearer/node';
import { DEMO_SCOPES, startDemoAuthorizationServer, type DemoAuthorizationServer } from './demo-authorization-server';
import { loadDemoDependencies } from './load-demo-dependencies';

/** The `acr` the demo's `delete-notes` tool asks for (RFC 9470 step-up); the demo user's sign-in never reaches it. */
export const DEMO_MFA_ACR = 'urn:authheaders:demo:mfa';

/** Each demo tool and what it asks of the token beyond `mcp:read`. */
export const DEMO_TOOLS = {
  whoami: 'who the token says you are (mcp:read)',
  'add-note': 'needs mcp:write: a token without it gets 403 insufficient_scope',
  'delete-notes': `needs a second factor (acr ${DEMO_MFA_ACR}): 401 insufficient_user_authentication`,
} as const;

export interface DemoServer {
  /** Origin of the protected resource server. */
  origin: string;
  /** `/mcp`: a real MCP server (Streamable HTTP) behind `bearerAuth` with the JWT validator. */
  resource: string;
  /**
   * `/mcp-strict`: the same middleware with `onConflict: 'reject'`, as a resource of its own (the authorization
   * server issues no token for it: it shows the conflict refusal, which comes before any token check).
   */
  strictResource: string;
  /** The RFC 9728 metadata URL of `/mcp` (path-inserted well-known URL), as its challenges advertise it. */
  metadataUrl: string;
  /** The demo authorization server (oidc-provider), named in the resource's metadata. */
  authorizationServer: DemoAuthorizationServer;
  /** Audit events of the middleware, newest last (they never hold a token). */
  audit: BearerAuthAuditEvent[];
  /** Moves the resource server's clock forward, so tokens it checks expire without waiting. */
  advanceClock(seconds: number): void;
  close(): Promise<void>;
}

/** The largest JSON-RPC body the demo reads before authenticating (the tool name decides the policy). */
const MAX_BODY_BYTES = 64 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** Reads and parses a JSON body of at most {@link MAX_BODY_BYTES}; undefined when there is none or it is not JSON. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The tool a JSON-RPC `tools/call` body names, if that is what it is. */
function toolCalled(body: unknown): string | undefined {
  const message = body as { method?: unknown; params?: { name?: unknown } } | undefined;
  return message?.method === 'tools/call' && typeof message.params?.name === 'string' ? message.params.name : undefined;
}

const bodies = new WeakMap<IncomingMessage, unknown>();

/**
 * The demo's protected MCP resource and its authorization server, both on ephemeral 127.0.0.1 ports, offline:
 *
 * - the resource serves its RFC 9728 metadata (naming the authorization server) at the path-inserted well-known URL;
 * - `/mcp` is a real `McpServer` on the Streamable HTTP transport behind `bearerAuth`, whose `validateToken` is
 *   `jwtAccessTokenValidator` against the authorization server's `jwks_uri`, plus a per-tool policy (`add-note`
 *   needs `mcp:write`, `delete-notes` a second factor), with the legacy `x-adcp-auth` alias accepted;
 * - the authorization server is oidc-provider with a scripted consent (demo only).
 */
export async function startDemoServer(): Promise<DemoServer> {
  const { McpServer, StreamableHTTPServerTransport, jwtAccessTokenValidator } = await loadDemoDependencies();
  const audit: BearerAuthAuditEvent[] = [];
  let clockOffsetMs = 0;
  const currentDate = () => new Date(Date.now() + clockOffsetMs);

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const resource = `${origin}/mcp`;
  const strictResource = `${origin}/mcp-strict`;
  const authorizationServer = await startDemoAuthorizationServer({ resource });

  /** The token check of one resource: its own audience (RFC 8707), so a token for one is refused by the other. */
  const validatorFor = (audience: string) => {
    const options = { issuer: authorizationServer.issuer, audience, jwks: authorizationServer.jwksUri, algorithms: ['ES256'], currentDate };
    const verify = jwtAccessTokenValidator(options);
    const verifyStepUp = jwtAccessTokenValidator({ ...options, acrValues: [DEMO_MFA_ACR], maxAgeSec: 300 });
    return async (token: string, req: IncomingMessage): Promise<JwtAccessTokenInfo> => {
      const tool = toolCalled(bodies.get(req));
      if (tool === 'delete-notes') return verifyStepUp(token);
      const info = await verify(token);
      // RFC 6750 §3.1: name every scope the call needs, those already granted included, so the client asks for all.
      if (tool === 'add-note' && !info.scopes.includes('mcp:write')) throw new InsufficientScopeError([...DEMO_SCOPES]);
      return info;
    };
  };

  const protect = (path: string) =>
    bearerAuth<JwtAccessTokenInfo>({
      realm: 'mcp',
      requiredScopes: ['mcp:read'],
      resourceMetadata: protectedResourceMetadataUrl(`${origin}${path}`),
      legacyHeaderAliases: ['x-adcp-auth'],
      onConflict: path === '/mcp-strict' ? 'reject' : 'prefer-authorization',
      onAudit: (event) => audit.push(event),
      validateToken: validatorFor(`${origin}${path}`),
    });
  const handlers = new Map([
    ['/mcp', protect('/mcp')],
    ['/mcp-strict', protect('/mcp-strict')],
  ]);

  /** One stateless MCP server per request, as the SDK recommends for servers without sessions. */
  async function serveMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { auth } = req as AuthenticatedRequest<JwtAccessTokenInfo>;
    const mcp = new McpServer({ name: 'authheaders-demo', version: '1.0.0' });
    const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });
    mcp.registerTool('whoami', { description: DEMO_TOOLS.whoami }, () => text(`${auth.subject} (${auth.scopes.join(' ')})`));
    mcp.registerTool('add-note', { description: DEMO_TOOLS['add-note'] }, () => text(`note added by ${auth.subject}`));
    mcp.registerTool('delete-notes', { description: DEMO_TOOLS['delete-notes'] }, () => text('notes deleted'));
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, bodies.get(req));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (req.method === 'GET' && path.startsWith(PROTECTED_RESOURCE_METADATA_PATH)) {
      const resourcePath = path.slice(PROTECTED_RESOURCE_METADATA_PATH.length);
      if (!handlers.has(resourcePath)) return sendJson(res, 404, { error: 'not_found' });
      return sendJson(
        res,
        200,
        protectedResourceMetadata({
          resource: `${origin}${resourcePath}`,
          authorizationServers: [authorizationServer.issuer],
          scopesSupported: [...DEMO_SCOPES],
          resourceName: 'authheaders demo',
        }),
      );
    }
    const handler = handlers.get(path);
    if (handler === undefined) return sendJson(res, 404, { error: 'not_found' });
    const fail = () => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.end();
    };
    readJsonBody(req).then((body) => {
      bodies.set(req, body);
      handler(req, res, (error?: unknown) => {
        if (error !== undefined) return fail();
        // Stateless Streamable HTTP: POST only (no standalone SSE stream, no session to delete).
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          return sendJson(res, 405, { error: 'method_not_allowed' });
        }
        serveMcp(req, res).catch(fail);
      });
    }, fail);
  });

  return {
    origin,
    resource,
    strictResource,
    metadataUrl: protectedResourceMetadataUrl(resource).href,
    authorizationServer,
    audit,
    advanceClock: (seconds) => {
      clockOffsetMs += seconds * 1000;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await authorizationServer.close();
    },
  };
}
