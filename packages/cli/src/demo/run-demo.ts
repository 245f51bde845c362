import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBearerChallenge } from '@authheaders/bearer';
import { runCodemod } from '@authheaders/codemod-legacy-header-aliases';
import { checkAuthAdvertisement } from '../check/check-auth-advertisement';
import type { TerminalStyle } from '../terminal-style';
import { DemoOAuthClientProvider } from './demo-oauth-client';
import { DEMO_MFA_ACR, startDemoServer, type DemoServer } from './demo-server';
import { runDpopDemo } from './dpop-demo';
import type { SignInHop } from './follow-scripted-consent';
import { loadDemoDependencies } from './load-demo-dependencies';
import { wrapLine } from './wrap-line';

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

/** A JSON-RPC `tools/call` of `tool`, as the MCP client would post it. */
function toolCall(tool: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: tool, arguments: {} } });
}

async function call(url: string, headers: Record<string, string>, tool = 'whoami'): Promise<Exchange> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: toolCall(tool),
  });
  return { status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), body: await response.text() };
}

/** The text of a tool result in a JSON-RPC answer, or the answer itself. */
function toolText(body: string): string {
  try {
    return (JSON.parse(body) as { result: { content: Array<{ text: string }> } }).result.content[0]!.text;
  } catch {
    return body;
  }
}

/** A token shortened for display: enough to tell two apart, never the whole credential. */
function shortToken(token: string): string {
  return `${token.slice(0, 12)}…${token.slice(-6)}`;
}

/** The header and the claims the demo shows of a JWT (decoded, not verified: the server verifies; aud is the resource). */
function describeJwt(token: string): string {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
  return `typ=${header!.typ} alg=${header!.alg} sub=${payload!.sub} scope="${payload!.scope}" acr=${payload!.acr}`;
}

/**
 * The whole project in one run, offline: an MCP client signs in to a protected MCP server through a real
 * authorization server (every HTTP hop shown), the step-up paths and the JWT validator's refusals, the token
 * carriers, the migration codemod in dry run, and the advertisement check. Throws when something does not behave
 * as shown, so the demo doubles as a smoke test.
 */
export async function runDemo(out: DemoOutput): Promise<void> {
  const s = out.style;
  const paint = (line: string) =>
    line
      .replace(/([→←])/g, (arrow) => s.cyan(arrow))
      .replace(/← (\d{3})/, (all, code: string) => {
        const status = Number(code);
        return all.replace(code, status < 300 ? s.green(code) : status < 400 ? code : status === 401 ? s.yellow(code) : s.red(code));
      });
  const say = (text: string, indent = '       ') => {
    for (const line of wrapLine(text, indent)) out.line(paint(line));
  };
  const heading = (n: number, text: string) => out.line(`\n${s.bold(s.magenta(`${n}.`))} ${s.bold(text)}`);
  const expect = (condition: boolean, what: string) => {
    if (!condition) throw new Error(`demo: ${what}`);
  };

  out.line(s.bold('authheaders demo: HTTP authentication headers, end to end'));
  say('Everything runs on 127.0.0.1, offline. The sign-in is scripted: a demo user, for this demo only.', '');
  const { Client, StreamableHTTPClientTransport, UnauthorizedError } = await loadDemoDependencies();
  const server: DemoServer = await startDemoServer();
  const issuer = server.authorizationServer.issuer;
  const where = (url: URL) => (url.origin === issuer ? 'auth server' : url.origin === server.origin ? 'resource' : url.origin);
  try {
    heading(1, 'A protected MCP server and its authorization server');
    say(`   resource     ${server.resource}: McpServer behind bearerAuth + jwtAccessTokenValidator`);
    say(`   auth server  ${issuer}: oidc-provider (code + PKCE S256, registration, JWTs)`);

    /** Every request of the MCP client (transport and OAuth), one line each; challenges on the lines below. */
    const tracingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const response = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : input);
      const method = init?.method ?? 'GET';
      let what = '';
      if (typeof init?.body === 'string' && url.origin === server.origin) {
        const message = JSON.parse(init.body) as { method?: string; params?: { name?: string } };
        what = ` ${message.method}${message.params?.name === undefined ? '' : ` ${message.params.name}`}`;
      }
      // The SDK opens a standalone SSE stream after initializing; a stateless server has none to offer.
      if (method === 'GET' && response.status === 405) what = ' (standalone SSE stream: none, stateless server)';
      say(`   → ${where(url)} ${method} ${url.pathname}${what}  ← ${response.status}`);
      const challenge = response.headers.get('www-authenticate');
      if (challenge !== null) say(`     WWW-Authenticate: ${challenge}`);
      return response;
    };
    let interactions = 0;
    const onHop = (hop: SignInHop) => {
      const scripted = hop.url.pathname.startsWith('/interaction/') ? (interactions++ % 2 === 0 ? ' (scripted login)' : ' (scripted consent)') : '';
      const query =
        hop.url.pathname === '/auth'
          ? ` (scope=${hop.url.searchParams.get('scope')}, ${hop.url.searchParams.get('code_challenge_method')}, resource=${new URL(hop.url.searchParams.get('resource')!).pathname})`
          : '';
      // The last redirect goes back to the client with the code; the others stay on the authorization server.
      const back = hop.location !== undefined && hop.location.origin !== issuer ? ` → ${hop.location.origin}${hop.location.pathname}?code=…` : '';
      say(`   → ${where(hop.url)} GET ${hop.url.pathname}${query}${scripted}  ← ${hop.status}${back}`);
    };
    const provider = new DemoOAuthClientProvider(onHop);
    const client = new Client({ name: 'authheaders-demo-client', version: '1.0.0' });
    const newTransport = () => new StreamableHTTPClientTransport(new URL(server.resource), { authProvider: provider, fetch: tracingFetch });

    heading(2, 'The MCP SDK client signs in, starting from a bare 401');
    let transport = newTransport();
    try {
      await client.connect(transport);
      throw new Error('demo: the first connection must need a sign-in');
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      say('   the consent redirected to the client with a code: finishAuth exchanges it (PKCE verifier)');
      await transport.finishAuth(provider.takeAuthorizationCode());
      transport = newTransport();
      await client.connect(transport);
    }
    const firstToken = provider.tokens()!.access_token;
    say(`   access token: ${describeJwt(firstToken)}`);
    const whoami = await client.callTool({ name: 'whoami' });
    const whoamiText = (whoami.content as Array<{ text: string }>)[0]!.text;
    say(`   tools/call whoami → ${whoamiText}`);
    expect(whoamiText === 'demo-user (mcp:read)', 'whoami must see the demo user with mcp:read');

    heading(3, 'A tool that needs more scope: 403, and the client steps up');
    let added;
    try {
      added = await client.callTool({ name: 'add-note' });
      throw new Error('demo: add-note must need a step-up first');
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      say('   the client asked for the scope the 403 named; finishAuth, then the call again');
      await transport.finishAuth(provider.takeAuthorizationCode());
      added = await client.callTool({ name: 'add-note' });
    }
    const addedText = (added.content as Array<{ text: string }>)[0]!.text;
    say(`   tools/call add-note → ${addedText}`);
    expect(addedText === 'note added by demo-user', 'add-note must succeed after the step-up');
    const token = provider.tokens()!.access_token;
    say(`   access token: ${describeJwt(token)}`);
    await client.close();

    heading(4, 'The token in other carriers');
    const cases: Array<{ label: string; headers: Record<string, string>; status: number; url?: string; note: (x: Exchange) => string }> = [
      {
        label: `x-adcp-auth: ${shortToken(token)} (legacy alias, opt-in and additive)`,
        headers: { 'x-adcp-auth': token },
        status: 200,
        note: (x) => toolText(x.body),
      },
      {
        label: `Authorization: Bearer ${shortToken(token)} + x-adcp-auth: ${shortToken(firstToken)}`,
        headers: { authorization: `Bearer ${token}`, 'x-adcp-auth': firstToken },
        status: 200,
        note: (x) => `${toolText(x.body)}, audit: conflicts=[${server.audit.at(-1)?.conflicts.join(', ') ?? ''}]`,
      },
      {
        label: "the same two tokens on /mcp-strict (onConflict: 'reject')",
        headers: { authorization: `Bearer ${token}`, 'x-adcp-auth': firstToken },
        url: server.strictResource,
        status: 400,
        note: () => 'invalid_request',
      },
    ];
    for (const c of cases) {
      say(`   → ${c.label}`);
      const x = await call(c.url ?? server.resource, c.headers);
      say(`   ← ${x.status} ${c.note(x)}`);
      expect(x.status === c.status, `${c.label} must answer ${c.status}, got ${x.status}`);
    }

    heading(5, 'What the JWT validator refuses');
    const [header, payload] = token.split('.');
    const refusals: Array<{ label: string; token: string; tool?: string; status: number; error: string; before?: () => void }> = [
      { label: 'a forged signature', token: `${header}.${payload}.${'A'.repeat(86)}`, status: 401, error: 'invalid_token' },
      {
        label: 'alg none',
        token: `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${payload}.`,
        status: 401,
        error: 'invalid_token',
      },
      { label: `delete-notes, whose policy wants acr ${DEMO_MFA_ACR}`, token, tool: 'delete-notes', status: 401, error: 'insufficient_user_authentication' },
      {
        label: 'the same token, 10 minutes later (the server clock moved on)',
        token,
        status: 401,
        error: 'invalid_token',
        before: () => server.advanceClock(600),
      },
    ];
    for (const r of refusals) {
      r.before?.();
      say(`   → ${r.label}`);
      const x = await call(server.resource, { authorization: `Bearer ${r.token}` }, r.tool);
      say(`   ← ${x.status} WWW-Authenticate: ${x.wwwAuthenticate}`);
      expect(x.status === r.status && readBearerChallenge(x.wwwAuthenticate)?.error === r.error, `${r.label} must answer ${r.status} ${r.error}`);
    }
    server.advanceClock(-600);

    heading(6, 'Migrating an old config: the codemod, dry run');
    const folder = await mkdtemp(join(tmpdir(), 'authheaders-demo-'));
    try {
      const file = join(folder, 'server.ts');
      await writeFile(file, LEGACY_SAMPLE);
      say('   on an example file (server.ts in a temporary folder, not a file of yours):');
      const lines: string[] = [];
      const summary = await runCodemod([file], { dry: true, log: (line) => lines.push(line) });
      for (const line of lines.join('\n').split('\n')) {
        const shown = line.replaceAll(folder, '(example)');
        if (shown.startsWith('+') && !shown.startsWith('+++')) out.line(`   ${s.green(shown)}`);
        else if (shown.startsWith('-') && !shown.startsWith('---')) out.line(`   ${s.red(shown)}`);
        else say(`   ${shown}`);
      }
      expect(summary.changed === 1 && (await readFile(file, 'utf8')) === LEGACY_SAMPLE, 'the dry run must change nothing on disk');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    heading(7, `authheaders check ${server.resource}`);
    const report = await checkAuthAdvertisement(server.resource, { timeoutMs: 5_000 });
    for (const t of report.trace) say(`   → ${where(new URL(t.url))} ${t.method} ${new URL(t.url).pathname}  ← ${t.status ?? t.error}`);
    const findings = report.findings.map((f) => ` ${f.severity}:${f.code}`).join(',');
    out.line(`   ${report.ok ? s.green(s.bold('PASS')) : s.red(s.bold('FAIL'))}: ${report.findings.length} finding(s)${findings}`);
    expect(report.ok, 'the demo server must pass the check');

    heading(8, 'DPoP: a token bound to the client\'s key (RFC 9449), and a replay refused');
    const dpop = await runDpopDemo();
    say(`   sign-in with a DPoP proof at the token endpoint: token_type=${dpop.tokenType}, cnf.jkt=${shortToken(dpop.jkt)}`);
    for (const x of dpop.exchanges) {
      say(`   → ${x.label}  ← ${x.status}${x.status === 200 ? ` ${x.body}` : ''}`);
      if (x.wwwAuthenticate !== null) say(`     WWW-Authenticate: ${x.wwwAuthenticate}`);
      if (x.nonce !== null) say(`     DPoP-Nonce: ${x.nonce}`);
    }
    const statuses = dpop.exchanges.map((x) => x.status).join(' ');
    expect(dpop.tokenType === 'DPoP' && statuses === '401 200 401 401', `the DPoP exchanges must answer 401 200 401 401, got ${statuses}`);
    expect(dpop.audit.at(-2)?.dpopFailure === 'replayed', 'the replay must be refused as replayed');
  } finally {
    await server.close();
  }
  out.line(`\n${s.green('Done.')} Servers closed.`);
}
