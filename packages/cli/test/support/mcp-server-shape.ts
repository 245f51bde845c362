import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizationServerMetadata, json, startLoopbackServer, type LoopbackServer } from './loopback-server';

/** A request the shaped server received, with its body. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * What a test changes in a well-configured MCP server (resource, RFC 9728 metadata, RFC 8414 authorization server
 * with a JWK Set, a token endpoint that answers RFC 6749 §5.2 errors, and RFC 7591 registration that refuses unsafe
 * redirect URIs). Each member replaces one part; `route` handles a path before everything else.
 */
export interface ServerShape {
  challenge?: (origin: string) => string | undefined;
  unauthenticatedStatus?: number;
  getStatus?: number;
  resourceMetadata?: (origin: string) => unknown;
  resourceMetadataContentType?: string;
  authorizationServer?: (origin: string) => Record<string, unknown>;
  authorizationServerContentType?: string;
  route?: (req: IncomingMessage, res: ServerResponse, origin: string, body: string) => boolean | void;
  /**
   * The CORS headers of the resource (its answers and its preflight); `false` for none. Default: any origin, the
   * challenge exposed, Authorization allowed.
   */
  cors?: false | { allowOrigin?: string; exposeHeaders?: string; allowHeaders?: string; preflightStatus?: number };
}

/** A well-configured resource's CORS: any origin, WWW-Authenticate exposed, Authorization allowed in a preflight. */
export const GOOD_CORS = { allowOrigin: '*', exposeHeaders: 'WWW-Authenticate, Mcp-Session-Id', allowHeaders: 'Authorization, Content-Type, Mcp-Protocol-Version, Mcp-Session-Id', preflightStatus: 204 };

export interface ShapedServer extends LoopbackServer {
  resource: string;
  requests: ReceivedRequest[];
}

/** The JWK Set the shaped server serves (a public EC key). */
export const SAMPLE_JWKS = {
  keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'k1', use: 'sig', alg: 'ES256' }],
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Starts a well-configured MCP server on loopback, changed by `shape`. */
export async function startShapedServer(shape: ServerShape = {}): Promise<ShapedServer> {
  const requests: ReceivedRequest[] = [];
  const server = await startLoopbackServer(async (req, res, origin) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    const body = await readBody(req);
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    if (shape.route?.(req, res, origin, body) === true) return;
    if (path === '/mcp') {
      const cors = shape.cors === false ? undefined : { ...GOOD_CORS, ...shape.cors };
      const corsHeaders: Record<string, string> = cors === undefined ? {} : { 'access-control-allow-origin': cors.allowOrigin, 'access-control-expose-headers': cors.exposeHeaders };
      if (req.method === 'OPTIONS') {
        if (cors === undefined) return json(res, 404, { error: 'not_found' });
        res.writeHead(cors.preflightStatus, { 'access-control-allow-origin': cors.allowOrigin, 'access-control-allow-methods': 'GET, POST, DELETE', 'access-control-allow-headers': cors.allowHeaders });
        return void res.end();
      }
      const base = `Bearer realm="mcp", scope="mcp:write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`;
      // A token the server did not issue (the check's made-up one) gets the RFC 6750 §3.1 answer.
      if (req.headers.authorization !== undefined) return json(res, 401, { error: 'invalid_token' }, { ...corsHeaders, 'www-authenticate': `${base}, error="invalid_token"` });
      const challenge = shape.challenge === undefined ? base : shape.challenge(origin);
      const status = req.method === 'GET' ? (shape.getStatus ?? shape.unauthenticatedStatus ?? 401) : (shape.unauthenticatedStatus ?? 401);
      if (status >= 200 && status < 300) return json(res, status, { jsonrpc: '2.0', id: 1, result: {} }, corsHeaders);
      return json(res, status, { error: 'unauthorized' }, challenge === undefined ? corsHeaders : { ...corsHeaders, 'www-authenticate': challenge });
    }
    if (path === '/.well-known/oauth-protected-resource/mcp') {
      const document = shape.resourceMetadata?.(origin) ?? {
        resource: `${origin}/mcp`,
        authorization_servers: [origin],
        scopes_supported: ['mcp:write'],
        bearer_methods_supported: ['header'],
      };
      res.writeHead(200, { 'content-type': shape.resourceMetadataContentType ?? 'application/json' });
      return void res.end(typeof document === 'string' ? document : JSON.stringify(document));
    }
    if (path === '/.well-known/oauth-authorization-server') {
      const document = shape.authorizationServer?.(origin) ?? authorizationServerMetadata(origin);
      res.writeHead(200, { 'content-type': shape.authorizationServerContentType ?? 'application/json; charset=utf-8' });
      return void res.end(JSON.stringify(document));
    }
    if (path === '/jwks') return json(res, 200, SAMPLE_JWKS);
    if (path === '/token' && req.method === 'POST') return json(res, 400, { error: 'invalid_grant', error_description: 'unknown code' });
    if (path === '/register' && req.method === 'POST') return json(res, 400, { error: 'invalid_redirect_uri' });
    return json(res, 404, { error: 'not_found' });
  });
  return { ...server, resource: `${server.origin}/mcp`, requests };
}
