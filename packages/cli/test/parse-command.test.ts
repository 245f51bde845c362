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
