// A proxy that re-emits an upstream challenge must not drop realm, scope, error or anything else. This is the bug
// of proxies that forwarded only resource_metadata.
import { readBearerChallenge } from '@authheaders/bearer';
import { parseChallenges, serializeChallenges } from '@authheaders/www-authenticate';
import { describe, expect, it } from 'vitest';

const upstream = [
  'Bearer realm="mcp", scope="files:read files:write", error="insufficient_scope", error_description="Needs files:write", ' +
    'resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/mcp", x_trace="abc", acr_values="phr"',
  'Basic realm="legacy", Bearer realm="r", error="invalid_token", scope=openid, ext=1',
  ['Bearer realm="split"', 'scope="a b"', 'DPoP algs="ES256"'],
  'Bearer realm="sloppy" scope="a b" error=invalid_token', // a missing comma, repaired leniently
];

describe('proxy re-serialization with readBearerChallenge', () => {
  it.each(upstream.map((h) => [h]))('keeps every parameter of %j', (header) => {
    const bearer = readBearerChallenge(header)!;
    const reemitted = serializeChallenges(bearer.challenges);
    const again = readBearerChallenge(reemitted)!;
    expect(again.params).toEqual(bearer.params);
    expect(again.diagnostics).toEqual([]);
    expect(parseChallenges(reemitted)).toEqual(parseChallenges(header, { lenient: true }));
    for (const name of ['realm', 'scope', 'error']) {
      if (bearer.params[name] !== undefined) expect(again.params[name]).toBe(bearer.params[name]);
    }
  });
});
