import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCheckReport } from '../src/check/format-check-report';
import { main } from '../src/main';
import { terminalStyle } from '../src/terminal-style';
import { codes, guardedCheck, rated } from './support/guarded-check';
import { json } from './support/loopback-server';
import { startShapedServer, type ShapedServer } from './support/mcp-server-shape';
import { memoryIO } from './support/run-cli';

const API_KEY = 'sk-live-4f9a1c2e7b8d6a5f3e0c9b1a2d4e6f80';

const open: ShapedServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/**
 * Shaped like mcp-proxy 6.7 started with --apiKey: the key is read from X-API-Key only. `Authorization: Bearer <key>`
 * gets 401 with `WWW-Authenticate: Bearer error="invalid_token"`, the same key in X-API-Key gets 200.
 */
async function apiKeyProxy(): Promise<ShapedServer> {
  const server = await startShapedServer({
    route: (req: IncomingMessage, res: ServerResponse) => {
      if (req.url !== '/mcp') return false;
      if (req.headers['x-api-key'] === API_KEY) {
        json(res, 200, { jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-06-18' } });
      } else {
        json(res, 401, { error: 'Unauthorized: Invalid or missing API key' }, { 'www-authenticate': 'Bearer error="invalid_token", error_description="Unauthorized: Invalid or missing API key"' });
      }
      return true;
    },
  });
  open.push(server);
  return server;
}

/** A server that honours Authorization: Bearer, with a configurable answer to the token. */
async function bearerServer(answer: (res: ServerResponse) => void): Promise<ShapedServer> {
  const server = await startShapedServer({
    route: (req, res) => {
      // The token given with --token only: the check's made-up token gets the shaped server's invalid_token.
      if (req.url !== '/mcp' || req.headers.authorization !== `Bearer ${API_KEY}`) return false;
      answer(res);
      return true;
    },
  });
  open.push(server);
  return server;
}

/** The CLI in process, with stdout and stderr read as one stream, in the order written. */
async function runCli(argv: string[], stdin?: string): Promise<{ code: number; out: string }> {
  const { io, interleaved } = memoryIO(stdin);
  const code = await main(argv, io);
  return { code, out: interleaved() };
}

describe('check --token: the standard carrier', () => {
  it('finds the founding bug: Authorization: Bearer refused, X-API-Key accepted, and the token never shown', async () => {
    const server = await apiKeyProxy();
    const report = await guardedCheck(server.resource, { token: API_KEY, legacyHeaders: ['X-API-Key'] });
    expect(report.primary?.code).toBe('AUTHORIZATION_BEARER_REFUSED');
    expect(report.primary?.severity).toBe('high');
    expect(report.primary?.evidence).toBe('Authorization: Bearer → 401; x-api-key → 200');
    expect(report.credentialProbes).toEqual([
      { header: 'authorization', status: 401, wwwAuthenticate: 'Bearer error="invalid_token", error_description="Unauthorized: Invalid or missing API key"' },
      { header: 'x-api-key', status: 200 },
    ]);
    // The server did receive the token both ways.
    const sent = server.requests.filter((r) => r.headers.authorization === `Bearer ${API_KEY}` || r.headers['x-api-key'] === API_KEY);
    expect(sent).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain(API_KEY);
    expect(formatCheckReport(report, terminalStyle(false, {}))).not.toContain(API_KEY);
  });

  it('never prints the token through the CLI, in text or JSON, even when the server echoes it', async () => {
    const echo = await bearerServer((res) => json(res, 401, {}, { 'www-authenticate': `Bearer error="invalid_token", error_description="bad token ${API_KEY}"` }));
    for (const args of [[], ['--json']]) {
      const r = await runCli(['check', echo.resource, '--token', API_KEY, '--legacy-header', 'X-API-Key', ...args]);
      expect(r.out).not.toContain(API_KEY);
      if (args.length > 0) expect(r.out).toContain('bad token [redacted]');
    }
  });

  it('reads the token from stdin with --token -, out of the process list', async () => {
    const server = await apiKeyProxy();
    const r = await runCli(['check', server.resource, '--token', '-', '--legacy-header', 'X-API-Key'], `${API_KEY}\n`);
    expect(r.code).toBe(2);
    expect(r.out).toContain('AUTHORIZATION_BEARER_REFUSED');
    expect(r.out).not.toContain(API_KEY);
  });

  it('accepts a server that honours the standard carrier', async () => {
    const server = await bearerServer((res) => json(res, 200, { jsonrpc: '2.0', id: 1, result: {} }));
    const report = await guardedCheck(server.resource, { token: API_KEY, legacyHeaders: ['X-API-Key'] });
    expect(report.findings).toEqual([]);
    expect(report.credentialProbes?.map((p) => p.status)).toEqual([200, 401]);
  });

  it('reports a refused token whose challenge has no error, a status that does not match the error, and insufficient_scope without scope', async () => {
    const bare = await bearerServer((res) => json(res, 401, {}, { 'www-authenticate': 'Bearer realm="mcp"' }));
    expect(rated(await guardedCheck(bare.resource, { token: API_KEY }))).toEqual(['medium:TOKEN_CHALLENGE_WITHOUT_ERROR']);
    const wrongStatus = await bearerServer((res) => json(res, 401, {}, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="mcp:admin"' }));
    expect(rated(await guardedCheck(wrongStatus.resource, { token: API_KEY }))).toEqual(['medium:TOKEN_ERROR_STATUS_MISMATCH']);
    const noScope = await bearerServer((res) => json(res, 403, {}, { 'www-authenticate': 'Bearer error="insufficient_scope"' }));
    expect(rated(await guardedCheck(noScope.resource, { token: API_KEY }))).toEqual(['medium:INSUFFICIENT_SCOPE_WITHOUT_SCOPE']);
    const withScope = await bearerServer((res) => json(res, 403, {}, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="mcp:admin"' }));
    expect(codes(await guardedCheck(withScope.resource, { token: API_KEY }))).toEqual([]);
  });

  it('does not carry the token to another origin on a redirect', async () => {
    const elsewhere = await startShapedServer();
    open.push(elsewhere);
    const redirecting = await startShapedServer({
      route: (req, res) => {
        if (req.url !== '/mcp' || req.headers.authorization !== `Bearer ${API_KEY}`) return false;
        res.writeHead(307, { location: `${elsewhere.origin}/mcp` }).end();
        return true;
      },
    });
    open.push(redirecting);
    const report = await guardedCheck(redirecting.resource, { token: API_KEY });
    expect(report.trace.filter((t) => t.step === 'credential').map((t) => `${new URL(t.url).origin === elsewhere.origin ? 'elsewhere' : 'target'} ${t.status}`)).toEqual([
      'target 307',
      'elsewhere 401',
    ]);
    expect(elsewhere.requests.filter((r) => r.method === 'POST').map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it('refuses --legacy-header without --token, and Authorization as a legacy header, with exit 64', async () => {
    expect((await runCli(['check', 'http://127.0.0.1:1/mcp', '--legacy-header', 'X-API-Key'])).code).toBe(64);
    expect((await runCli(['check', 'http://127.0.0.1:1/mcp', '--token', 't', '--legacy-header', 'Authorization'])).code).toBe(64);
  });
});
