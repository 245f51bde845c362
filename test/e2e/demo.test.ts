import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// `pnpm demo` builds, then runs this bin: the test runs the built CLI as a user would.
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = `${root}packages/cli/dist/bin.js`;

beforeAll(() => {
  if (!existsSync(bin)) execFileSync('pnpm', ['-s', 'build'], { cwd: root, stdio: 'ignore' });
}, 180_000);

// The 15-second budget of the demo is a ceiling here, not a measurement: it takes about half a second.
function demo(env: Record<string, string | undefined>) {
  return spawnSync(process.execPath, [bin, 'demo'], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, ...env } });
}

describe('pnpm demo', () => {
  it('shows every step and exits 0, plain when NO_COLOR is set', () => {
    const run = demo({ NO_COLOR: '1', FORCE_COLOR: undefined });
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).not.toContain('\u001b[');
    expect(out).toMatch(/← 401\n {5}WWW-Authenticate: Bearer realm="mcp", scope="mcp:write", resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
    expect(out).toContain('readBearerChallenge → realm=mcp scope=[mcp:write]');
    expect(out).toContain('every parameter kept: realm, scope, resource_metadata');
    expect(out).toMatch(/← 200 \{"resource":"http:\/\/127\.0\.0\.1:\d+\/mcp","authorization_servers"/);
    expect(out).toContain('→ Authorization: Bearer demo-token-alice\n   ← 200 {"subject":"alice"');
    expect(out).toContain('→ x-adcp-auth: demo-token-alice (legacy alias, opt-in and additive)\n   ← 200 {"subject":"alice"');
    expect(out).toContain('← 401 invalid_token');
    expect(out).toContain('← 403 insufficient_scope');
    expect(out).toContain('audit: conflicts=[x-adcp-auth]');
    expect(out).toContain('← 400 invalid_request');
    expect(out).toContain("-    headerName: 'x-adcp-auth',");
    expect(out).toContain("+    legacyHeaderAliases: ['x-adcp-auth'],");
    expect(out).toContain('files scanned: 1, changed: 1 (dry run, nothing written)');
    expect(out).toContain('PASS: 0 finding(s)');
    expect(out.trimEnd().endsWith('Done. Server closed.')).toBe(true);
  });

  it('colors its output when asked to', () => {
    const run = demo({ NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\u001b[1m');
  });
});
