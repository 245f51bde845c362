import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startShapedServer, type ShapedServer } from './support/mcp-server-shape';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const guard = fileURLToPath(new URL('./support/loopback-only-preload.cjs', import.meta.url));

/** Runs the CLI from source in a child process whose network is limited to loopback by a preloaded guard. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', guard, '--import', 'tsx', bin, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const open: ShapedServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('the authheaders binary under a loopback-only guard', () => {
  it('the guard is live: a target off loopback ends the child before any packet', async () => {
    const r = await cli(['check', 'https://192.0.2.1/mcp', '--timeout', '2000']);
    expect(r.code).toBe(99);
    expect(r.stderr).toMatch(/loopback guard: refused a (lookup of|connection to) 192\.0\.2\.1/);
  }, 20_000);

  it('refuses a redirect to http://192.0.2.1/mcp and a metadata hint on 169.254.169.254 without connecting', async () => {
    const server = await startShapedServer({
      challenge: () => 'Bearer realm="mcp", scope="s", resource_metadata="https://169.254.169.254/latest/meta-data/"',
      route: (req, res) => {
        if (req.url !== '/old') return false;
        res.writeHead(302, { location: 'http://192.0.2.1/mcp' }).end();
        return true;
      },
    });
    open.push(server);
    const redirected = await cli(['check', `${server.origin}/old`, '--timeout', '5000']);
    expect([redirected.code, redirected.stderr]).toEqual([2, '']);
    expect(redirected.stdout).toContain('REDIRECT_REFUSED');
    const hinted = await cli(['check', server.resource, '--json', '--timeout', '5000']);
    expect(hinted.code).toBe(2);
    expect((JSON.parse(hinted.stdout) as { primary: { code: string } }).primary.code).toBe('PRIVATE_ADDRESS_REFUSED');
    expect(hinted.stderr).not.toContain('loopback guard');
  }, 30_000);
});
