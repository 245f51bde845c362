import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAuthAdvertisement, startDemoServer } from '@authheaders/cli';
import { compare } from './support/compare';

/** A well-configured MCP resource and authorization server on one loopback port: every step of a check succeeds. */
async function startReferenceServer(): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = '';
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', origin).pathname;
      if (path === '/mcp') {
        return send(res, 401, { error: 'unauthorized' }, { 'www-authenticate': `Bearer realm="mcp", scope="mcp:write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"` });
      }
      if (path === '/.well-known/oauth-protected-resource/mcp') return send(res, 200, { resource: `${origin}/mcp`, authorization_servers: [origin], scopes_supported: ['mcp:write'] });
      if (path === '/.well-known/oauth-authorization-server') {
        return send(res, 200, {
          issuer: origin,
          authorization_endpoint: `${origin}/authorize`,
          token_endpoint: `${origin}/token`,
          registration_endpoint: `${origin}/register`,
          jwks_uri: `${origin}/jwks`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
        });
      }
      if (path === '/jwks') return send(res, 200, { keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] });
      if (path === '/token') return send(res, 400, { error: 'invalid_grant' });
      return send(res, 404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Wall time of a whole `authheaders check` against a local loopback server (six requests: POST and GET of the
 * resource, both metadata documents, the JWK Set, the token endpoint), next to the same six requests made with plain
 * `fetch` and no checks: the ratio is what the URL policy, the rules and a fresh connection per request cost.
 */
export async function run(): Promise<void> {
  const reference = await startReferenceServer();
  const demo = await startDemoServer();
  const resource = `${reference.origin}/mcp`;
  const urls = ['/mcp', '/mcp', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server', '/jwks', '/token'];
  const methods = ['POST', 'GET', 'GET', 'GET', 'GET', 'POST'];
  try {
    const first = await checkAuthAdvertisement(resource);
    if (first.findings.length !== 0) throw new Error(`the reference server must pass: ${first.findings.map((f) => f.code).join(', ')}`);
    await compare(
      'authheaders check, whole check against a loopback server',
      { name: 'check (reference server, 6 requests)', fn: () => checkAuthAdvertisement(resource) },
      [
        { name: 'check --token --legacy-header (8 requests)', fn: () => checkAuthAdvertisement(resource, { token: 'bench-token', legacyHeaders: ['x-api-key'] }) },
        { name: 'check (demo server)', fn: () => checkAuthAdvertisement(demo.resource) },
        {
          name: 'the same 6 requests with fetch, no checks',
          fn: async () => {
            for (let i = 0; i < urls.length; i++) await (await fetch(`${reference.origin}${urls[i]}`, { method: methods[i]!, ...(methods[i] === 'POST' ? { body: '{}' } : {}) })).text();
          },
        },
      ],
    );
  } finally {
    await demo.close();
    await reference.close();
  }
}
