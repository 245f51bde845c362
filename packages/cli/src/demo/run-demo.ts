import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBearerChallenge } from '@authheaders/bearer';
import { runCodemod } from '@authheaders/codemod-legacy-header-aliases';
import { checkAuthAdvertisement } from '../check/check-auth-advertisement';
import type { TerminalStyle } from '../terminal-style';
import { startDemoServer, type DemoServer } from './demo-server';

/** The legacy configuration the codemod step migrates (written to a temporary file, never changed: dry run). */
export const LEGACY_SAMPLE = `import express from 'express';
import { bearerAuth } from '@authheaders/bearer/node';
import { validateToken } from './tokens';

const app = express();

app.use(
  '/mcp',
  bearerAuth({
    // Older SDKs send the token here.
    headerName: 'x-adcp-auth',
    bearerPrefixRequired: false,
    validateToken,
  }),
);
`;

export interface DemoOutput {
  line(text?: string): void;
  style: TerminalStyle;
}

interface Exchange {
  status: number;
  wwwAuthenticate: string | null;
  body: string;
}

async function call(url: string, headers: Record<string, string> = {}): Promise<Exchange> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
  });
  return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), body: await response.text() };
}

/**
 * The whole project in one run, offline: a protected server, a client reading its 401, the token carriers and
 * their failures, the migration codemod in dry run, and the advertisement check. Throws when something does not
 * behave as shown, so the demo doubles as a smoke test.
 */
export async function runDemo(out: DemoOutput): Promise<void> {
  const s = out.style;
  const heading = (n: number, text: string) => out.line(`\n${s.bold(s.magenta(`${n}.`))} ${s.bold(text)}`);
  const request = (text: string) => out.line(`   ${s.cyan('→')} ${text}`);
  const answer = (x: Exchange, note = '') => {
    const status = x.status < 300 ? s.green(String(x.status)) : x.status === 401 ? s.yellow(String(x.status)) : s.red(String(x.status));
    out.line(`   ${s.cyan('←')} ${status}${note === '' ? '' : ` ${note}`}`);
    if (x.wwwAuthenticate !== null) out.line(`     ${s.dim('WWW-Authenticate:')} ${x.wwwAuthenticate}`);
  };
  const expect = (condition: boolean, what: string) => {
    if (!condition) throw new Error(`demo: ${what}`);
  };

  out.line(s.bold('authheaders demo: HTTP authentication headers, end to end'));
  const server: DemoServer = await startDemoServer();
  try {
    heading(1, 'A protected MCP endpoint');
    out.line(`   ${server.resource}  bearerAuth({ realm: 'mcp', requiredScopes: ['mcp:write'], legacyHeaderAliases: ['x-adcp-auth'] })`);

    heading(2, 'A client without credentials reads the 401');
    request('POST /mcp (no credentials)');
    const first = await call(server.resource);
    answer(first);
    expect(first.status === 401 && first.wwwAuthenticate !== null, 'the first call must be a 401 with a challenge');
    const challenge = readBearerChallenge(first.wwwAuthenticate);
    expect(challenge?.resourceMetadata !== undefined, 'the challenge must carry resource_metadata');
    out.line(
      `   readBearerChallenge → realm=${challenge!.realm} scope=[${challenge!.scope.join(', ')}] resourceMetadata=${challenge!.resourceMetadata!.href}`,
    );
    out.line(`   every parameter kept: ${Object.keys(challenge!.params).join(', ')}`);
    request(`GET ${challenge!.resourceMetadata!.pathname}`);
    const metadataResponse = await fetch(challenge!.resourceMetadata!);
    const metadata = (await metadataResponse.json()) as Record<string, unknown>;
    out.line(`   ${s.cyan('←')} ${s.green(String(metadataResponse.status))} ${JSON.stringify(metadata)}`);
    expect(metadata.resource === server.resource, 'the metadata must name the resource');

    heading(3, 'Retrying with credentials');
    const cases: Array<{ label: string; headers: Record<string, string>; status: number; url?: string; note: (x: Exchange) => string }> = [
      {
        label: 'Authorization: Bearer demo-token-alice',
        headers: { authorization: 'Bearer demo-token-alice' },
        status: 200,
        note: (x) => x.body,
      },
      {
        label: 'x-adcp-auth: demo-token-alice (legacy alias, opt-in and additive)',
        headers: { 'x-adcp-auth': 'demo-token-alice' },
        status: 200,
        note: (x) => x.body,
      },
      {
        label: 'Authorization: Bearer wrong-token',
        headers: { authorization: 'Bearer wrong-token' },
        status: 401,
        note: () => 'invalid_token',
      },
      {
        label: 'Authorization: Bearer demo-token-reader (has mcp:read, lacks mcp:write)',
        headers: { authorization: 'Bearer demo-token-reader' },
        status: 403,
        note: () => 'insufficient_scope',
      },
      {
        label: 'Authorization: Bearer demo-token-alice + x-adcp-auth: demo-token-reader (onConflict: prefer-authorization)',
        headers: { authorization: 'Bearer demo-token-alice', 'x-adcp-auth': 'demo-token-reader' },
        status: 200,
        note: (x) => `${x.body}, audit: conflicts=[${server.audit.at(-1)?.conflicts.join(', ') ?? ''}]`,
      },
      {
        label: "the same two tokens on /mcp-strict (onConflict: 'reject')",
        headers: { authorization: 'Bearer demo-token-alice', 'x-adcp-auth': 'demo-token-reader' },
        url: server.strictResource,
        status: 400,
        note: () => 'invalid_request',
      },
    ];
    for (const c of cases) {
      request(c.label);
      const x = await call(c.url ?? server.resource, c.headers);
      answer(x, c.note(x));
      expect(x.status === c.status, `${c.label} must answer ${c.status}, got ${x.status}`);
    }

    heading(4, 'Migrating an old config: the codemod, dry run');
    const folder = await mkdtemp(join(tmpdir(), 'authheaders-demo-'));
    try {
      const file = join(folder, 'server.ts');
      await writeFile(file, LEGACY_SAMPLE);
      const lines: string[] = [];
      const summary = await runCodemod([file], { dry: true, log: (line) => lines.push(line) });
      for (const line of lines.join('\n').split('\n')) {
        const shown = line.replaceAll(folder, '.');
        if (shown.startsWith('+') && !shown.startsWith('+++')) out.line(`   ${s.green(shown)}`);
        else if (shown.startsWith('-') && !shown.startsWith('---')) out.line(`   ${s.red(shown)}`);
        else out.line(`   ${shown}`);
      }
      expect(summary.changed === 1 && (await readFile(file, 'utf8')) === LEGACY_SAMPLE, 'the dry run must change nothing on disk');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    heading(5, `authheaders check ${server.resource}`);
    const report = await checkAuthAdvertisement(server.resource, { timeoutMs: 5_000 });
    for (const t of report.trace) out.line(`   ${s.cyan('→')} ${t.method} ${new URL(t.url).pathname}  ${s.cyan('←')} ${t.status ?? t.error}`);
    out.line(
      `   ${report.ok ? s.green(s.bold('PASS')) : s.red(s.bold('FAIL'))}: ${report.findings.length} finding(s)${report.findings.map((f) => ` ${f.severity}:${f.code}`).join(',')}`,
    );
    expect(report.ok, 'the demo server must pass the check');
  } finally {
    await server.close();
  }
  out.line(`\n${s.green('Done.')} Server closed.`);
}
