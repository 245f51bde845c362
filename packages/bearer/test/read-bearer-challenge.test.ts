import { parseChallenges, serializeChallenges } from '@authheaders/www-authenticate';
import { describe, expect, it } from 'vitest';
import { readBearerChallenge } from '../src/index';

const header =
  'Basic realm="legacy", Bearer realm="api", scope="files:read files:write", error="invalid_token", ' +
  'error_description="The token expired", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource", ' +
  'x_vendor="kept", acr_values="urn:a urn:b", max_age="60"';

describe('readBearerChallenge', () => {
  it('finds Bearer wherever it stands and returns the typed fields', () => {
    const bearer = readBearerChallenge(header)!;
    expect(bearer).toMatchObject({
      scheme: 'Bearer',
      realm: 'api',
      scope: ['files:read', 'files:write'],
      error: 'invalid_token',
      errorDescription: 'The token expired',
      acrValues: ['urn:a', 'urn:b'],
      maxAge: 60,
      algs: [],
    });
    expect(bearer.resourceMetadata?.href).toBe('https://api.example.com/.well-known/oauth-protected-resource');
    expect(bearer.diagnostics).toEqual([]);
  });

  it('keeps every parameter, unknown ones included, so re-serializing loses nothing', () => {
    const bearer = readBearerChallenge(header)!;
    expect(Object.keys(bearer.params)).toEqual([
      'realm', 'scope', 'error', 'error_description', 'resource_metadata', 'x_vendor', 'acr_values', 'max_age',
    ]);
    expect(parseChallenges(serializeChallenges(bearer.challenges))).toEqual(parseChallenges(header));
  });

  it('reads a Headers, a Response, field lines and parsed challenges alike', () => {
    const fromHeaders = readBearerChallenge(new Headers([['www-authenticate', 'Basic realm="x"'], ['www-authenticate', 'Bearer scope="a"']]));
    expect(fromHeaders?.scope).toEqual(['a']);
    const fromResponse = readBearerChallenge(new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="r"' } }));
    expect(fromResponse?.realm).toBe('r');
    expect(readBearerChallenge(['Bearer realm="r"', 'scope="s"'])?.scope).toEqual(['s']);
    expect(readBearerChallenge(parseChallenges('bearer realm="r"'))?.realm).toBe('r');
    expect(readBearerChallenge(new Headers({ 'proxy-authenticate': 'Bearer realm="p"' }), { header: 'proxy-authenticate' })?.realm).toBe('p');
  });

  it('reads slightly malformed headers leniently and reports the repairs', () => {
    const bearer = readBearerChallenge('Bearer realm="api" scope="a" error=invalid_token')!;
    expect(bearer.scope).toEqual(['a']);
    expect(bearer.error).toBe('invalid_token');
    expect(bearer.diagnostics.map((d) => d.code)).toEqual(['expected-comma', 'expected-comma']);
  });

  it('returns undefined when there is no Bearer challenge, and reads DPoP on request', () => {
    expect(readBearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(readBearerChallenge(null)).toBeUndefined();
    expect(readBearerChallenge('')).toBeUndefined();
    expect(readBearerChallenge('DPoP algs="ES256 PS256"', { scheme: 'DPoP' })?.algs).toEqual(['ES256', 'PS256']);
  });

  it('gives no URL for an insecure or unparsable resource_metadata, but keeps the raw value', () => {
    const bearer = readBearerChallenge('Bearer resource_metadata="http://evil.example/m"')!;
    expect(bearer.resourceMetadata).toBeUndefined();
    expect(bearer.params.resource_metadata).toBe('http://evil.example/m');
  });

  it('gives no URL for a resource_metadata that carries userinfo', () => {
    const bearer = readBearerChallenge('Bearer resource_metadata="https://user:secret@api.example.com/m"')!;
    expect(bearer.resourceMetadata).toBeUndefined();
    expect(readBearerChallenge('Bearer resource_metadata="https://api.example.com/m"')!.resourceMetadata?.href).toBe('https://api.example.com/m');
  });
});
