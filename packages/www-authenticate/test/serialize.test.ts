import { describe, expect, it } from 'vitest';
import { findChallenge, parseChallenges, parseCredentials, serializeChallenges, serializeCredentials } from '../src/index';
import type { Challenge } from '../src/index';

describe('serializeChallenges', () => {
  it('quotes realm always and other values only when they are not tokens', () => {
    expect(
      serializeChallenges([
        { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token', error_description: 'The token expired', empty: '' } },
        { scheme: 'Basic', params: { realm: 'simple' } },
      ]),
    ).toBe('Bearer realm="api", error=invalid_token, error_description="The token expired", empty="", Basic realm="simple"');
  });

  it('escapes " and \\ and nothing else', () => {
    expect(serializeChallenges({ scheme: 'X', params: { a: 'say "hi" \\ \t caf\u00e9' } })).toBe('X a="say \\"hi\\" \\\\ \t caf\u00e9"');
  });

  it("quotes every value with quote: 'always'", () => {
    expect(serializeChallenges({ scheme: 'X', params: { a: 'b', c: 'd' } }, { quote: 'always' })).toBe('X a="b", c="d"');
  });

  it('writes token68 and bare schemes', () => {
    expect(serializeChallenges([{ scheme: 'Negotiate', token68: 'abc==', params: {} }, { scheme: 'NTLM', params: {} }])).toBe(
      'Negotiate abc==, NTLM',
    );
  });

  it.each<[string, Challenge | Challenge[], RegExp]>([
    ['an empty list', [], /challenges must not be empty/],
    ['a scheme that is not a token', { scheme: 'Be arer', params: {} }, /challenges\[0\]\.scheme must be a token/],
    ['a bad token68', { scheme: 'X', token68: 'a=b', params: {} }, /challenges\[0\]\.token68 must be token68/],
    ['token68 with params', { scheme: 'X', token68: 'abc', params: { a: 'b' } }, /challenges\[0\] must not have both token68 and params/],
    ['a name that is not a token', { scheme: 'X', params: { 'a b': 'c' } }, /challenges\[0\]\.params must have token names/],
    ['names equal but for case', { scheme: 'X', params: { realm: 'a', Realm: 'b' } }, /challenges\[0\]\.params must not name "realm" twice/],
    ['CR LF in a value', { scheme: 'X', params: { a: 'x\r\nSet-Cookie: y' } }, /challenges\[0\]\.params\["a"\] must be a string without control characters/],
    ['NUL in a value', { scheme: 'X', params: { a: 'x\u0000' } }, /must be a string without control characters/],
    ['DEL in a value', { scheme: 'X', params: { a: 'x\u007f' } }, /control character/],
    ['a non-string value', { scheme: 'X', params: { a: 1 as unknown as string } }, /challenges\[0\]\.params\["a"\] must be a string/],
  ])('refuses %s with a TypeError naming the field', (_what, input, message) => {
    expect(() => serializeChallenges(input)).toThrow(TypeError);
    expect(() => serializeChallenges(input)).toThrow(message);
  });

  it('refuses non-ASCII with asciiOnly', () => {
    expect(() => serializeChallenges({ scheme: 'X', params: { a: 'caf\u00e9' } }, { asciiOnly: true })).toThrow(/challenges\[0\]\.params\["a"\] must be ASCII \(asciiOnly\)/);
  });

  it('never echoes a value into its errors', () => {
    const secret = 'secret-value-123';
    for (const params of [{ a: `${secret}\n` }, { a: `${secret}\u0000` }]) {
      expect(() => serializeChallenges({ scheme: 'X', params })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
    }
    expect(() => serializeCredentials({ scheme: 'Bearer', token68: `${secret}!`, params: {} })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });

  it('writes __proto__ as an ordinary name and it parses back', () => {
    const params = Object.create(null) as Record<string, string>;
    params.__proto__ = 'x';
    params.realm = 'r';
    const header = serializeChallenges({ scheme: 'X', params });
    expect(header).toBe('X __proto__=x, realm="r"');
    expect(parseChallenges(header)[0]!.params.__proto__).toBe('x');
  });
});

describe('serializeCredentials', () => {
  it('round-trips token68 and auth-param credentials', () => {
    for (const field of ['Bearer mF_9.B5f-4.1JqM', 'Basic dXNlcg==', 'Digest username=Mufasa, realm="r", nc=00000001']) {
      expect(serializeCredentials(parseCredentials(field))).toBe(field);
    }
  });
});

describe('findChallenge', () => {
  it('finds a scheme anywhere in the list, case-insensitively', () => {
    const challenges = parseChallenges('Basic realm="a", DPoP algs="ES256", bearer realm="b"');
    expect(findChallenge(challenges, 'Bearer')?.params.realm).toBe('b');
    expect(findChallenge(challenges, 'dpop')?.params.algs).toBe('ES256');
    expect(findChallenge(challenges, 'Digest')).toBeUndefined();
  });
});
