// Runs in the browser: exercises the browser-safe core and publishes what it computed.
import {
  bearerChallenge,
  protectedResourceMetadataUrl,
  readBearerChallenge,
  resolveBearerToken,
  serializeBearerChallenge,
} from '@authheaders/bearer';
import { AuthHeaderSyntaxError, parseChallenges, parseCredentials, serializeChallenges } from '@authheaders/www-authenticate';

export function computeCoreResults(): Record<string, unknown> {
  const header = 'Basic realm="legacy", Bearer realm="a\\"b", scope="files:read files:write", error=invalid_token';
  const challenges = parseChallenges(header);
  let strictError: unknown;
  try {
    parseChallenges('Bearer realm="x" scope="y"');
  } catch (error) {
    strictError = error instanceof AuthHeaderSyntaxError ? { code: error.code, offset: error.offset } : String(error);
  }
  const bearer = readBearerChallenge(header)!;
  return {
    challenges: challenges.map((c) => ({ scheme: c.scheme, params: { ...c.params } })),
    reserialized: serializeChallenges(challenges),
    strictError,
    credentials: parseCredentials('Bearer mF_9.B5f-4.1JqM').token68,
    bearerScope: bearer.scope,
    built: serializeBearerChallenge(bearerChallenge({ realm: 'api', error: 'insufficient_scope', scope: ['a', 'b'] })),
    resolution: resolveBearerToken(new Headers({ 'x-adcp-auth': 'abc' }), { legacyHeaderAliases: ['x-adcp-auth'] }).ok,
    metadataUrl: protectedResourceMetadataUrl('https://api.example.com/mcp').href,
    protoSafe: Object.getPrototypeOf(parseChallenges('Bearer __proto__=x')[0]!.params) === null,
  };
}

if (typeof document !== 'undefined') {
  const results = computeCoreResults();
  (globalThis as { __results?: unknown }).__results = results;
  document.body.textContent = JSON.stringify(results);
}
