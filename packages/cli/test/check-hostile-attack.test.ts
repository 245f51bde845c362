// Careless options and hostile servers found by probing the check as an attacker would, each a test that failed
// before its fix. All servers are on loopback; the resolver refuses anything else.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { codes, guardedCheck } from './support/guarded-check';
import { startShapedServer } from './support/mcp-server-shape';
import { runCli } from './support/run-cli';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function shaped(...args: Parameters<typeof startShapedServer>) {
  const server = await startShapedServer(...args);
  open.push(server);
  return server;
}

describe('a budget longer than a Node timer holds', () => {
  it('is a long budget, not one that runs out at once (a timer past 2^31 - 1 ms fires after 1 ms)', async () => {
    const server = await shaped();
    const report = await guardedCheck(server.resource, { timeoutMs: 3_000_000_000 });
    expect(codes(report)).toEqual([]);
    expect(report.trace.every((t) => t.timedOut !== true)).toBe(true);
  });
});

describe('--json is as safe to print as the text report', () => {
  it('writes C1 controls and DEL from the server as \\u escapes, and the JSON still reads back the same', async () => {
    const forged = '\u009b2J\u009b1;1HPASS\u007f\u001b[2K';
    const server = await shaped({ resourceMetadata: (origin) => ({ resource: `${origin}/other${forged}`, authorization_servers: [origin] }) });
    const r = await runCli(['check', server.resource, '--json']);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain('\\u009b2J');
    expect((JSON.parse(r.stdout) as { resourceMetadata: { resource: string } }).resourceMetadata.resource).toBe(`${server.origin}/other${forged}`);
  });
});

describe('the token never reaches the report, even echoed in JSON with escapes', () => {
  const token = 'mF_9.B5f-4/1JqM+x=';
  // What a server that echoes credentials writes once its JSON encoder escapes `/` (PHP's default) or uses \u escapes.
  const escaped = [token.replace('/', '\\/'), `\\u006d${token.slice(1)}`];

  it('in metadata documents, member values and member names, in --json and in the text report', async () => {
    const server = await shaped({
      resourceMetadata: (origin) =>
        `{"resource":"${origin}/mcp","authorization_servers":["${origin}"],"echo":"${escaped[0]}","deep":[{"x":"Bearer ${escaped[1]}"}],"${escaped[0]}":1,"__proto__":"${escaped[0]}"}`,
    });
    const report = await guardedCheck(server.resource, { token });
    expect(JSON.stringify(report)).not.toContain(token);
    expect(report.resourceMetadata).toMatchObject({ echo: '[redacted]', deep: [{ x: 'Bearer [redacted]' }], '[redacted]': 1 });
    expect(Object.hasOwn(report.resourceMetadata!, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(report.resourceMetadata)).toBe(Object.prototype);
    const json = await runCli(['check', server.resource, '--json', '--token', token]);
    const text = await runCli(['check', server.resource, '--token', token]);
    expect(json.stdout).toContain('[redacted]');
    expect(`${json.stdout}${json.stderr}${text.stdout}${text.stderr}`).not.toContain(token);
  });
});

describe('a token that no header can carry is a usage error, not a finding about the server', () => {
  it.each([['a character beyond Latin-1', 'key-\u20ac'], ['a tab', 'key\tvalue'], ['a line feed', 'key\nvalue']])('%s', async (_, token) => {
    const server = await shaped();
    const r = await runCli(['check', server.resource, '--json', '--token', token]);
    expect(r.code).toBe(64);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { kind: 'usage', exitCode: 64 } });
    expect(r.stdout).toContain('--token takes');
    expect(server.requests).toEqual([]);
  });
});

describe('a server that switches protocols', () => {
  it('answers within the budget instead of waiting forever after a 101', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.once('data', () => socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }) });
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    // Before, this never settled (the test's own timeout failed it); now the 101 is reported at once.
    const report = await guardedCheck(target, { timeoutMs: 5_000 });
    expect(codes(report)).toEqual(['NETWORK_ERROR']);
    expect(report.primary?.message).toContain('switched protocols');
  });
});

describe('a token that also occurs in what the server sends', () => {
  it('does not change the verdict: answers are judged as received and only the report is redacted', async () => {
    const server = await shaped();
    const baseline = codes(await guardedCheck(server.resource, { token: 'a-long-random-token-Zx81' }));
    expect(baseline).toEqual([]);
    // A dev token that is also a word of the metadata (a path, a member name, the host): before, the answers were
    // redacted before the rules read them, and each of these reported false high findings (RESOURCE_MISMATCH, ...).
    for (const token of ['oauth', 'mcp', 'token', '127.0.0.1']) {
      const report = await guardedCheck(server.resource, { token });
      expect([token, codes(report)]).toEqual([token, baseline]);
      expect(JSON.stringify(report)).not.toContain(token);
    }
  });
});

describe('a budget that is no budget, given through the API', () => {
  it.each([Number.NaN, 0, -1])('timeoutMs %s is a TypeError before anything is sent, not a TIMEOUT of the server', async (timeoutMs) => {
    const server = await shaped();
    await expect(guardedCheck(server.resource, { timeoutMs })).rejects.toThrow(/timeoutMs must be a positive number/);
    expect(server.requests).toEqual([]);
  });
});

describe('authheaders parse prints a header copied from a server as safely as check does', () => {
  const header = 'Bearer realm="a\u009b2J\u009b1;1HPASS", error="invalid_token"'; // obs-text: C1 CSI is valid in a quoted-string

  it('escapes C1 controls in the table and in --json', async () => {
    const table = await runCli(['parse', header]);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(/[\u007f-\u009f]/);
    expect(table.stdout).toContain('a\\x9b2J\\x9b1;1HPASS');
    const json = await runCli(['parse', '--json', header]);
    expect(json.stdout).not.toMatch(/[\u007f-\u009f]/);
    expect((JSON.parse(json.stdout) as { challenges: Array<{ params: Record<string, string> }> }).challenges[0]!.params.realm).toBe('a\u009b2J\u009b1;1HPASS');
  });

  it('documents the usage exit code it returns (64)', async () => {
    const r = await runCli(['parse', '--help']);
    expect(r.stdout).toContain('64 usage error');
    expect((await runCli(['parse', '--bogus'])).code).toBe(64);
  });
});
