import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthHeaderSyntaxError, parseChallenges, serializeChallenges, type Challenge } from '../src/index';
import { VECTORS, type Expected } from './conformance-vectors';
import { ReferenceSyntaxError, referenceParseFieldLines } from './reference-parser';

const runs = { seed: Number(process.env.FC_SEED ?? 20261124), numRuns: Number(process.env.FC_NUM_RUNS ?? 300) * 10 };

function plain(challenges: readonly Challenge[]): Expected {
  return challenges.map((c) => {
    const out: { scheme: string; token68?: string; params?: Record<string, string> } = { scheme: c.scheme };
    if (c.token68 !== undefined) out.token68 = c.token68;
    if (Object.keys(c.params).length > 0) out.params = { ...c.params };
    return out;
  });
}

function fastStrict(field: string | string[]): Expected {
  try {
    return plain(parseChallenges(field));
  } catch (error) {
    if (error instanceof AuthHeaderSyntaxError) return { error: error.code };
    throw error;
  }
}

function reference(field: string | string[]): Expected | 'rejected' {
  try {
    return plain(referenceParseFieldLines(field));
  } catch (error) {
    if (error instanceof ReferenceSyntaxError) return 'rejected';
    throw error;
  }
}

describe('conformance vectors', () => {
  it.each(VECTORS.map((v) => [v.source, v.field, v.expect] as const))('%s: %s', (_source, field, expected) => {
    expect(fastStrict(field)).toEqual(expected);
    const ref = reference(field);
    expect(ref).toEqual('error' in expected ? 'rejected' : expected);
  });

  it.each(VECTORS.filter((v) => v.lenient).map((v) => [v.source, v.field, v.lenient!] as const))('%s, lenient: %j', (_source, field, expected) => {
    expect(plain(parseChallenges(field, { lenient: true }))).toEqual(expected);
  });

  it('every vector that parses serializes to a field that parses to the same challenges', () => {
    for (const v of VECTORS) {
      if ('error' in v.expect) continue;
      const challenges = parseChallenges(v.field);
      expect([v.source, plain(parseChallenges(serializeChallenges(challenges)))]).toEqual([v.source, v.expect]);
    }
  });
});

// Fragments that make near-valid fields: schemes, names, separators, quotes, escapes, padding, odd characters.
const fragment = fc.constantFrom(
  'Basic', 'Bearer', 'Newauth', 'realm', 'a', 'B', 'x-y', '=', '==', ' = ', '"', '"q"', '"a\\"b"', '"\\\\"', '\\', ',', ', ', ' ,', ' ',
  '  ', '\t', 'abc=', 'x/y+z', 'é', '~', '\u0000', '\u007f', '"a,b"', 'token68', '=abc', "'", '""',
  // whole pieces, so that many fields are valid and carry parameters
  'Basic realm=x', 'Bearer ', ' realm="a b"', 'scope="r w"', ', error=invalid_token', ' a=b', 'a = "c\\d"', ', Newauth x=1',
  'Bearer abc==', 'REALM=Q', ', realm=dup',
);
const nearValid = fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(''));

// Lists built element by element: most are valid, with parameters, token68 and empty elements; separators that
// are not commas and duplicate names make the rest invalid.
const ows = fc.constantFrom('', ' ', '\t', '  ');
const scheme = fc.constantFrom('Basic', 'Bearer', 'DPoP', 'newauth', 'X');
const paramName = fc.constantFrom('realm', 'REALM', 'scope', 'a', '__proto__', 'x-y', 'constructor');
const paramValue = fc.constantFrom('x', 'a/b', '"a b"', '"a\\"b"', '""', '"a,b"', '"\\\\"', '"é"', 'abc=', '"\t"');
const t68 = fc.constantFrom('abc', 'abc=', 'a+b/c==', 'x.y~z');
const param = fc.tuple(paramName, ows, ows, paramValue).map(([n, a, b, v]) => `${n}${a}=${b}${v}`);
const element = fc.oneof(
  scheme,
  fc.tuple(scheme, fc.constantFrom(' ', '  ', '\t'), t68).map(([sc, sp, t]) => `${sc}${sp}${t}`),
  fc.tuple(scheme, fc.constantFrom(' ', '  ', '\t'), param).map(([sc, sp, p]) => `${sc}${sp}${p}`),
  param,
  param,
  fc.constant(''),
);
const separator = fc.constantFrom(',', ', ', ' , ', ',,', ' ');
const structured = fc
  .tuple(ows, fc.array(fc.tuple(element, separator), { minLength: 1, maxLength: 6 }), ows)
  .map(([lead, parts, trail]) => lead + parts.map(([e, sep], i) => (i === 0 ? e : sep + e)).join('') + trail);

describe('the fast parser agrees with the reference parser', () => {
  it('on acceptance and on the result, for lists built element by element', () => {
    fc.assert(
      fc.property(structured, (field) => {
        const fast = fastStrict(field);
        const ref = reference(field);
        if ('error' in fast) expect(ref).toBe('rejected');
        else expect(ref).toEqual(fast);
      }),
      runs,
    );
  });

  it('on acceptance and on the result, for near-valid fields', () => {
    fc.assert(
      fc.property(nearValid, (field) => {
        const fast = fastStrict(field);
        const ref = reference(field);
        if ('error' in fast) expect(ref).toBe('rejected');
        else expect(ref).toEqual(fast);
      }),
      runs,
    );
  });

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (field) => {
        const fast = fastStrict(field);
        const ref = reference(field);
        if ('error' in fast) expect(ref).toBe('rejected');
        else expect(ref).toEqual(fast);
      }),
      runs,
    );
  });
});
