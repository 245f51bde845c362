// relayChallenges against real-shaped upstream fields: every challenge and parameter survives in meaning and order,
// resource_metadata is the only one the relay changes. Sources: RFC 6750 §3, RFC 7616 §3.9.1, RFC 9110 §11.6.1,
// RFC 9449 §7.1 and §9, RFC 9470 §3, RFC 9728 §5.1 examples; the public answers of the servers named in each row
// (tokens, tenants and nonces replaced by made-up ones of the same shape).
import fc from 'fast-check';
import { parseChallenges, serializeChallenges, type Challenge } from '@authheaders/www-authenticate';
import { describe, expect, it } from 'vitest';
import { relayChallenges, type RelayDiagnostic } from '../src/proxy/index';

const runs = { seed: Number(process.env.FC_SEED ?? 20261206), numRuns: Number(process.env.FC_NUM_RUNS ?? 300) };
const PUBLIC_METADATA = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const INTERNAL_METADATA = 'http://10.1.2.3:3000/.well-known/oauth-protected-resource/mcp';

const TABLE: Array<[source: string, field: string | string[]]> = [
  ['RFC 6750 §3, no credentials', 'Bearer realm="example"'],
  ['RFC 6750 §3, expired token', 'Bearer realm="example", error="invalid_token", error_description="The access token expired"'],
  ['RFC 6750 §3.1, insufficient_scope', 'Bearer realm="example", error="insufficient_scope", scope="files:read files:write", error_uri="https://example.com/errors/scope"'],
  ['RFC 9728 §5.1', 'Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource"'],
  ['RFC 9728 §5.1 behind a gateway (internal origin)', `Bearer realm="mcp", resource_metadata="${INTERNAL_METADATA}"`],
  ['RFC 9470 §3, step-up', 'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"'],
  ['RFC 9470 §3, max_age', 'Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5"'],
  ['RFC 9449 §7.1, DPoP + Bearer', 'DPoP algs="ES256 PS256", Bearer realm="api"'],
  ['RFC 9449 §9, nonce', 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"'],
  ['RFC 9449 §7.1, both with resource_metadata', `DPoP algs="ES256", resource_metadata="${INTERNAL_METADATA}", Bearer resource_metadata="${INTERNAL_METADATA}", scope="mcp"`],
  ['RFC 9110 §11.6.1, Newauth with an escaped quote', 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"'],
  ['RFC 7616 §3.9.1, Digest + Bearer in one field', 'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Bearer realm="api"'],
  ['RFC 7617 §2.1, Basic with charset', 'Basic realm="foo", charset="UTF-8"'],
  ['two fields', ['Basic realm="legacy"', 'Bearer realm="api", error="invalid_token"']],
  ['a challenge split over two lines', ['Bearer realm="split"', 'scope="a b"', 'DPoP algs="ES256"']],
  ['a Bearer with no params', 'Bearer'],
  ['a bare Bearer among others', 'Negotiate, NTLM, Bearer'],
  ['Negotiate with token68', 'Negotiate a87421000492aa874209af8bc028, Bearer realm="kerberos-fallback"'],
  ['error_description with \\"', 'Bearer error="invalid_token", error_description="The token \\"tok-abc\\" expired"'],
  ['error_description ending in a backslash', 'Bearer error="invalid_token", error_description="path C:\\\\"'],
  ['obs-fold between parameters', 'Bearer realm="api",\r\n error="invalid_token"'],
  ['obs-fold with a tab inside a quoted value', 'Bearer realm="a\r\n\tb"'],
  ['GitHub MCP server, no token', `Bearer error="invalid_request", error_description="No access token was provided in this request", resource_metadata="https://api.githubcopilot.com/.well-known/oauth-protected-resource/mcp/"`],
  ['GitHub MCP server, bad token', 'Bearer error="invalid_token", error_description="bad token", resource_metadata="https://api.githubcopilot.com/.well-known/oauth-protected-resource/mcp/"'],
  ['Azure Storage, SP-separated params', 'Bearer authorization_uri=https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/authorize resource_id=https://storage.azure.com'],
  ['Microsoft Graph CAE, unquoted URL', 'Bearer realm="", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0="'],
  ['SharePoint Online', 'Bearer realm="11111111-2222-3333-4444-555555555555",client_id="00000003-0000-0ff1-ce00-000000000000",trusted_issuers="00000001-0000-0000-c000-000000000000@*,https://sts.windows.net/*/",authorization_uri="https://login.windows.net/common/oauth2/authorize", Basic realm="contoso.sharepoint.com"'],
  ['Exchange Online', 'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", Basic Realm="", Negotiate'],
  ['Azure Resource Manager', 'Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The access token is from the wrong issuer."'],
  ['Docker Hub registry', 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"'],
  ['GitHub container registry', 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:octo/app:pull"'],
  ['Docker registry, insufficient scope with error', 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push",error="insufficient_scope"'],
  ['Keycloak', 'Bearer realm="myrealm", error="invalid_token", error_description="Token verification failed"'],
  ['Spring Security resource server', 'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Jwt expired at 2026-01-01T00:00:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"'],
  ['Okta', 'Bearer authorization_uri="https://example.okta.com/oauth2/default/v1/authorize", realm="https://example.okta.com/oauth2/default", scope="openid", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="https://api.example.com"'],
  ['GitLab', 'Bearer realm="gitlab", error="invalid_token", error_description="Token was revoked. You have to re-authorize from the user."'],
  ['Cloudflare workers-oauth-provider', 'Bearer realm="OAuth", error="invalid_token", error_description="Missing or invalid access token"'],
  ['Google APIs', 'Bearer realm="https://accounts.google.com/", error="invalid_token"'],
  ['Sentry MCP before its fix: two resource_metadata in one challenge', `Bearer resource_metadata="https://mcp.sentry.dev/.well-known/oauth-protected-resource/mcp", resource_metadata="${INTERNAL_METADATA}"`],
  ['upper-case parameter names', 'Bearer Realm="api", Error="invalid_token", Resource_Metadata="https://api.example.com/.well-known/oauth-protected-resource"'],
  ['a missing comma (lenient)', 'Bearer realm="sloppy" scope="a b" error=invalid_token'],
  ['an unquoted realm with a space (lenient)', 'Bearer realm=My API, error=invalid_token'],
  ['an unterminated quoted string (lenient)', 'Bearer realm="open, error="invalid_token'],
  ['empty list elements and a trailing comma', ', , Bearer realm="api", ,'],
  ['unknown parameters, __proto__ and constructor', 'Bearer realm="api", __proto__="x", constructor=y, x_trace="abc", ext=1'],
  ['Basic and Bearer, Latin-1 realm', 'Basic realm="Caf\u00e9", Bearer realm="Caf\u00e9"'],
  ['HOBA (RFC 7486)', 'HOBA challenge="Y2hhbGxlbmdl", max-age=10, realm="hoba"'],
  ['SCRAM (RFC 7804)', 'SCRAM-SHA-256 realm="testrealm@example.com", Basic realm="testrealm@example.com"'],
];

/** Parsed challenges without resource_metadata, for comparing everything the relay must not change. */
function withoutResourceMetadata(challenges: Challenge[]): Challenge[] {
  return challenges.map((c) => {
    const params = Object.assign(Object.create(null) as Record<string, string>, c.params);
    delete params.resource_metadata;
    return { ...c, params };
  });
}

describe('relayChallenges: the relay table', () => {
  it('holds at least 40 real-shaped upstream fields', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(TABLE)('%s', (_source, field) => {
    const upstream = parseChallenges(field, { lenient: true });
    for (const policy of [PUBLIC_METADATA, 'keep', 'drop'] as const) {
      const relayed = relayChallenges(field, { resourceMetadata: policy })!;
      const parsed = parseChallenges(relayed); // strict: the relayed field is always valid
      expect(withoutResourceMetadata(parsed)).toEqual(withoutResourceMetadata(upstream));
      // The order of parameters within each challenge is kept too (toEqual ignores key order).
      expect(parsed.map((c) => Object.keys(c.params).filter((n) => n !== 'resource_metadata'))).toEqual(
        upstream.map((c) => Object.keys(c.params).filter((n) => n !== 'resource_metadata')),
      );
      parsed.forEach((challenge, i) => {
        const before = upstream[i]!.params.resource_metadata;
        const expected = before === undefined || policy === 'drop' ? undefined : policy === 'keep' ? before : PUBLIC_METADATA;
        expect(challenge.params.resource_metadata).toBe(expected);
      });
      // Never two hints: the public URL appears once per challenge that had one, and the internal one never.
      if (policy === PUBLIC_METADATA) expect(relayed).not.toContain('10.1.2.3');
    }
  });
});

describe('relayChallenges: what is not relayed', () => {
  const refused = (field: string | string[], maxLength?: number) => {
    const seen: RelayDiagnostic[] = [];
    const result = relayChallenges(field, { resourceMetadata: PUBLIC_METADATA, onDiagnostic: (d) => seen.push(d), ...(maxLength ? { maxLength } : {}) });
    return { result, codes: seen.map((d) => d.code), messages: seen.map((d) => d.message).join(' ') };
  };

  it.each([
    ['a header injection', 'Bearer realm="api"\r\nSet-Cookie: session=stolen'],
    ['a bare LF before a new line', 'Bearer realm="api"\nX-Injected: 1'],
    ['a CR in a quoted value', 'Bearer realm="a\rb"'],
    ['NUL', 'Bearer realm="a\u0000b"'],
    ['a character above U+00FF', 'Bearer realm="\u0100pi"'],
    ['an emoji', 'Bearer error_description="\u{1F600}"'],
  ])('%s: undefined, unsafe-char reported, nothing of the field in the report', (_name, field) => {
    const { result, codes, messages } = refused(field);
    expect(result).toBeUndefined();
    expect(codes).toEqual(['unsafe-char']);
    expect(messages).not.toMatch(/api|Set-Cookie|stolen/);
  });

  it('obs-fold is repaired and reported once, never refused', () => {
    const { result, codes } = refused('Bearer realm="api",\r\n error="invalid_token",\r\n\tscope=a');
    expect(result).toBe('Bearer realm="api", error="invalid_token", scope="a"');
    expect(codes[0]).toBe('obs-fold');
    expect(codes.filter((c) => c === 'obs-fold')).toHaveLength(1);
  });

  it('lenient repairs reach the hook with their parser codes', () => {
    const { result, codes } = refused('Bearer realm="sloppy" scope="a b", realm="twice"');
    expect(result).toBe('Bearer realm="sloppy", scope="a b"');
    expect(codes).toEqual(['expected-comma', 'duplicate-param']);
  });

  it('a 1 MiB field is refused as too-long without being parsed', () => {
    const field = `Bearer realm="${'a'.repeat(1024 * 1024)}"`;
    const { result, codes } = refused(field);
    expect(result).toBeUndefined();
    expect(codes).toEqual(['too-long']);
  });

  it('10,000 challenges within maxLength relay, every one of them', () => {
    const field = Array.from({ length: 10_000 }, (_, i) => `S${i} a=${i}`).join(',');
    const relayed = relayChallenges(field, { resourceMetadata: 'keep', maxLength: field.length })!;
    expect(parseChallenges(relayed, { maxLength: Infinity })).toHaveLength(10_000);
    expect(refused(field).codes).toEqual(['too-long']); // the default bound is 8192
  });

  it('nothing to relay: undefined', () => {
    for (const field of [null, undefined, '', ', ,', []]) expect(relayChallenges(field as string, { resourceMetadata: 'keep' })).toBeUndefined();
    expect(relayChallenges(new Headers(), { resourceMetadata: 'keep' })).toBeUndefined();
  });

  it('reads a Headers, a Response and Proxy-Authenticate', () => {
    const headers = new Headers({ 'www-authenticate': 'Bearer realm="w"', 'proxy-authenticate': 'Basic realm="p"' });
    expect(relayChallenges(headers, { resourceMetadata: 'keep' })).toBe('Bearer realm="w"');
    expect(relayChallenges(new Response(null, { headers }), { resourceMetadata: 'keep', header: 'proxy-authenticate' })).toBe('Basic realm="p"');
  });

  it.each([
    ['a URL off loopback over http', 'http://10.1.2.3/.well-known/oauth-protected-resource'],
    ['userinfo', 'https://user:pw@example.com/x'],
    ['not a URL', 'rewrite'],
    ['a fragment', 'https://example.com/x#f'],
    ['a number', 42],
  ])('resourceMetadata: %s is a TypeError naming the option, not the value', (_name, value) => {
    expect(() => relayChallenges('Bearer', { resourceMetadata: value as string })).toThrow(TypeError);
    try {
      relayChallenges('Bearer', { resourceMetadata: value as string });
    } catch (error) {
      expect((error as Error).message).toMatch(/^resourceMetadata must/);
      expect((error as Error).message).not.toContain(String(value));
    }
  });
});

describe('relayChallenges: property', () => {
  const tokenChars = fc.string({ unit: fc.constantFrom(...'abcXYZ09!#$%&\'*+-.^_`|~'), minLength: 1, maxLength: 8 });
  const value = fc.string({ unit: fc.integer({ min: 0x09, max: 0xff }).filter((c) => c === 0x09 || (c >= 0x20 && c !== 0x7f)).map((c) => String.fromCharCode(c)), maxLength: 12 });
  const name = fc.oneof(tokenChars, fc.constantFrom('realm', 'scope', 'error', 'error_description', 'resource_metadata', '__proto__', 'constructor'));
  const challenge: fc.Arbitrary<Challenge> = fc.oneof(
    fc.tuple(tokenChars, fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n.toLowerCase(), maxLength: 5 })).map(([scheme, pairs]) => ({
      scheme,
      params: Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(pairs.map(([n, v]) => [n.toLowerCase(), v]))),
    })),
    fc.tuple(tokenChars, fc.string({ unit: fc.constantFrom(...'abZ09-._~+/'), minLength: 1, maxLength: 10 })).map(([scheme, token68]) => ({ scheme, token68, params: Object.create(null) as Record<string, string> })),
  );
  // Lines are what a real upstream sends: serialized, sometimes with a missing comma or folded, sometimes as two fields.
  const field = fc.tuple(fc.array(challenge, { minLength: 1, maxLength: 5 }), fc.constantFrom('plain', 'fold', 'lines', 'nospace')).map(([list, shape]) => {
    const text = serializeChallenges(list);
    if (shape === 'fold') return text.replaceAll(', ', ',\r\n ');
    if (shape === 'nospace') return text.replaceAll(', ', ',');
    if (shape === 'lines') return list.map((c) => serializeChallenges(c));
    return text;
  });

  it('parseChallenges(relayed) equals the lenient reading of the upstream, resource_metadata aside (fixed seed)', () => {
    fc.assert(
      fc.property(field, fc.constantFrom(PUBLIC_METADATA, 'keep', 'drop'), (upstreamField, policy) => {
        const relayed = relayChallenges(upstreamField, { resourceMetadata: policy, maxLength: Infinity });
        const upstream = parseChallenges(upstreamField, { lenient: true });
        if (upstream.length === 0) return expect(relayed).toBeUndefined();
        const parsed = parseChallenges(relayed!);
        expect(withoutResourceMetadata(parsed)).toEqual(withoutResourceMetadata(upstream));
        parsed.forEach((c, i) => {
          const before = upstream[i]!.params.resource_metadata;
          expect(c.params.resource_metadata).toBe(before === undefined || policy === 'drop' ? undefined : policy === 'keep' ? before : PUBLIC_METADATA);
        });
      }),
      runs,
    );
  });
});
