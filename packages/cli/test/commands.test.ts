import { describe, expect, it } from 'vitest';
import { startDemoServer } from '../src/demo/demo-server';
import { terminalStyle } from '../src/terminal-style';
import { authorizationServerMetadata } from './support/loopback-server';
import { startShapedServer } from './support/mcp-server-shape';
import { runCli } from './support/run-cli';

describe('authheaders parse', () => {
  it('prints the challenges as a table', async () => {
    const r = await runCli(['parse', 'Bearer realm="api", scope="a b", Basic realm=x, Newauth abc==']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '#  scheme   token68  parameter  value',
      '1  Bearer            realm      api',
      '                     scope      a b',
      '2  Basic             realm      x',
      '3  Newauth  abc==',
    ]);
  });

  it('prints JSON with --json, reading field lines from stdin as one list', async () => {
    const r = await runCli(['parse', '--json'], 'Bearer realm="a"\nerror="invalid_token"\nBasic realm=b\n');
    expect(JSON.parse(r.stdout)).toEqual({
      challenges: [
        { scheme: 'Bearer', params: { realm: 'a', error: 'invalid_token' } },
        { scheme: 'Basic', params: { realm: 'b' } },
      ],
      diagnostics: [],
    });
  });

  it('shows a strict syntax error with a caret under the offset and exits 1', async () => {
    const r = await runCli(['parse', 'Bearer realm="a" scope="b"']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('error[expected-comma] Invalid auth header: expected comma at offset 17');
    const caret = lines.findIndex((l) => l.trimStart() === '^');
    expect(lines[caret - 1]!.indexOf('scope')).toBe(lines[caret]!.indexOf('^'));
  });

  it('repairs with --lenient and lists each repair on stderr', async () => {
    const r = await runCli(['parse', '--lenient', 'Bearer realm="a" scope="b"']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('repair[expected-comma] at offset 17: expected comma');
    expect(r.stdout).toContain('scope      b');
  });

  it('never echoes a credential in a syntax error', async () => {
    const r = await runCli(['parse', '--credentials', 'Bearer s3cr3t-token extra']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('s3cr3t');
    expect(r.stderr).toContain('Bearer');
  });

  it('says what an empty list is', async () => {
    expect((await runCli(['parse', ', ,'])).stdout).toBe('(no challenges: an empty list)');
  });
});

describe('authheaders serialize', () => {
  it('round-trips the output of parse --json', async () => {
    const parsed = await runCli(['parse', '--json', 'Bearer realm="a b", error=invalid_token']);
    const r = await runCli(['serialize'], parsed.stdout);
    expect(r).toEqual({ code: 0, stdout: 'Bearer realm="a b", error=invalid_token', stderr: '' });
  });

  it('serializes credentials and refuses control characters naming the field, not the value', async () => {
    expect((await runCli(['serialize', '--credentials', '{"scheme":"Bearer","token68":"abc=="}'])).stdout).toBe('Bearer abc==');
    const r = await runCli(['serialize', '{"scheme":"Bearer","params":{"realm":"x\\r\\nSet-Cookie: a=b"}}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('realm');
    expect(r.stderr).not.toContain('Set-Cookie');
  });

  it('refuses what is not JSON', async () => {
    const r = await runCli(['serialize', '{nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error not JSON/);
  });
});

describe('authheaders check', () => {
  it('exits 0 for our middleware, prints progress on stderr and the report as JSON', async () => {
    const server = await startDemoServer();
    try {
      const r = await runCli(['check', server.resource, '--json', '--timeout', '5000']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { target: string; ok: boolean; trace: unknown[] };
      expect(report).toMatchObject({ target: server.resource, ok: true });
      expect(r.stderr.split('\n').filter((l) => l.startsWith('→ '))).toHaveLength(report.trace.length);
    } finally {
      await server.close();
    }
  });

  it('exits 2 for a high-severity finding, with the primary finding first and the trace printed once', async () => {
    const r = await runCli(['check', 'http://127.0.0.1:1/mcp', '--timeout', '2000']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^FAIL http:\/\/127\.0\.0\.1:1\/mcp {2}1 high/);
    expect(r.stdout.split('\n').slice(1, 4)).toEqual(['', 'Primary finding', expect.stringContaining('NETWORK_ERROR') as string]);
    expect(r.stdout.split('\n').filter((l) => l.includes('POST http://127.0.0.1:1/mcp'))).toHaveLength(1);
    expect(r.stderr).toBe('');
  });

  it('shows a medium finding as WARN, not PASS, and exits 0', async () => {
    const server = await startShapedServer({ authorizationServer: (origin) => authorizationServerMetadata(origin, { registration_endpoint: undefined }) });
    try {
      const r = await runCli(['check', server.resource]);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toMatch(/^WARN http:\/\/127\.0\.0\.1:\d+\/mcp  0 high, 1 medium/);
      expect(r.stdout).toContain('CLIENT_REGISTRATION_UNAVAILABLE');
    } finally {
      await server.close();
    }
  });

  it('refuses a bad timeout as a usage error (64), as JSON with --json', async () => {
    const r = await runCli(['check', 'https://example.com/mcp', '--timeout', 'soon']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe("authheaders check: --timeout takes a whole number of milliseconds; see 'authheaders check --help'");
    const j = await runCli(['check', 'https://example.com/mcp', '--json', '--timeout', 'soon']);
    expect(j.code).toBe(64);
    expect(JSON.parse(j.stdout)).toEqual({ error: { kind: 'usage', message: 'authheaders check: --timeout takes a whole number of milliseconds', exitCode: 64 } });
  });
});

describe('usage', () => {
  it('prints help for every command and exits 0', async () => {
    for (const command of ['parse', 'serialize', 'check', 'demo']) {
      const r = await runCli([command, '--help']);
      expect([command, r.code]).toEqual([command, 0]);
      expect(r.stdout).toContain(`Usage: authheaders ${command}`);
    }
    expect((await runCli(['--help'])).stdout).toContain('Commands:');
  });

  it('exits 64 for unknown commands, unknown options and options of another command, with one clean line', async () => {
    expect((await runCli([])).code).toBe(64);
    const unknownCommand = await runCli(['frobnicate']);
    expect([unknownCommand.code, unknownCommand.stderr]).toEqual([64, "authheaders: unknown command frobnicate; see 'authheaders --help'"]);
    const bogus = await runCli(['parse', '--bogus', 'x']);
    expect([bogus.code, bogus.stderr]).toEqual([64, "authheaders parse: unknown option --bogus; see 'authheaders parse --help'"]);
    const r = await runCli(['serialize', '--lenient', '{}']);
    expect([r.code, r.stderr]).toEqual([64, "authheaders serialize: unknown option --lenient; see 'authheaders serialize --help'"]);
    expect((await runCli(['check', '--timeout'])).stderr).toContain('--timeout needs a value');
    expect((await runCli(['check', '--json=yes', 'x'])).code).toBe(64);
    expect((await runCli(['parse', '--bogus\u001b[2K'])).stderr).toContain('--bogus\\x1b[2K');
    const missing = await runCli(['parse'], undefined);
    expect([missing.code, missing.stderr]).toEqual([64, expect.stringContaining('no value given') as string]);
  });

  it('prints usage errors as JSON with --json, for every command', async () => {
    const r = await runCli(['parse', '--json', '--bogus']);
    expect(r.code).toBe(64);
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'usage', message: 'authheaders parse: unknown option --bogus', exitCode: 64 } });
    expect(r.stderr).toBe('');
  });
});

describe('terminal style', () => {
  it('colors a TTY, not a pipe, and never when NO_COLOR is set; FORCE_COLOR forces it', () => {
    expect(terminalStyle(true, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(terminalStyle(false, {}).red('x')).toBe('x');
    expect(terminalStyle(true, { NO_COLOR: '1' }).red('x')).toBe('x');
    expect(terminalStyle(false, { FORCE_COLOR: '1' }).enabled).toBe(true);
  });
});
