import { checkAuthAdvertisement, startDemoServer } from '@authheaders/cli';
import { authorizationServerMetadata, json, startLoopbackServer, type LoopbackServer } from '../../packages/cli/test/support/loopback-server';
import { compare } from './support/compare';

/** A well-configured MCP resource and authorization server on one loopback port: every step of a check succeeds. */
function startReferenceServer(): Promise<LoopbackServer> {
  return startLoopbackServer((req, res, origin) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', origin).pathname;
      if (path === '/mcp') {
        const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'WWW-Authenticate' };
        if (req.method === 'OPTIONS') return void res.writeHead(204, { ...cors, 'access-control-allow-headers': 'Authorization, Content-Type' }).end();
        const error = req.headers.authorization === undefined ? '' : ', error="invalid_token"';
        return json(res, 401, { error: 'unauthorized' }, { ...cors, 'www-authenticate': `Bearer realm="mcp", scope="mcp:write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"${error}` });
      }
      if (path === '/.well-known/oauth-protected-resource/mcp') return json(res, 200, { resource: `${origin}/mcp`, authorization_servers: [origin], scopes_supported: ['mcp:write'] });
      if (path === '/.well-known/oauth-authorization-server') return json(res, 200, authorizationServerMetadata(origin));
      if (path === '/jwks') return json(res, 200, { keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] });
      if (path === '/token') return json(res, 400, { error: 'invalid_grant' });
      return json(res, 404, { error: 'not_found' });
    });
  });
}

/**
 * Wall time of a whole `authheaders check` against a local loopback server (nine requests: POST and GET of the
 * resource, the POST with a made-up token, the CORS POST and preflight, both metadata documents, the JWK Set, the
 * token endpoint), next to the same nine requests made with plain `fetch` and no checks: the ratio is what the URL
 * policy, the rules and a fresh connection per request cost.
 */
export async function run(): Promise<void> {
  const reference = await startReferenceServer();
  const demo = await startDemoServer();
  const resource = `${reference.origin}/mcp`;
  const urls = ['/mcp', '/mcp', '/mcp', '/mcp', '/mcp', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server', '/jwks', '/token'];
  const methods = ['POST', 'GET', 'POST', 'POST', 'OPTIONS', 'GET', 'GET', 'GET', 'POST'];
  try {
    const first = await checkAuthAdvertisement(resource);
    if (first.findings.length !== 0) throw new Error(`the reference server must pass: ${first.findings.map((f) => f.code).join(', ')}`);
    await compare(
      'authheaders check, whole check against a loopback server',
      { name: 'check (reference server, 9 requests)', fn: () => checkAuthAdvertisement(resource) },
      [
        { name: 'check --token --legacy-header (11 requests)', fn: () => checkAuthAdvertisement(resource, { token: 'bench-token', legacyHeaders: ['x-api-key'] }) },
        { name: 'check (demo server)', fn: () => checkAuthAdvertisement(demo.resource) },
        {
          name: 'the same 9 requests with fetch, no checks',
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
