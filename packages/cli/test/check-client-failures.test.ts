// The setups of issue 19, where `authheaders check` was run side by side with authprobe on 15 real servers with the
// MCP SDK's client as ground truth. The SDK's own OAuth example runs here for real (its code from the registry);
// the others are loopback servers shaped like the real ones, each answering what the real one answered (quoted).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { formatCheckReport } from '../src/check/format-check-report';
import { escapeMarkdown } from '../src/check/format-check-markdown';
import { specMarkdown } from '../src/check/spec-links';
import { terminalStyle } from '../src/terminal-style';
import { codes, guardedCheck as check, rated } from './support/guarded-check';
import { authorizationServerMetadata, json, startLoopbackServer } from './support/loopback-server';
import { closeAfterEach } from './support/close-after-each';
import { startShapedServer, type ServerShape } from './support/mcp-server-shape';
import { runCli } from './support/run-cli';
import { startSdkOAuthExample } from './support/sdk-oauth-example';

const track = closeAfterEach();
const shaped = (shape: ServerShape = {}) => track(startShapedServer(shape));
const isMcp = (req: IncomingMessage) => req.url === '/mcp';
const TOKEN = 'dev-token-7Qm2Vx91';

describe('1. a made-up token on every check: INVALID_TOKEN_NOT_CHALLENGED', () => {
  it('catches the MCP SDK OAuth example answering an unknown token with 500 and no challenge (the real SDK)', async () => {
    // What @modelcontextprotocol/sdk 1.32.2 answers, as received here:
    //   POST /mcp, no Authorization → 401, WWW-Authenticate: Bearer error="invalid_token", error_description="Missing
    //     Authorization header", resource_metadata="http://127.0.0.1:<port>/.well-known/oauth-protected-resource/mcp"
    //   POST /mcp, Authorization: Bearer <unknown> → 500 {"error":"server_error","error_description":"Internal Server Error"}
    //   (DemoInMemoryAuthProvider.verifyAccessToken throws a plain Error, which requireBearerAuth answers with 500)
    const server = await track(startSdkOAuthExample());
    const report = await check(server.resource);
    expect(report.ok).toBe(false);
    expect(report.primary?.code).toBe('INVALID_TOKEN_NOT_CHALLENGED');
    expect(report.primary?.severity).toBe('high');
    expect(report.primary?.evidence).toBe(`POST ${server.resource} → 500 (made-up token), no WWW-Authenticate`);
    const made = report.trace.find((t) => t.step === 'made-up token')!;
    expect(made).toMatchObject({ method: 'POST', status: 500, credential: 'authorization' });
    // What a client keys on is never printed: the trace names the header, not the token.
    expect(JSON.stringify(report)).not.toMatch(/Bearer [A-Za-z0-9_-]{32}/);
    const cli = await runCli(['check', server.resource]);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toContain('INVALID_TOKEN_NOT_CHALLENGED');
  });

  it('rates a 2xx or a 403 high, and a 401 without error="invalid_token" (or without a challenge) medium', async () => {
    const answering = (answer: (res: ServerResponse) => void) =>
      shaped({ route: (req, res) => (isMcp(req) && req.headers.authorization !== undefined ? (answer(res), true) : false) });
    const accepted = await answering((res) => json(res, 200, { jsonrpc: '2.0', id: 1, result: {} }));
    expect(rated(await check(accepted.resource))).toEqual(['high:INVALID_TOKEN_NOT_CHALLENGED']);
    const forbidden = await answering((res) => json(res, 403, { error: 'forbidden' }));
    expect(rated(await check(forbidden.resource))).toEqual(['high:INVALID_TOKEN_NOT_CHALLENGED']);
    const bare = await answering((res) => json(res, 401, { error: 'unauthorized' }));
    const medium = await check(bare.resource);
    expect(rated(medium)).toEqual(['medium:INVALID_TOKEN_NOT_CHALLENGED']);
    expect(medium.ok).toBe(true);
    const noError = await answering((res) => json(res, 401, {}, { 'www-authenticate': 'Bearer realm="mcp"' }));
    expect((await check(noError.resource)).findings[0]?.message).toContain('a Bearer challenge without error');
  });

  it('never shows the made-up token, even when the server echoes it in its challenge and body', async () => {
    let sent = '';
    const server = await shaped({
      route: (req, res) => {
        if (!isMcp(req) || req.headers.authorization === undefined) return false;
        sent = req.headers.authorization.slice('Bearer '.length);
        json(res, 401, { error: 'invalid_token', token: sent }, { 'www-authenticate': `Bearer error="bad", error_description="token ${sent} unknown"` });
        return true;
      },
    });
    for (const args of [[], ['--json'], ['--format', 'markdown']]) {
      const cli = await runCli(['check', server.resource, ...args]);
      expect(sent).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(cli.stdout + cli.stderr).not.toContain(sent);
      expect(cli.stdout + cli.stderr).toMatch(/\\?\[redacted\\?\]/);
    }
  });

  it('sends no made-up token to a resource that does not ask for credentials', async () => {
    const server = await shaped({ unauthenticatedStatus: 200 });
    await check(server.resource);
    expect(server.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  });
});

describe('2. error codes nobody registered', () => {
  it('flags @hono/mcp error="Unauthorized" (shaped)', async () => {
    // @hono/mcp's bearer middleware, as measured: 401, WWW-Authenticate: Bearer error="Unauthorized",
    // resource_metadata="<origin>/.well-known/oauth-protected-resource" (to every request, with or without a token).
    const server = await shaped({
      route: (req, res, origin) => {
        if (!isMcp(req)) return false;
        json(res, 401, { error: 'Unauthorized' }, { 'www-authenticate': `Bearer error="Unauthorized", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"` });
        return true;
      },
    });
    const report = await check(server.resource);
    expect(codes(report)).toContain('ERROR_CODE_UNREGISTERED');
    const found = report.findings.find((f) => f.code === 'ERROR_CODE_UNREGISTERED')!;
    expect(found.severity).toBe('medium');
    expect(found.message).toMatch(/^error="Unauthorized" is not a registered error code/);
    expect(found.evidence).toContain(`POST ${server.resource} → 401, WWW-Authenticate: Bearer error="Unauthorized"`);
  });

  it('flags mcp-auth missing_auth_header, and with --token its 403 missing_required_scopes: no step-up (shaped)', async () => {
    // mcp-auth, as measured: no token → 401, WWW-Authenticate: Bearer error="missing_auth_header"; a valid token
    // without the scope → 403, WWW-Authenticate: Bearer error="missing_required_scopes".
    const server = await shaped({
      route: (req, res, origin) => {
        if (!isMcp(req) || req.method === 'OPTIONS') return false;
        const hint = `resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`;
        if (req.headers.authorization === `Bearer ${TOKEN}`) json(res, 403, { error: 'missing_required_scopes' }, { 'www-authenticate': `Bearer error="missing_required_scopes", ${hint}` });
        else if (req.headers.authorization !== undefined) json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': `Bearer error="invalid_token", ${hint}` });
        else json(res, 401, { error: 'missing_auth_header' }, { 'www-authenticate': `Bearer error="missing_auth_header", ${hint}` });
        return true;
      },
    });
    const report = await check(server.resource, { token: TOKEN });
    expect(report.primary?.code).toBe('INSUFFICIENT_SCOPE_ERROR_MISSING');
    expect(report.primary?.message).toContain('error="missing_required_scopes"');
    const unregistered = report.findings.find((f) => f.code === 'ERROR_CODE_UNREGISTERED')!;
    expect(unregistered.message).toMatch(/^error="missing_auth_header", error="missing_required_scopes" is not/);
    expect(unregistered.evidence).toContain('(token in authorization)');
    expect(JSON.stringify(report)).not.toContain(TOKEN);
    // Without --token nothing is said about scopes: the made-up token gets invalid_token.
    expect(codes(await check(server.resource))).not.toContain('INSUFFICIENT_SCOPE_ERROR_MISSING');
  });
});

describe('3. metadata behind the auth middleware: RESOURCE_METADATA_BEHIND_AUTH', () => {
  it('names the cause when every metadata URL answers 401, as on mcp-proxy --apiKey and @fastify/bearer-auth (shaped)', async () => {
    // @fastify/bearer-auth registered for the whole app, as measured: every route, the well-known ones included,
    // answers 401 {"error":"missing authorization header"}.
    const server = await track(
      startLoopbackServer((req, res) => json(res, 401, { error: 'missing authorization header' }, { 'www-authenticate': `Bearer realm="mcp"${req.headers.authorization === undefined ? '' : ', error="invalid_token"'}` })),
    );
    const report = await check(`${server.origin}/mcp`);
    expect(report.primary?.code).toBe('RESOURCE_METADATA_BEHIND_AUTH');
    expect(codes(report)).not.toContain('RESOURCE_METADATA_MISSING');
    expect(report.primary?.evidence).toBe(`GET ${server.origin}/.well-known/oauth-protected-resource/mcp → 401; GET ${server.origin}/.well-known/oauth-protected-resource → 401`);
    expect(report.primary?.message).toContain('Mount it before the middleware');
  });

  it('keeps RESOURCE_METADATA_MISSING when the URLs answer 404', async () => {
    const server = await track(startLoopbackServer((req, res) => json(res, req.url === '/mcp' ? 401 : 404, {}, req.url === '/mcp' ? { 'www-authenticate': 'Bearer realm="x", error="invalid_token"' } : {})));
    expect(codes(await check(`${server.origin}/mcp`))).toContain('RESOURCE_METADATA_MISSING');
  });
});

describe('4. one registration per dangerous redirect URI', () => {
  it('finds the open door of the SDK demo authorization server: plain http and a fragment accepted, script refused (the real SDK)', async () => {
    // The SDK's registration handler, as received here: {"redirect_uris":["http://attacker.invalid/callback"]} → 201;
    // javascript: and data: → 400 invalid_client_metadata "URL cannot use javascript:, data:, or vbscript: scheme";
    // "https://attacker.invalid/callback#fragment" → 201. Both URIs in one request, as before, got 400 and hid the rest.
    const server = await track(startSdkOAuthExample());
    const report = await check(server.resource, { probeRegistration: true });
    const found = report.findings.find((f) => f.code === 'REGISTRATION_ACCEPTS_DANGEROUS_REDIRECT')!;
    expect(found.severity).toBe('high');
    expect(found.message).toContain('(http://attacker.invalid/callback, https://attacker.invalid/callback#fragment)');
    expect(found.evidence).toMatch(/http:\/\/attacker\.invalid\/callback → 201; javascript:\S+ → 400; data:\S+ → 400; https:\/\/attacker\.invalid\/callback#fragment → 201$/);
  });
});

describe('5. browsers: CORS_HIDES_CHALLENGE', () => {
  it('flags mcp-proxy and fastmcp OAuth proxy: Access-Control-Allow-Origin * but only Mcp-Session-Id exposed (shaped)', async () => {
    // As measured: 401 with Access-Control-Allow-Origin: *, Access-Control-Expose-Headers: Mcp-Session-Id.
    const server = await shaped({ cors: { exposeHeaders: 'Mcp-Session-Id' } });
    const report = await check(server.resource);
    expect(rated(report)).toEqual(['medium:CORS_HIDES_CHALLENGE']);
    expect(report.ok).toBe(true);
    expect(report.primary?.message).toContain('does not list WWW-Authenticate');
    expect(report.primary?.evidence).toContain('access-control-expose-headers: Mcp-Session-Id');
    // Both probes carried an Origin, and the preflight asked for Authorization.
    const preflight = server.requests.find((r) => r.method === 'OPTIONS')!;
    expect(preflight.headers['access-control-request-headers']).toContain('authorization');
  });

  it('flags a preflight that does not allow Authorization (a * does not cover it), or that is refused', async () => {
    const star = await shaped({ cors: { allowHeaders: '*' } });
    expect((await check(star.resource)).findings[0]?.message).toContain('does not list Authorization');
    const refused = await shaped({ cors: { preflightStatus: 401 } });
    expect((await check(refused.resource)).findings[0]?.message).toContain('the preflight got 401');
  });

  it('is an info note, not this finding, when the server answers no CORS at all', async () => {
    const server = await shaped({ cors: false });
    expect(rated(await check(server.resource))).toEqual(['info:CORS_NOT_ENABLED']);
  });
});

describe('6 and 7. the primary finding is what stops a client, and no false blame on a proxy', () => {
  it('never makes a MAY the primary finding: a healthy server without realm has none', async () => {
    const server = await shaped({ challenge: (origin) => `Bearer scope="mcp:write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"` });
    const report = await check(server.resource);
    expect(rated(report)).toEqual(['info:REALM_MISSING']);
    expect(report.primary).toBeUndefined();
  });

  it('on fastmcp oauth.enabled, blames the resource mismatch, and calls the POST without challenge a method inconsistency (shaped)', async () => {
    // fastmcp with oauth.enabled, as measured: GET /mcp → 401 with a full Bearer challenge; POST /mcp → 401 with no
    // WWW-Authenticate; the metadata at the well-known URL names a resource that is not the URL.
    const server = await shaped({
      route: (req, res, origin) => {
        if (isMcp(req) && req.method === 'POST' && req.headers.authorization === undefined) return (json(res, 401, { error: 'unauthorized' }, { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'WWW-Authenticate' }), true);
        if (req.url === '/.well-known/oauth-protected-resource/mcp') return (json(res, 200, { resource: `${origin}/sse`, authorization_servers: [origin] }), true);
        return false;
      },
    });
    const report = await check(server.resource);
    expect(report.primary?.code).toBe('RESOURCE_MISMATCH');
    expect(rated(report)).toEqual(['high:RESOURCE_MISMATCH', 'medium:CHALLENGE_DIFFERS_BY_METHOD']);
    expect(codes(report)).not.toContain('PARAMS_STRIPPED_SUSPECTED');
    expect(codes(report)).not.toContain('AUTH_REQUIRED_BUT_NOT_ADVERTISED');
    const differs = report.findings.find((f) => f.code === 'CHALLENGE_DIFFERS_BY_METHOD')!;
    expect(differs.message).toMatch(/^GET got a challenge and POST got 401 without one/);
    expect(report.challenge).toMatchObject({ method: 'GET', status: 401 });
  });

  it('raises the method inconsistency to high when only the GET challenge leads to the metadata', async () => {
    const server = await shaped({
      route: (req, res, origin) => {
        if (isMcp(req) && req.method === 'POST' && req.headers.authorization === undefined) return (json(res, 401, {}), true);
        if (isMcp(req) && req.method === 'GET') return (json(res, 401, {}, { 'www-authenticate': `Bearer realm="mcp", scope="mcp:write", resource_metadata="${origin}/meta"` }), true);
        if (req.url === '/meta') return (json(res, 200, { resource: `${origin}/mcp`, authorization_servers: [origin] }), true);
        if (req.url === '/.well-known/oauth-protected-resource/mcp') return (json(res, 404, {}), true);
        return false;
      },
    });
    const report = await check(server.resource);
    expect(report.primary?.code).toBe('CHALLENGE_DIFFERS_BY_METHOD');
    expect(report.primary?.severity).toBe('high');
  });

  it('notes, at low, POST and GET challenges whose parameters differ', async () => {
    const server = await shaped({
      route: (req, res, origin) => {
        if (!isMcp(req) || req.method !== 'GET') return false;
        json(res, 401, {}, { 'www-authenticate': `Bearer realm="mcp", scope="mcp:read", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"` });
        return true;
      },
    });
    expect(rated(await check(server.resource))).toEqual(['low:CHALLENGE_DIFFERS_BY_METHOD']);
  });
});

describe('8. where things came from', () => {
  it('names the request of the challenge, and prints every finding with its evidence, in text and JSON', async () => {
    const server = await shaped({ authorizationServer: (origin) => authorizationServerMetadata(origin, { jwks_uri: `${origin}/nothing`, registration_endpoint: undefined }) });
    const report = await check(server.resource);
    expect(report.challenge).toMatchObject({ method: 'POST', url: server.resource, status: 401 });
    expect(report.findings.every((f) => f.evidence !== undefined && f.url !== undefined)).toBe(true);
    const text = formatCheckReport(report, terminalStyle(false, {}));
    expect(text).toContain(`Challenge from POST ${server.resource} → 401`);
    expect(text).toContain(`evidence: GET ${server.origin}/.well-known/oauth-authorization-server → 200`);
    const json = JSON.parse((await runCli(['check', server.resource, '--json'])).stdout) as { findings: Array<{ evidence: string; url: string }> };
    expect(json.findings.map((f) => f.evidence)).toContain(`GET ${server.origin}/nothing → 404`);
  });
});

describe('9. severity as a client feels it: JWKS_UNREACHABLE', () => {
  it('rates a jwks_uri that is not served medium, as on the conformance suite auth/metadata-var1 (shaped)', async () => {
    // The MCP conformance suite's OIDC scenarios: openid-configuration lists jwks_uri, and it answers 404.
    const server = await shaped({
      authorizationServer: (origin) => authorizationServerMetadata(origin, { jwks_uri: `${origin}/.well-known/jwks.json` }),
    });
    const cli = await runCli(['check', server.resource]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^WARN /);
    expect(cli.stdout).toContain('JWKS_UNREACHABLE');
  });
});

describe('10. --format markdown', () => {
  it('prints a findings table with spec links and the trace collapsed, with what the server sent made inert', async () => {
    const server = await shaped({ challenge: () => 'Bearer realm="a|b <img src=x onerror=alert(1)> [x](https://evil.invalid)", scope="s"' });
    const { code, stdout } = await runCli(['check', server.resource, '--format', 'markdown', '--token', TOKEN]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^## authheaders check: PASS\n/);
    expect(stdout).toContain('| severity | code | finding | evidence | spec |');
    expect(stdout).toContain('[RFC 9728 §5.1](https://www.rfc-editor.org/rfc/rfc9728#section-5.1)');
    expect(stdout).toMatch(/<details><summary>Trace \(\d+ requests\)<\/summary>/);
    expect(stdout).not.toContain('<img');
    expect(stdout).not.toContain('](https://evil.invalid)');
    expect(stdout).not.toMatch(/[^\\]\|b /);
    expect(stdout).not.toContain(TOKEN);
    // Each table row has exactly the five cells of the header.
    for (const row of stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
      expect(row.replace(/\\\|/g, '').split('|').length, row).toBeGreaterThanOrEqual(6);
    }
  });

  it('escapes every character Markdown reads, and links RFC sections and the MCP specification', () => {
    expect(escapeMarkdown('a|b`c*<d>&[e](f)\u001b')).toBe('a\\|b\\`c\\*&lt;d&gt;&amp;\\[e\\]\\(f\\)\\\\x1b');
    expect(specMarkdown('RFC 6750 §3.1, MCP authorization')).toBe(
      '[RFC 6750 §3.1](https://www.rfc-editor.org/rfc/rfc6750#section-3.1), [MCP authorization](https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization)',
    );
  });

  it('refuses an unknown format, and --json with another format, with exit 64', async () => {
    expect((await runCli(['check', 'http://127.0.0.1:1/mcp', '--format', 'html'])).code).toBe(64);
    const both = await runCli(['check', 'http://127.0.0.1:1/mcp', '--json', '--format', 'markdown']);
    expect(both.code).toBe(64);
  });
});

describe('DPoP (issue 23): the algs a server accepts', () => {
  it('reports the DPoP algs, and flags a DPoP challenge without algs at low', async () => {
    const base = (origin: string) => `Bearer realm="mcp", scope="mcp:write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`;
    const withAlgs = await shaped({ challenge: (origin) => `DPoP algs="ES256 EdDSA", ${base(origin)}` });
    const report = await check(withAlgs.resource);
    expect(report.findings).toEqual([]);
    expect(report.challenge?.dpopAlgs).toEqual(['ES256', 'EdDSA']);
    expect(formatCheckReport(report, terminalStyle(false, {}))).toContain('DPoP algs: ES256, EdDSA');
    const without = await shaped({ challenge: (origin) => `DPoP, ${base(origin)}` });
    const bare = await check(without.resource);
    expect(rated(bare)).toEqual(['low:DPOP_ALGS_MISSING']);
    expect(bare.challenge?.dpopAlgs).toEqual([]);
  });
});
