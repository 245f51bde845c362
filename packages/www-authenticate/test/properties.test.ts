import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthHeaderSyntaxError, parseChallenges, parseCredentials, serializeChallenges, serializeCredentials } from '../src/index';
import type { Challenge, ParseOptions } from '../src/index';

// Fixed seed in CI so a failure reproduces; FC_NUM_RUNS=100000 (and FC_SEED) for a longer hunt on demand.
const runs = { seed: Number(process.env.FC_SEED ?? 20261124), numRuns: Number(process.env.FC_NUM_RUNS ?? 300) };

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const token = fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength: 8 });
const lowerName = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'tostring', 'hasownproperty', 'valueof', 'realm') },
  { weight: 3, arbitrary: token.map((t) => t.toLowerCase()) },
);
const value = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', ',', '=', ' ', '\t', 'a', 'Z', '0', '/', 'é', 'ÿ', '€'),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }).filter((c) => c >= ' ' && c !== '\x7f'),
  ),
  maxLength: 12,
});
const token68 = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~+/'), minLength: 1, maxLength: 12 }),
    fc.string({ unit: fc.constant('='), maxLength: 3 }),
  )
  .map(([body, padding]) => body + padding);

const challenge: fc.Arbitrary<Challenge> = fc.oneof(
  fc
    .tuple(token, fc.uniqueArray(fc.tuple(lowerName, value), { selector: ([name]) => name, maxLength: 5 }))
    .map(([scheme, entries]) => {
      const params = Object.create(null) as Record<string, string>;
      for (const [name, v] of entries) params[name] = v;
      return { scheme, params };
    }),
  fc.tuple(token, token68).map(([scheme, t68]) => ({ scheme, token68: t68, params: Object.create(null) as Record<string, string> })),
);

type Fault = { code: string; offset: number };

/** The lenient diagnostics of `field` and the strict error (undefined when strict mode accepts it), to compare them. */
function bothModes<F>(parse: (field: F, options?: ParseOptions) => unknown, field: F): { diagnostics: Fault[]; thrown?: Fault } {
  const diagnostics: Fault[] = [];
  parse(field, { lenient: true, onDiagnostic: ({ code, offset }) => diagnostics.push({ code, offset }) });
  try {
    parse(field);
  } catch (error) {
    if (!(error instanceof AuthHeaderSyntaxError)) throw error;
    return { diagnostics, thrown: { code: error.code, offset: error.offset } };
  }
  return { diagnostics };
}

/** Compares challenge lists including prototypes of params: both must be null. */
function normalized(challenges: readonly Challenge[]) {
  return challenges.map((c) => ({ ...c, params: Object.entries(c.params), nullProto: Object.getPrototypeOf(c.params) === null }));
}

describe('properties', () => {
  it('parse(serialize(challenges)) equals the challenges', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 4 }), fc.constantFrom<'minimal' | 'always'>('minimal', 'always'), (list, quote) => {
        const header = serializeChallenges(list, { quote });
        expect(normalized(parseChallenges(header))).toEqual(normalized(list.map((c) => ({ ...c, params: Object.assign(Object.create(null), c.params) as Record<string, string> }))));
      }),
      runs,
    );
  });

  it('parse(serialize(credentials)) equals the credentials', () => {
    fc.assert(
      fc.property(challenge, (credentials) => {
        expect(normalized([parseCredentials(serializeCredentials(credentials))])).toEqual(normalized([credentials]));
      }),
      runs,
    );
  });

  it('serialize never emits a control character other than HTAB', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 3 }), (list) => {
        expect(serializeChallenges(list)).not.toMatch(/[\0-\x08\n-\x1f\x7f]/);
      }),
      runs,
    );
  });

  // Fragments of near-valid and hostile fields: line breaks, control characters, unquoted URIs, stray quotes.
  const fragment = fc.constantFrom(
    'Basic', 'Bearer', 'a', 'realm', '=', '"', '\\', ',', ' ', '\t', '\r\n', '\n', '\r', '\0', '\x01', '\x7f', 'x/y', 'é', 'abc=',
    '"q"', ' a=b', 'Bearer ', ', ', '==', ':', '"a\0b"', 'https://x/y', ' resource_id=', 'a=b c=d', 'Basic realm=x',
  );
  const anyField = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: fc.constantFrom('B', 'a', ' ', '\t', ',', '=', '"', '\\', '/', 'x', '\r', '\n', '\0', 'é'), maxLength: 60 }),
    fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')),
    fc.array(challenge, { minLength: 1, maxLength: 3 }).chain((list) => {
      const header = serializeChallenges(list);
      return fc.nat(header.length).chain((at) => fc.string({ maxLength: 3 }).map((junk) => header.slice(0, at) + junk + header.slice(at)));
    }),
  );

  it('strict parsing returns or throws AuthHeaderSyntaxError, nothing else', () => {
    fc.assert(
      fc.property(anyField, (field) => {
        for (const parse of [parseChallenges, parseCredentials]) {
          try {
            parse(field);
          } catch (error) {
            expect(error).toBeInstanceOf(AuthHeaderSyntaxError);
            expect((error as AuthHeaderSyntaxError).offset).toBeGreaterThanOrEqual(0);
            expect((error as AuthHeaderSyntaxError).offset).toBeLessThanOrEqual(field.length);
          }
        }
      }),
      runs,
    );
  });

  it('lenient parsing never throws and returns well-formed challenges', () => {
    fc.assert(
      fc.property(anyField, (field) => {
        const offsets: number[] = [];
        const challenges = parseChallenges(field, { lenient: true, onDiagnostic: (d) => offsets.push(d.offset) });
        for (const c of challenges) {
          expect(c.scheme).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
          expect(Object.getPrototypeOf(c.params)).toBeNull();
          for (const v of Object.values(c.params)) expect(typeof v).toBe('string');
        }
        for (const offset of offsets) expect(offset).toBeLessThanOrEqual(field.length);
        expect(() => parseCredentials(field, { lenient: true })).not.toThrow();
      }),
      runs,
    );
  });

  it.each([
    ['parseChallenges', parseChallenges],
    ['parseCredentials', parseCredentials],
  ] as const)('%s: lenient diagnostics lie in [0, length], arrive in offset order, and the first is the strict error', (_name, parse) => {
    fc.assert(
      fc.property(anyField, (field) => {
        const { diagnostics, thrown } = bothModes(parse, field);
        for (const [i, { offset }] of diagnostics.entries()) {
          expect(offset).toBeGreaterThanOrEqual(i === 0 ? 0 : diagnostics[i - 1]!.offset);
          expect(offset).toBeLessThanOrEqual(field.length);
        }
        expect(diagnostics[0]).toEqual(thrown);
      }),
      { ...runs, numRuns: runs.numRuns * 10 },
    );
  });

  it('lenient mode reads challenges with params separated by SP alone as if the commas were there', () => {
    // `realm=b Basic realm=c`: a token and SP after a value start the next challenge; no value swallows it.
    const withParams = challenge.filter((c) => c.token68 === undefined && Object.keys(c.params).length > 0);
    fc.assert(
      fc.property(fc.array(withParams, { minLength: 2, maxLength: 4 }), (list) => {
        const fields = list.map((c) => serializeChallenges(c));
        expect(normalized(parseChallenges(fields.join(' '), { lenient: true }))).toEqual(normalized(parseChallenges(fields.join(', '))));
      }),
      runs,
    );
  });

  it('lenient values never hold a control character other than HTAB, and a field with one is reported', () => {
    fc.assert(
      fc.property(anyField, (field) => {
        const codes: string[] = [];
        const values = [...parseChallenges(field, { lenient: true, onDiagnostic: (d) => codes.push(d.code) }), parseCredentials(field, { lenient: true })]
          .flatMap((c) => Object.values(c.params));
        for (const value of values) expect(value).not.toMatch(/[\0-\x08\n-\x1f\x7f]/);
        if (/[\0-\x08\n-\x1f\x7f]/.test(field)) expect(codes.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('a strictly valid field gives no lenient diagnostics and the same challenges', () => {
    fc.assert(
      fc.property(anyField, (field) => {
        let strict: Challenge[];
        try {
          strict = parseChallenges(field);
        } catch {
          return;
        }
        const diagnostics: unknown[] = [];
        expect(parseChallenges(field, { lenient: true, onDiagnostic: (d) => diagnostics.push(d) })).toEqual(strict);
        expect(diagnostics).toEqual([]);
        // serialize(parse(h)) parses back to the same challenges
        if (strict.length > 0) expect(parseChallenges(serializeChallenges(strict))).toEqual(strict);
      }),
      runs,
    );
  });

  it('strict errors from parseCredentials never contain the token', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdefghijkXYZ0123456789'), minLength: 12, maxLength: 40 }), fc.constantFrom(' "', ' x y', '\r\n', ', z=1', '\0'), (secret, junk) => {
        try {
          parseCredentials(`Bearer ${secret}${junk}`);
        } catch (error) {
          // The end of the secret stands right before the fault, inside the snippet window.
          expect((error as Error).message).not.toContain(secret.slice(-8));
          return;
        }
        throw new Error('expected a syntax error');
      }),
      runs,
    );
  });
});

// Item 9 of the second hostile-input round: a quoted-string ran on from one field line into the next, so strict
// parsing accepted two lines neither of which is valid alone (RFC 9110 §5.3).
describe('properties of a field given as its lines', () => {
  /** Whether `line` ends inside a quoted-string (a `"` opens one and closes it; a backslash inside escapes). */
  const endsQuoted = (line: string) => {
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '"') quoted = !quoted;
      else if (line[i] === '\\' && quoted) i++;
    }
    return quoted;
  };
  const lineFragment = fc.constantFrom('Bearer', ' realm="a', 'b"', ', ', '"', 'c', 'error="x"', '\\', ' x=y', 'Basic ', '"q"', ',', ' ');
  const line = fc.array(lineFragment, { maxLength: 6 }).map((parts) => parts.join(''));
  const lines = fc.array(line, { minLength: 2, maxLength: 5 });

  it('strict: accepted only when no line but the last ends inside a quoted-string, and then as the joined field is', () => {
    fc.assert(
      fc.property(lines, (field) => {
        let strict: Challenge[] | undefined;
        try {
          strict = parseChallenges(field);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthHeaderSyntaxError);
        }
        if (strict === undefined) return;
        expect(field.slice(0, -1).filter(endsQuoted)).toEqual([]);
        expect(parseChallenges(field.join(', '))).toEqual(strict);
      }),
      runs,
    );
  });

  it('lenient: reports unterminated-quoted-string at the end of each line that ends inside one, first among the faults strict mode would throw', () => {
    fc.assert(
      fc.property(lines, (field) => {
        const { diagnostics, thrown } = bothModes(parseChallenges, field);
        expect(diagnostics[0]).toEqual(thrown);
        // The first line that ends open (if no earlier fault came first) is reported at its end.
        const open = field.findIndex((l, i) => i < field.length - 1 && endsQuoted(l));
        if (open >= 0) {
          const end = field.slice(0, open + 1).join(', ').length;
          expect(diagnostics.some((d) => d.code === 'unterminated-quoted-string' && d.offset === end) || diagnostics[0]!.offset < end).toBe(true);
        }
      }),
      runs,
    );
  });
});
