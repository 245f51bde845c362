import { parseChallenges } from '@authheaders/www-authenticate';
import { describe, expect, it } from 'vitest';
import { bearerChallenge, bearerErrorStatus, dpopChallenge, serializeBearerChallenge } from '../src/index';

describe('bearerChallenge (RFC 6750 §3)', () => {
  it('writes every parameter quoted, in the documented order', () => {
    const header = serializeBearerChallenge(
      bearerChallenge({
        params: { ext: 'x' },
        resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource',
        scope: ['files:read', 'files:write'],
        errorUri: 'https://docs.example.com/errors#scope',
        errorDescription: 'Needs write access',
        error: 'insufficient_scope',
        realm: 'api',
        acrValues: ['urn:mace:incommon:iap:silver'],
        maxAge: 300,
      }),
    );
    expect(header).toBe(
      'Bearer realm="api", error="insufficient_scope", error_description="Needs write access", ' +
        'error_uri="https://docs.example.com/errors#scope", scope="files:read files:write", ' +
        'resource_metadata="https://api.example.com/.well-known/oauth-protected-resource", ' +
        'acr_values="urn:mace:incommon:iap:silver", max_age="300", ext="x"',
    );
    expect(parseChallenges(header)[0]!.params.max_age).toBe('300');
  });

  it('writes a bare Bearer challenge when nothing is given', () => {
    expect(serializeBearerChallenge(bearerChallenge())).toBe('Bearer');
  });

  it('joins a scope string by single spaces', () => {
    expect(bearerChallenge({ scope: ' read   write ' }).params.scope).toBe('read write');
  });

  it.each([
    ['a scope with a quote', { scope: ['a"b'] }, /scope-token/],
    ['a scope with a backslash', { scope: 'a\\b' }, /scope-token/],
    ['an empty scope', { scope: [] }, /scope must be scope-tokens/],
    ['an error description with a quote', { errorDescription: 'say "hi"' }, /errorDescription/],
    ['an error description with non-ASCII', { errorDescription: 'café' }, /errorDescription/],
    ['an error description with a newline', { errorDescription: 'a\nb' }, /errorDescription/],
    ['a relative error URI', { errorUri: '/errors' }, /errorUri/],
    ['http resource metadata on a public host', { resourceMetadata: 'http://api.example.com/m' }, /resourceMetadata/],
    ['a resource metadata that is not a URL', { resourceMetadata: 'not a url' }, /resourceMetadata/],
    ['algs on a Bearer challenge', { algs: ['ES256'] }, /dpopChallenge/],
    ['a negative max_age', { maxAge: -1 }, /maxAge/],
    ['an extension repeating a typed name', { params: { Scope: 'x' } }, /params\.Scope has its own option/],
    ['a realm with CR LF', { realm: 'a\r\nb' }, /^realm must be ASCII VCHAR, SP or HTAB/],
  ])('refuses %s with a TypeError', (_what, options, message) => {
    expect(() => bearerChallenge(options as never)).toThrow(TypeError);
    expect(() => bearerChallenge(options as never)).toThrow(message);
  });

  it('accepts http resource metadata on loopback hosts', () => {
    for (const host of ['localhost:3000', '127.0.0.1:8080', '[::1]:9000']) {
      expect(bearerChallenge({ resourceMetadata: `http://${host}/.well-known/oauth-protected-resource` }).params.resource_metadata).toContain(host);
    }
  });
});

describe('dpopChallenge (RFC 9449 §7.1)', () => {
  it('writes algs and a use_dpop_nonce error', () => {
    expect(serializeBearerChallenge(dpopChallenge({ algs: ['ES256', 'EdDSA'], error: 'use_dpop_nonce' }))).toBe(
      'DPoP error="use_dpop_nonce", algs="ES256 EdDSA"',
    );
  });
});

describe('bearerErrorStatus', () => {
  it.each([
    ['invalid_request', 400],
    ['invalid_token', 401],
    ['insufficient_scope', 403],
    ['insufficient_user_authentication', 401],
    ['use_dpop_nonce', 401],
  ])('%s → %i', (error, status) => {
    expect(bearerErrorStatus(error)).toBe(status);
  });
});
