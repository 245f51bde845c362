import { readBearerChallenge } from '@authheaders/bearer';
import { createAuthRelay, relayChallenges } from '@authheaders/bearer/proxy';
import { serializeChallenges } from '@authheaders/www-authenticate';
import { AuthenticationMiddleware } from 'mcp-proxy';
import { compare } from './support/compare';

/**
 * A proxy's challenge work per refused request: relayChallenges (lenient read, rewrite, strict write) next to
 * mcp-proxy 6.7's string concatenation of its configured values (which relays nothing: it writes its own), a regex
 * that swaps `resource_metadata` in place (what proxies without a parser do), and readBearerChallenge plus the
 * serializer by hand. Then one whole request through createAuthRelay against an in-process upstream `fetch`, next
 * to calling that upstream directly: the relay's own cost per request.
 */
export async function run(): Promise<void> {
  const internal = 'http://10.1.2.3:3000/.well-known/oauth-protected-resource/mcp';
  const publicMetadata = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
  const field = `Bearer realm="mcp", error="insufficient_scope", error_description="The request requires higher privileges", scope="repo read:org", resource_metadata="${internal}", DPoP algs="ES256 PS256"`;
  const mcpProxy = new AuthenticationMiddleware({ oauth: { realm: 'mcp', scope: 'repo read:org', protectedResource: { resource: 'https://mcp.example.com/mcp' } } });
  await compare(
    'relay one upstream challenge field (GitHub-shaped Bearer + DPoP)',
    { name: 'relayChallenges', fn: () => relayChallenges(field, { resourceMetadata: publicMetadata }) },
    [
      { name: 'mcp-proxy 6.7 getUnauthorizedResponse (writes its own)', fn: () => mcpProxy.getUnauthorizedResponse({ error: 'insufficient_scope', error_description: 'The request requires higher privileges' }) },
      { name: 'regex swap of resource_metadata', fn: () => field.replace(/resource_metadata="[^"]*"/, `resource_metadata="${publicMetadata}"`) },
      {
        name: 'readBearerChallenge + serializeChallenges by hand',
        fn: () => {
          const challenges = readBearerChallenge(field)!.challenges.map((c) =>
            c.params.resource_metadata === undefined ? c : { ...c, params: Object.assign(Object.create(null), c.params, { resource_metadata: publicMetadata }) },
          );
          return serializeChallenges(challenges);
        },
      },
    ],
  );

  const upstreamFetch = async () =>
    new Response('{"error":"insufficient_scope"}', { status: 403, headers: { 'www-authenticate': field, 'content-type': 'application/json' } });
  const relay = createAuthRelay({ upstream: 'http://10.1.2.3:3000/mcp', publicUrl: 'https://mcp.example.com/mcp', fetch: upstreamFetch });
  const request = () => new Request('https://mcp.example.com/mcp', { method: 'POST', headers: { authorization: 'Bearer tok-bench', 'content-type': 'application/json' }, body: '{}' });
  await compare(
    'one refused request through createAuthRelay (upstream fetch in process, no network)',
    { name: 'createAuthRelay', fn: async () => (await relay(request())).text() },
    [{ name: 'the upstream fetch alone', fn: async () => (await upstreamFetch()).text() }],
  );
}
