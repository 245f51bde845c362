import { parseCredentials } from '@authheaders/www-authenticate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand, type ParseFlags } from '../src/commands/parse-command';
import { memoryIO } from './support/run-cli';

async function parse(value: string, flags: Partial<ParseFlags>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, finish } = memoryIO();
  return finish(await parseCommand([value], { json: false, lenient: false, credentials: false, ...flags }, io));
}

describe('authheaders parse --json on a syntax error', () => {
  it('prints one JSON error object on stdout with the code, offset and message, and exits 1', async () => {
    const r = await parse('Bearer realm="a" scope="b"', { json: true });
    expect(r.code).toBe(1);
    const printed = JSON.parse(r.stdout) as { error: { code: string; offset: number; message: string } };
    expect(printed).toEqual({ error: { code: 'expected-comma', offset: 17, message: expect.any(String) } });
    expect(printed.error.message).toMatch(/^Invalid auth header: expected comma at offset 17\n/);
    // The human-readable error still goes to stderr.
    expect(r.stderr).toContain('error[expected-comma]');
  });

  it('writes a C1 control from the field (U+009B, CSI) as a \\u escape in the JSON error, as in a parsed result', async () => {
    const r = await parse('Bearer realm="a\u009b2Jb" scope="x" y', { json: true });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u009b');
    expect(r.stdout).toContain('\\u009b');
    expect((JSON.parse(r.stdout) as { error: { message: string } }).error.message).toContain('a\u009b2Jb');
  });

  it('shows a C1 control from the field as ? in the error on stderr, the ^ marker still under the fault', async () => {
    const r = await parse('Bearer realm="a\u009b2Jb" scope="x" y', {});
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('\u009b');
    const lines = r.stderr.split('\n');
    const snippet = lines.find((line) => line.includes('realm="a?2Jb"'))!;
    const marker = lines[lines.indexOf(snippet) + 1]!;
    // The fault is the missing comma: the marker points at `scope`, one column per character of the field.
    expect(snippet.slice(marker.indexOf('^'))).toBe('scope="x" y');
  });

  it('keeps a credential out of the JSON error as well', async () => {
    const r = await parse('Bearer s3cr3t-token extra', { json: true, credentials: true });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: expect.any(String) } });
    expect(r.stdout).not.toContain('s3cr3t');
    expect(r.stdout).toContain('Bearer');
  });

  it('prints nothing on stdout for a syntax error without --json', async () => {
    const r = await parse('Bearer realm="a" scope="b"', {});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});

// Item 10 of the second hostile-input round: a first token followed by SP was shown as the scheme, so
// `parse --credentials 'sk_live_… "x'` printed the secret in its error, and `--lenient` in its table.
describe('authheaders parse --credentials shows a first token as the scheme only when it is one', () => {
  const secret = 'sk_live_51HSECRETVALUE';
  const all = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

  it('masks an unknown first token in the error, on stderr and in --json, the ^ still under the fault', async () => {
    const text = await parse(`${secret} "x`, { credentials: true });
    const json = await parse(`${secret} "x`, { credentials: true, json: true });
    expect([text.code, json.code]).toEqual([1, 1]);
    expect(all(text) + all(json)).not.toContain('sk_live');
    const lines = text.stderr.split('\n');
    expect(lines.slice(1, 3)).toEqual([`  ${'*'.repeat(secret.length)} "*`, `  ${' '.repeat(secret.length + 1)}^`]);
    expect((JSON.parse(json.stdout) as { error: { message: string } }).error.message).toBe(text.stderr.split('\n').slice(0, 3).join('\n').replace('error[expected-param-name] ', ''));
  });

  it('masks it when the snippet starts inside it (a secret longer than the 32 characters shown before the fault)', async () => {
    const long = `${secret}${'x'.repeat(40)}`;
    const r = await parse(`${long} "x`, { credentials: true });
    expect(r.stderr).not.toContain('xxx');
    expect(r.stderr.split('\n')[1]).toBe(`  ${'*'.repeat(31)} "*`); // 31 characters of it, SP, then the fault
  });

  it('shows [redacted] for the scheme of a repaired value in the --lenient table and JSON', async () => {
    const table = await parse(`${secret} "x`, { credentials: true, lenient: true });
    const json = await parse(`${secret} "x`, { credentials: true, lenient: true, json: true });
    expect([table.code, json.code]).toEqual([0, 0]);
    expect(all(table) + all(json)).not.toContain('sk_live');
    expect(table.stdout.split('\n')[1]).toMatch(/^1 {2}\[redacted\]$/);
    expect((JSON.parse(json.stdout) as { credentials: { scheme: string } }).credentials.scheme).toBe('[redacted]');
  });

  it('still shows a known scheme (any case) in an error and a repair, and any scheme of a value that parses', async () => {
    expect((await parse('bEARER abc "x', { credentials: true })).stderr).toContain('bEARER *** "*');
    expect((await parse('DPoP abc "x', { credentials: true, lenient: true })).stdout).toMatch(/^1 {2}DPoP/m);
    expect((await parse('Custom-Scheme abc==', { credentials: true })).stdout).toMatch(/^1 {2}Custom-Scheme {2}abc==$/m);
    expect((await parse('Custom-Scheme a=b', { credentials: true, lenient: true })).stdout).toMatch(/^1 {2}Custom-Scheme/m);
  });

  it('property: a first token is printed only when it is a known scheme or the value parses strictly (fixed seed)', async () => {
    const tchar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&\'*+-.^_`|~'.split(''));
    const rest = fc.string({ unit: fc.constantFrom(...' \t"\\,=abc/+'.split('')), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: tchar, minLength: 12, maxLength: 40 }), rest, fc.boolean(), fc.boolean(), async (first, after, lenient, json) => {
        const value = `${first} ${after}`;
        let strict = true;
        try {
          parseCredentials(value);
        } catch {
          strict = false;
        }
        const r = await parse(value, { credentials: true, lenient, json });
        if (!strict) expect(all(r)).not.toContain(first);
      }),
      { seed: Number(process.env.FC_SEED ?? 20261206), numRuns: Number(process.env.FC_NUM_RUNS ?? 300) },
    );
  });
});
