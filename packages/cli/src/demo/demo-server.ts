import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PROTECTED_RESOURCE_METADATA_PATH,
  protectedResourceMetadata,
  protectedResourceMetadataUrl,
  type AuthInfo,
  type BearerAuthAuditEvent,
} from '@authheaders/bearer';
import { bearerAuth, type AuthenticatedRequest } from '@authheaders/bearer/node';

/** The demo's tokens: what a real server would look up in its token store or verify as JWTs. */
export const DEMO_TOKENS: Readonly<Record<string, AuthInfo>> = {
  'demo-token-alice': { subject: 'alice', scopes: ['mcp:read', 'mcp:write'] },
  'demo-token-reader': { subject: 'reader', scopes: ['mcp:read'] },
};

export interface DemoServer {
  origin: string;
  /** `/mcp`: conflicts between Authorization and an alias resolve to Authorization. */
  resource: string;
  /** `/mcp-strict`: the same, with `onConflict: 'reject'`. */
  strictResource: string;
  /** The RFC 9728 metadata URL of `/mcp` (path-inserted well-known URL), as its challenges advertise it. */
  metadataUrl: string;
  /** Audit events of the middleware, newest last (they never hold a token). */
  audit: BearerAuthAuditEvent[];
  close(): Promise<void>;
}

const PROTECTED_PATHS = ['/mcp', '/mcp-strict'];

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/**
 * A small MCP-style resource server on an ephemeral loopback port: `bearerAuth` with the legacy `x-adcp-auth`
 * alias, its RFC 9728 metadata at the path-inserted well-known URL, and RFC 8414 authorization server metadata
 * (the same origin plays the authorization server, so everything stays offline).
 */
export async function startDemoServer(): Promise<DemoServer> {
  const audit: BearerAuthAuditEvent[] = [];
  const handlers = new Map<string, (req: IncomingMessage, res: ServerResponse, next: () => void) => void>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (req.method === 'GET' && path.startsWith(PROTECTED_RESOURCE_METADATA_PATH)) {
      const resourcePath = path.slice(PROTECTED_RESOURCE_METADATA_PATH.length);
      if (!PROTECTED_PATHS.includes(resourcePath)) return sendJson(res, 404, { error: 'not_found' });
      return sendJson(
        res,
        200,
        protectedResourceMetadata({
          resource: `${origin}${resourcePath}`,
          authorizationServers: [origin],
          scopesSupported: ['mcp:read', 'mcp:write'],
          resourceName: 'authheaders demo',
        }),
      );
    }
    if (req.method === 'GET' && path === '/.well-known/oauth-authorization-server') {
      return sendJson(res, 200, {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        registration_endpoint: `${origin}/register`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    // The token endpoint the metadata names: this stub issues nothing, so every grant gets RFC 6749 §5.2's error.
    if (req.method === 'POST' && path === '/token') return sendJson(res, 400, { error: 'invalid_grant' });
    const handler = handlers.get(path);
    if (handler === undefined) return sendJson(res, 404, { error: 'not_found' });
    handler(req, res, () => {
      const { auth } = req as AuthenticatedRequest;
      sendJson(res, 200, { subject: auth.subject, scopes: auth.scopes });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const path of PROTECTED_PATHS) {
    const resource = `${origin}${path}`;
    handlers.set(
      path,
      bearerAuth({
        realm: 'mcp',
        requiredScopes: ['mcp:write'],
        resourceMetadata: protectedResourceMetadataUrl(resource),
        legacyHeaderAliases: ['x-adcp-auth'],
        onConflict: path === '/mcp-strict' ? 'reject' : 'prefer-authorization',
        onAudit: (event) => audit.push(event),
        validateToken: (token) => DEMO_TOKENS[token] ?? null,
      }),
    );
  }
  return {
    origin,
    resource: `${origin}/mcp`,
    strictResource: `${origin}/mcp-strict`,
    metadataUrl: protectedResourceMetadataUrl(`${origin}/mcp`).href,
    audit,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
