import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { protectedResourceMetadata, protectedResourceMetadataUrl, type AuthInfo } from '@authheaders/bearer';
import { bearerAuth, type AuthenticatedRequest } from '@authheaders/bearer/node';

export interface ProtectedServer {
  /** The protected resource, e.g. http://127.0.0.1:PORT/mcp */
  resource: string;
  metadataUrl: string;
  close(): Promise<void>;
}

export const TOKENS: Record<string, AuthInfo> = {
  'alice-token': { subject: 'alice', scopes: ['mcp:read', 'mcp:write'] },
  'reader-token': { subject: 'bob', scopes: ['mcp:read'] },
};

/**
 * A loopback server protected by our Node middleware: `/mcp` needs `mcp:write`, and the RFC 9728 metadata document
 * is served at the path-inserted well-known URL. Listens on an ephemeral port of 127.0.0.1.
 */
export async function startProtectedServer(options: { legacyHeaderAliases?: string[] } = {}): Promise<ProtectedServer> {
  let resource = '';
  let metadataUrl = '';
  let middleware: ReturnType<typeof bearerAuth> | undefined;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path === new URL(metadataUrl).pathname) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(protectedResourceMetadata({ resource, authorizationServers: ['https://auth.example.com'], scopesSupported: ['mcp:read', 'mcp:write'] })));
      return;
    }
    if (path !== '/mcp') {
      res.statusCode = 404;
      res.end();
      return;
    }
    middleware!(req, res, () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ subject: (req as AuthenticatedRequest).auth.subject }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resource = `${origin}/mcp`;
  metadataUrl = protectedResourceMetadataUrl(resource).href;
  middleware = bearerAuth({
    realm: 'mcp',
    requiredScopes: ['mcp:write'],
    resourceMetadata: metadataUrl,
    ...(options.legacyHeaderAliases ? { legacyHeaderAliases: options.legacyHeaderAliases } : {}),
    validateToken: (token) => TOKENS[token] ?? null,
  });
  return {
    resource,
    metadataUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
