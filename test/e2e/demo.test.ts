import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// `pnpm demo` builds, then runs this bin: the test runs the built CLI as a user would.
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = `${root}packages/cli/dist/bin.js`;


// The 15-second budget of the demo is a ceiling here, not a measurement: it takes about a second.
function demo(env: Record<string, string | undefined>) {
  return spawnSync(process.execPath, [bin, 'demo'], { encoding: 'utf8', timeout: 15_000, env: { ...process.env, ...env } });
}

describe('pnpm demo', () => {
  let run: ReturnType<typeof demo>;
  let out: string;
  beforeAll(() => {
    if (!existsSync(bin)) execFileSync('pnpm', ['-s', 'build'], { cwd: root, stdio: 'ignore' });
    run = demo({ NO_COLOR: '1', FORCE_COLOR: undefined });
    out = run.stdout;
  }, 180_000);

  it('exits 0, plain when NO_COLOR is set, every line under 100 columns', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(out).not.toContain('\u001b[');
    const wide = out.split('\n').filter((line) => line.length >= 100);
    expect(wide).toEqual([]);
    expect(out.trimEnd().endsWith('Done. Servers closed.')).toBe(true);
  });

  it('shows the MCP SDK client signing in, one hop a line, from the bare 401 to the tool call', () => {
    const hops = [
      /→ resource POST \/mcp initialize {2}← 401\n {5}WWW-Authenticate: Bearer realm="mcp", scope="mcp:read",\n {7}resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/,
      /→ resource GET \/\.well-known\/oauth-protected-resource\/mcp {2}← 200/,
      /→ auth server GET \/\.well-known\/oauth-authorization-server {2}← 200/,
      /→ auth server POST \/reg {2}← 201/,
      /→ auth server GET \/auth \(scope=mcp:read, S256, resource=\/mcp\) {2}← 303/,
      /\(scripted login\) {2}← 303/,
      /\(scripted consent\) {2}← 303/,
      /← 303 → http:\/\/127\.0\.0\.1\/oauth\/callback\?code=…/,
      /→ auth server POST \/token {2}← 200/,
      /→ resource POST \/mcp initialize {2}← 200/,
      /access token: typ=at\+jwt alg=ES256 sub=demo-user scope="mcp:read" acr=urn:authheaders:demo:pwd/,
      /→ resource POST \/mcp tools\/call whoami {2}← 200\n {3}tools\/call whoami → demo-user \(mcp:read\)/,
    ];
    // Each hop is one line: the request and its answer together.
    const hopLines = out.split('\n').filter((line) => /^ {3}→ (resource|auth server) /.test(line));
    expect(hopLines.length).toBeGreaterThan(20);
    expect(hopLines.filter((line) => !/ {2}← \d{3}/.test(line))).toEqual([]);
    let from = 0;
    for (const hop of hops) {
      const at = out.slice(from).search(hop);
      expect([String(hop), at >= 0]).toEqual([String(hop), true]);
      from += at;
    }
  });

  it('shows the scope step-up: 403 insufficient_scope, a new authorization for both scopes, the call again', () => {
    expect(out).toMatch(/tools\/call add-note {2}← 403\n {5}WWW-Authenticate: Bearer realm="mcp", error="insufficient_scope"/);
    expect(out).toContain('scope="mcp:read mcp:write"');
    expect(out).toMatch(/GET \/auth \(scope=mcp:read mcp:write, S256, resource=\/mcp\) {2}← 303/);
    expect(out).toContain('tools/call add-note → note added by demo-user');
  });

  it('shows the token carriers and the validator refusals', () => {
    expect(out).toMatch(/x-adcp-auth: eyJ\S+…\S{6} \(legacy alias, opt-in and additive\)\n {3}← 200 demo-user \(mcp:read mcp:write\)/);
    expect(out).toContain('audit: conflicts=[x-adcp-auth]');
    expect(out).toContain('← 400 invalid_request');
    expect(out.match(/← 401 WWW-Authenticate: Bearer realm="mcp", error="invalid_token"/g)).toHaveLength(3);
    // Each refusal of the JWT validator says which check failed (a long header goes on in lines indented by 7).
    const unwrapped = out.replace(/\n {7}/g, ' ');
    expect(unwrapped).toMatch(/a forged signature\n {3}← 401 WWW-Authenticate: [^\n]*error_description="The access token signature is invalid\."/);
    expect(unwrapped).toMatch(/alg none\n {3}← 401 WWW-Authenticate: [^\n]*error_description="The access token is signed with an algorithm this resource does not accept\."/);
    expect(unwrapped).toMatch(/10 minutes later[^\n]*\n {3}← 401 WWW-Authenticate: [^\n]*error_description="The access token expired\."/);
    expect(out).toMatch(/error="insufficient_user_authentication",[^]*acr_values="urn:authheaders:demo:mfa", max_age="300"/);
  });

  it('labels the codemod file as an example and passes the check', () => {
    expect(out).toContain('on an example file (server.ts in a temporary folder, not a file of yours)');
    expect(out).toContain('--- (example)/server.ts');
    expect(out).not.toContain('./server.ts');
    expect(out).toContain("-    headerName: 'x-adcp-auth',");
    expect(out).toContain("+    legacyHeaderAliases: ['x-adcp-auth'],");
    expect(out).toContain('files scanned: 1, changed: 1 (dry run, nothing written)');
    expect(out).toContain('PASS: 0 finding(s)');
  });

  it('shows one DPoP sign-in and one refused replay', () => {
    const step = out.slice(out.indexOf('8. DPoP'));
    expect(step).toMatch(/token_type=DPoP, cnf\.jkt=/);
    expect(step).toMatch(/no nonce yet {2}← 401\n {5}WWW-Authenticate: DPoP realm="mcp", error="use_dpop_nonce"/);
    expect(step).toMatch(/DPoP-Nonce: [\w-]{22}/);
    expect(step).toMatch(/the same with the nonce {2}← 200 \{"subject":"demo-user"\}/);
    expect(step).toMatch(/a replayed proof {2}← 401\n {5}WWW-Authenticate: DPoP realm="mcp", error="invalid_dpop_proof"/);
    expect(step).toMatch(/the token as Bearer, without the key {2}← 401/);
  });

  it('colors its output when asked to', () => {
    const colored = demo({ NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(colored.status).toBe(0);
    expect(colored.stdout).toContain('\u001b[1m');
  });
});
