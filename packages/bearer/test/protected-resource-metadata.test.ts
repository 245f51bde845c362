import { describe, expect, it } from 'vitest';
import { protectedResourceMetadata, protectedResourceMetadataUrl } from '../src/index';

describe('protectedResourceMetadataUrl (RFC 9728 §3.1)', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com/.well-known/oauth-protected-resource'],
    ['https://api.example.com/', 'https://api.example.com/.well-known/oauth-protected-resource'],
    ['https://api.example.com/mcp', 'https://api.example.com/.well-known/oauth-protected-resource/mcp'],
    ['https://api.example.com/v1/mcp/', 'https://api.example.com/.well-known/oauth-protected-resource/v1/mcp'],
    // The query stays after the path (RFC 9728 §3.1); the fragment goes.
    ['https://api.example.com:8443/mcp?x=1#f', 'https://api.example.com:8443/.well-known/oauth-protected-resource/mcp?x=1'],
    ['https://api.example.com/mcp?tenant=a', 'https://api.example.com/.well-known/oauth-protected-resource/mcp?tenant=a'],
    ['https://api.example.com/?tenant=a', 'https://api.example.com/.well-known/oauth-protected-resource?tenant=a'],
  ])('%s → %s', (resource, expected) => {
    expect(protectedResourceMetadataUrl(resource).href).toBe(expected);
  });
});

describe('protectedResourceMetadata (RFC 9728 §2)', () => {
  it('writes snake_case members', () => {
    expect(
      protectedResourceMetadata({
        resource: 'https://api.example.com/mcp',
        authorizationServers: ['https://auth.example.com'],
        scopesSupported: ['files:read'],
        resourceName: 'Files',
        dpopSigningAlgValuesSupported: ['ES256'],
        extra: { mcp_version: '2025-06-18' },
      }),
    ).toEqual({
      resource: 'https://api.example.com/mcp',
      authorization_servers: ['https://auth.example.com'],
      scopes_supported: ['files:read'],
      bearer_methods_supported: ['header'],
      resource_name: 'Files',
      dpop_signing_alg_values_supported: ['ES256'],
      mcp_version: '2025-06-18',
    });
  });

  it.each([
    ['a resource with a fragment', { resource: 'https://api.example.com/#x' }],
    ['an http resource on a public host', { resource: 'http://api.example.com/' }],
    ['a relative resource', { resource: '/mcp' }],
    ['an authorization server with a query', { resource: 'https://a.example', authorizationServers: ['https://auth.example.com?x=1'] }],
    ['a non-https authorization server', { resource: 'https://a.example', authorizationServers: ['http://auth.example.com'] }],
    ['an empty scope', { resource: 'https://a.example', scopesSupported: [''] }],
    ['an extra member repeating a typed one', { resource: 'https://a.example', extra: { resource: 'x' } }],
    ['a resource with userinfo', { resource: 'https://user:secret@a.example/' }],
    ['a jwks_uri with userinfo', { resource: 'https://a.example', jwksUri: 'https://user:secret@a.example/jwks' }],
  ])('refuses %s', (_what, options) => {
    expect(() => protectedResourceMetadata(options as never)).toThrow(TypeError);
  });

  it('never puts a URL with userinfo into its message', () => {
    expect(() => protectedResourceMetadata({ resource: 'https://a.example', jwksUri: 'https://user:secret@a.example/' })).toThrow(/^jwksUri must/);
    try {
      protectedResourceMetadata({ resource: 'https://a.example', jwksUri: 'https://user:secret@a.example/' });
    } catch (error) {
      expect(String((error as Error).stack)).not.toContain('secret');
    }
  });

  it('says which option sets a typed member given through extra, even one that was not set', () => {
    expect(() => protectedResourceMetadata({ resource: 'https://a.example', extra: { jwks_uri: 'http://evil.example/' } })).toThrow(
      'extra.jwks_uri has its own option',
    );
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('writes an extra member named %s as an own member', (member) => {
    const extra = JSON.parse(`{"${member}": "x"}`) as Record<string, unknown>;
    const document = protectedResourceMetadata({ resource: 'https://a.example', extra });
    expect(Object.hasOwn(document, member)).toBe(true);
    expect(JSON.parse(JSON.stringify(document))).toEqual({ resource: 'https://a.example', bearer_methods_supported: ['header'], ...extra });
    expect(Object.getPrototypeOf(document)).toBe(null);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
