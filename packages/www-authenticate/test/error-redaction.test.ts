import { inspect } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthHeaderSyntaxError, parseChallenges, parseCredentials, type Diagnostic } from '../src/index';

const runs = { seed: Number(process.env.FC_SEED ?? 20261124), numRuns: Number(process.env.FC_NUM_RUNS ?? 300) };

function thrown(parse: () => unknown): AuthHeaderSyntaxError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthHeaderSyntaxError);
    return error as AuthHeaderSyntaxError;
  }
  throw new Error('expected a syntax error');
}

/** Everything of an error a log or a terminal may show. */
const shown = (error: Error) => [error.message, error.stack ?? '', inspect(error), JSON.stringify(error)].join('\n');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('credentials errors never show a secret', () => {
  it('hides a credential sent without a scheme, in message, stack and inspect', () => {
    const error = thrown(() => parseCredentials('dXNlcjpTRUNSRVQxMjNhYmM='));
    expect(error.code).toBe('expected-scheme');
    expect(shown(error)).not.toContain('dXNl');
    expect(shown(error)).not.toContain('YmM');
    expect(error.message).toContain('*'.repeat(23));
  });

  it('shows the scheme when SP follows it, and hides it otherwise (HTAB, a comma, nothing)', () => {
    expect(thrown(() => parseCredentials('Bearer abc "x')).message).toContain('Bearer *** "*');
    expect(thrown(() => parseCredentials('Bearer\tsecret')).message).not.toContain('Bearer');
    expect(thrown(() => parseCredentials('secret,x')).message).not.toContain('secret');
  });

  // Upper-case letters and digits: no run of four of them occurs in the fixed text of a message or a stack. (A first
  // token followed by SP is shown: it reads as the scheme.)
  const secret = fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKXYZ0123456789'), minLength: 12, maxLength: 40 });
  const shape = fc.constantFrom(
    (s: string) => `${s}:`,
    (s: string) => `${s}=`,
    (s: string) => ` ${s}==,`,
    (s: string) => `Bearer\t${s}`,
    (s: string) => `Bearer ${s} x`,
    (s: string) => `Bearer ${s}"`,
    (s: string) => `Basic ${s}\r\n`,
    (s: string) => `Digest a=${s} ${s}`,
  );

  it('property: no four characters of the secret in a row appear anywhere in the error', () => {
    fc.assert(
      fc.property(secret, shape, (token, make) => {
        const error = thrown(() => parseCredentials(make(token)));
        const text = shown(error);
        for (let i = 0; i + 4 <= token.length; i++) expect(text).not.toContain(token.slice(i, i + 4));
      }),
      runs,
    );
  });
});

describe('no work before refusing a long field, and nothing kept after', () => {
  it('refuses 10 MiB of credentials without reading them: only a bounded window is ever redacted', () => {
    const replace = vi.spyOn(String.prototype, 'replace');
    const error = thrown(() => parseCredentials(`Bearer ${'s'.repeat(10 * 1024 * 1024)}`));
    expect({ code: error.code, offset: error.offset }).toEqual({ code: 'too-long', offset: 65_536 });
    for (const self of replace.mock.contexts) expect(String(self).length).toBeLessThanOrEqual(64);
    expect(error.message.length).toBeLessThan(100);
  });

  it('redacts only the window around the fault of a long field', () => {
    const replace = vi.spyOn(String.prototype, 'replace');
    expect(thrown(() => parseCredentials(`Bearer ${'s'.repeat(60_000)} "`)).message).toContain(`${'*'.repeat(31)} "`);
    for (const self of replace.mock.contexts) expect(String(self).length).toBeLessThanOrEqual(64);
  });

  it.each([
    ['a strict parse throws', { maxLength: Infinity }, 'invalid-char'],
    ['a lenient parse unfolds line breaks', { lenient: true, maxLength: Infinity }, undefined],
  ] as const)('keeps no reference to a field after %s', (_case, options, expectedCode) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const size = 20 * 1024 * 1024;
    const parseOnce = () => {
      // A fresh string, reachable only from this call (the scan flattens it: 20 MiB on the heap).
      const field = `Basic\r\n ${'ab'.repeat(size / 2)} "`;
      let thrown: string | undefined;
      try {
        parseCredentials(field, options);
      } catch (error) {
        thrown = (error as AuthHeaderSyntaxError).code;
      }
      expect(thrown).toBe(expectedCode);
    };
    gc();
    const before = process.memoryUsage().heapUsed;
    parseOnce();
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(size / 2);
  });
});

describe('duplicate-param names the parameter, never a value', () => {
  it('in the strict error and in the lenient diagnostic', () => {
    const error = thrown(() => parseChallenges('Bearer scope="s3cret", SCOPE="other"'));
    expect(error.message.split('\n')[0]).toBe('Invalid auth header: duplicate param "scope" at offset 23');
    const diagnostics: Diagnostic[] = [];
    parseChallenges('Bearer scope=a, scope=b', { lenient: true, onDiagnostic: (d) => diagnostics.push(d) });
    expect(diagnostics.map((d) => d.message)).toEqual(['duplicate param "scope"']);
  });

  it('in credentials too, with the values still redacted', () => {
    const error = thrown(() => parseCredentials('Digest nonce="n0nceValue", nonce="other"'));
    expect(error.message).toContain('duplicate param "nonce"');
    expect(error.message).not.toContain('n0nce');
  });
});
