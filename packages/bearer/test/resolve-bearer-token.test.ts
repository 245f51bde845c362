import { describe, expect, it } from 'vitest';
import { createBearerTokenResolver, resolveBearerToken, type BearerTokenResolution } from '../src/index';

const TOKEN = 'mF_9.B5f-4.1JqM';
const OTHER = 'other-token-123';

function tokenOf(result: BearerTokenResolution): string | undefined {
  return result.ok ? result.token : undefined;
}

describe('resolveBearerToken: Authorization first (RFC 6750 §2.1)', () => {
  it('accepts Authorization: Bearer in every header shape, any scheme case', () => {
    const shapes = [
      new Headers({ Authorization: `Bearer ${TOKEN}` }),
      { authorization: `bearer ${TOKEN}` },
      { Authorization: `BEARER   ${TOKEN}` },
      { authorization: [`Bearer ${TOKEN}`] },
      ['Host', 'x', 'Authorization', `Bearer ${TOKEN}`],
    ];
    for (const headers of shapes) {
      const result = resolveBearerToken(headers);
      expect(result).toEqual({ ok: true, source: 'authorization', conflicts: [], otherSchemes: [] });
      expect(tokenOf(result)).toBe(TOKEN);
    }
  });

  it('is always accepted, even when aliases are configured (aliases are additive)', () => {
    const result = resolveBearerToken({ authorization: `Bearer ${TOKEN}` }, { legacyHeaderAliases: ['x-adcp-auth'] });
    expect(tokenOf(result)).toBe(TOKEN);
  });

  it('keeps the token out of enumeration, JSON and inspection', () => {
    const result = resolveBearerToken({ authorization: `Bearer ${TOKEN}` });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(Object.keys(result)).not.toContain('token');
    expect(String(Object.values(result))).not.toContain(TOKEN);
  });

  it.each([[''], ['   '], ['Bearer'], ['Bearer   ']])('falls through on %j', (value) => {
    expect(tokenOf(resolveBearerToken({ authorization: value, 'x-adcp-auth': TOKEN }, { legacyHeaderAliases: ['x-adcp-auth'] }))).toBe(TOKEN);
    expect(resolveBearerToken({ authorization: value })).toEqual({ ok: false, reason: 'missing', otherSchemes: [] });
  });

  it('lets other schemes fall through and records them', () => {
    const result = resolveBearerToken({ authorization: 'Basic dXNlcjpwYXNz', 'x-adcp-auth': TOKEN }, { legacyHeaderAliases: ['x-adcp-auth'] });
    expect(result).toEqual({ ok: true, source: 'x-adcp-auth', conflicts: [], otherSchemes: ['Basic'] });
    expect(resolveBearerToken({ authorization: 'DPoP abc' })).toEqual({ ok: false, reason: 'missing', otherSchemes: ['DPoP'] });
    expect(resolveBearerToken({ authorization: 'Digest username="a", realm="b"' })).toEqual({ ok: false, reason: 'missing', otherSchemes: ['Digest'] });
  });

  it('calls a Bearer value that is not a b64token malformed, without echoing it', () => {
    for (const value of ['Bearer abc def', 'Bearer a"b', 'Bearer =abc', 'Bearer\tabc']) {
      const result = resolveBearerToken({ authorization: value });
      expect(result.ok === false && result.reason).toBe('malformed');
      expect(JSON.stringify(result)).not.toContain('abc');
    }
  });

  it('treats two different Authorization lines as a conflict, and equal ones as fine', () => {
    expect(resolveBearerToken({ authorization: [`Bearer ${TOKEN}`, `Bearer ${OTHER}`] })).toEqual({ ok: false, reason: 'conflict', sources: ['authorization'] });
    expect(resolveBearerToken(new Headers([['authorization', `Bearer ${TOKEN}`], ['authorization', `Bearer ${OTHER}`]]))).toEqual({
      ok: false,
      reason: 'conflict',
      sources: ['authorization'],
    });
    expect(tokenOf(resolveBearerToken({ authorization: [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`] }))).toBe(TOKEN);
  });
});

describe('resolveBearerToken: legacy aliases', () => {
  const options = { legacyHeaderAliases: ['X-Adcp-Auth', 'x-api-key'] };

  it('reads aliases in order, trimmed, with an optional Bearer prefix, in any key case', () => {
    expect(resolveBearerToken({ 'X-ADCP-AUTH': `  ${TOKEN} ` }, options)).toMatchObject({ ok: true, source: 'x-adcp-auth' });
    expect(tokenOf(resolveBearerToken({ 'x-api-key': `Bearer ${TOKEN}` }, options))).toBe(TOKEN);
    expect(resolveBearerToken({ 'x-adcp-auth': '', 'x-api-key': TOKEN }, options)).toMatchObject({ ok: true, source: 'x-api-key' });
  });

  it('requires the Bearer prefix with legacyAliasesBearerPrefixRequired', () => {
    const strict = { ...options, legacyAliasesBearerPrefixRequired: true };
    expect(resolveBearerToken({ 'x-adcp-auth': TOKEN }, strict)).toEqual({ ok: false, reason: 'malformed', source: 'x-adcp-auth' });
    expect(tokenOf(resolveBearerToken({ 'x-adcp-auth': `Bearer ${TOKEN}` }, strict))).toBe(TOKEN);
  });

  it('checks alias tokens as b64token', () => {
    expect(resolveBearerToken({ 'x-adcp-auth': 'a b' }, options)).toEqual({ ok: false, reason: 'malformed', source: 'x-adcp-auth' });
  });

  it('accepts the same token in several carriers', () => {
    expect(resolveBearerToken({ authorization: `Bearer ${TOKEN}`, 'x-adcp-auth': TOKEN }, options)).toEqual({
      ok: true,
      source: 'authorization',
      conflicts: [],
      otherSchemes: [],
    });
  });

  it('prefers Authorization on different tokens and lists the conflicting aliases', () => {
    const result = resolveBearerToken({ authorization: `Bearer ${TOKEN}`, 'x-adcp-auth': OTHER, 'x-api-key': TOKEN }, options);
    expect(result).toEqual({ ok: true, source: 'authorization', conflicts: ['x-adcp-auth'], otherSchemes: [] });
    expect(tokenOf(result)).toBe(TOKEN);
  });

  it("answers conflict with onConflict: 'reject'", () => {
    const reject = { ...options, onConflict: 'reject' as const };
    expect(resolveBearerToken({ authorization: `Bearer ${TOKEN}`, 'x-adcp-auth': OTHER }, reject)).toEqual({
      ok: false,
      reason: 'conflict',
      sources: ['authorization', 'x-adcp-auth'],
    });
    expect(resolveBearerToken({ 'x-adcp-auth': TOKEN, 'x-api-key': OTHER }, reject)).toEqual({
      ok: false,
      reason: 'conflict',
      sources: ['x-adcp-auth', 'x-api-key'],
    });
  });

  it('ignores aliases that are not configured', () => {
    expect(resolveBearerToken({ 'x-adcp-auth': TOKEN })).toEqual({ ok: false, reason: 'missing', otherSchemes: [] });
  });
});

describe('resolveBearerToken: options are checked', () => {
  it.each([
    ['a bare string', { legacyHeaderAliases: 'x-adcp-auth' }, /did you mean \['x-adcp-auth'\]/],
    ['authorization as an alias', { legacyHeaderAliases: ['Authorization'] }, /always accepted/],
    ['an empty name', { legacyHeaderAliases: [''] }, /header names/],
    ['a name with a space', { legacyHeaderAliases: ['x api'] }, /header names/],
    ['an unknown conflict policy', { onConflict: 'first' }, /onConflict/],
  ])('refuses %s', (_what, options, message) => {
    expect(() => createBearerTokenResolver(options as never)).toThrow(TypeError);
    expect(() => resolveBearerToken({}, options as never)).toThrow(message);
  });

  it('lower-cases and de-duplicates aliases', () => {
    const resolve = createBearerTokenResolver({ legacyHeaderAliases: ['X-A', 'x-a', 'X-B'], onConflict: 'reject' });
    expect(resolve({ 'x-a': TOKEN, 'x-b': OTHER })).toEqual({ ok: false, reason: 'conflict', sources: ['x-a', 'x-b'] });
  });
});
