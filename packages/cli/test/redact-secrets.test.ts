// Item 6 of the second hostile-input round: `check --token` hid the exact token and its JSON escape, but printed it
// percent-encoded in a redirect's Location (`?t=S3cr3t%2Btok%2Fen%3D`) and, in --json, echoed in base64 and hex.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { redactSecrets, secretRedactor } from '../src/check/redact-secrets';
import { startShapedServer, type ShapedServer } from './support/mcp-server-shape';
import { runCli } from './support/run-cli';

const runs = { seed: Number(process.env.FC_SEED ?? 20261206), numRuns: Number(process.env.FC_NUM_RUNS ?? 300) };
const TOKEN = 'S3cr3t+tok/en=';

const bytes = (s: string) => Buffer.from(s, 'utf8');
/** Every character percent-encoded, in the given case of hex. */
const percentAll = (s: string, upper = true) => [...bytes(s)].map((b) => `%${b.toString(16).padStart(2, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`).join('');
const base64url = (s: string) => bytes(s).toString('base64url');

/** The forms of the report, and the usual variants of each. */
const ECHOES: Array<[string, (t: string) => string]> = [
  ['as it is', (t) => t],
  ['encodeURIComponent', (t) => encodeURIComponent(t)],
  ['percent-encoded in lower-case hex', (t) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
  ['every character percent-encoded', (t) => percentAll(t)],
  ['in part (+ only, as a form encoder that keeps / and =)', (t) => t.replace(/\+/g, '%2B')],
  ['percent-encoded twice (a URL in a query)', (t) => encodeURIComponent(encodeURIComponent(t))],
  ['base64', (t) => bytes(t).toString('base64')],
  ['base64url', (t) => base64url(t)],
  ['base64, percent-encoded', (t) => encodeURIComponent(bytes(t).toString('base64'))],
  ['hex', (t) => bytes(t).toString('hex')],
  ['HEX', (t) => bytes(t).toString('hex').toUpperCase()],
];

describe('secretRedactor', () => {
  const redact = secretRedactor([TOKEN]);

  it.each(ECHOES)('redacts the token %s, inside other text', (_, encode) => {
    expect(redact(`https://x/cb?a=1&t=${encode(TOKEN)}&b=2`)).toBe('https://x/cb?a=1&t=[redacted]&b=2');
  });

  it('redacts it inside a longer base64 or base64url text, at each of the three byte alignments', () => {
    for (const prefix of ['{"t":"', '{"tk":"', '{"tok":"']) {
      const document = `${prefix}${TOKEN}","exp":1}`;
      for (const encoded of [bytes(document).toString('base64'), base64url(document)]) {
        const shown = redact(encoded);
        expect(shown).toContain('[redacted]');
        for (const part of shown.split('[redacted]')) expect(Buffer.from(part, 'base64').toString('latin1')).not.toContain('cr3t+tok');
      }
    }
  });

  it('leaves text without the token as it is, including escapes that are not UTF-8 and a short token\'s encodings', () => {
    expect(redact('a%FF%2 %zz %C3%28 100%')).toBe('a%FF%2 %zz %C3%28 100%');
    const short = secretRedactor(['mcp']);
    expect(short('mcp bWNw 6d6370 %6D%63%70')).toBe('[redacted] bWNw 6d6370 [redacted]');
    expect(secretRedactor([''])('anything')).toBe('anything');
  });

  it('finds the Latin-1 bytes a header carries a token with é as, and handles a megabyte of escapes', () => {
    expect(secretRedactor(['tokén-12345'])(`x=${Buffer.from('tokén-12345', 'latin1').toString('hex')}`)).toBe('x=[redacted]');
    const long = '%41'.repeat(350_000);
    expect(secretRedactor(['AAAAAAAA-not-there'])(long)).toBe(long);
  });

  it('property: whatever surrounds it, no echo of a token decodes back to it (fixed seed)', () => {
    const tokenChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=!$&\'()*,;:@?#[]%'.split(''));
    fc.assert(
      fc.property(
        fc.string({ unit: tokenChars, minLength: 8, maxLength: 40 }),
        fc.integer({ min: 0, max: ECHOES.length - 1 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (token, which, before, after) => {
          const [, encode] = ECHOES[which]!;
          const shown = secretRedactor([token])(`${before}${encode(token)}${after}`);
          expect(shown).toContain('[redacted]');
          expect(shown).not.toContain(encode(token));
          expect(shown).not.toContain(token);
        },
      ),
      runs,
    );
  });
});

describe('redactSecrets', () => {
  it('redacts every form in values and member names of a report, and keeps __proto__ a member', () => {
    const report = JSON.parse(`{"location":"/cb?t=${encodeURIComponent(TOKEN)}","${bytes(TOKEN).toString('hex')}":1,"__proto__":"${base64url(TOKEN)}"}`) as Record<string, unknown>;
    redactSecrets(report, [TOKEN]);
    expect(JSON.stringify(report)).toBe('{"location":"/cb?t=[redacted]","__proto__":"[redacted]","[redacted]":1}');
    expect(Object.getPrototypeOf(report)).toBe(Object.prototype);
  });
});

const open: ShapedServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('authheaders check --token', () => {
  it('prints no echo of the token, in a redirect, a metadata document or the progress lines, text or --json', async () => {
    const server = await startShapedServer({
      route: (req, res) => {
        if (req.url !== '/start') return false;
        res.writeHead(307, { location: `/mcp?t=${encodeURIComponent(TOKEN)}&h=${bytes(TOKEN).toString('hex')}` }).end();
        return true;
      },
      resourceMetadata: (origin) => ({
        resource: `${origin}/mcp`,
        authorization_servers: [origin],
        echo: ECHOES.map(([, encode]) => encode(TOKEN)),
        session: bytes(`{"access_token":"${TOKEN}"}`).toString('base64url'),
      }),
    });
    open.push(server);
    const text = await runCli(['check', `${server.origin}/start`, '--token', TOKEN]);
    const json = await runCli(['check', `${server.origin}/start`, '--json', '--token', TOKEN]);
    const printed = `${text.stdout}\n${text.stderr}\n${json.stdout}\n${json.stderr}`;
    expect(json.stderr).toContain('/mcp?t=[redacted]&h=[redacted]'); // the progress line of the redirected request
    for (const [how, encode] of ECHOES) expect(printed, how).not.toContain(encode(TOKEN));
    const shown = (JSON.parse(json.stdout) as { resourceMetadata: { echo: string[]; session: string } }).resourceMetadata;
    expect(shown.echo).toEqual(ECHOES.map(() => '[redacted]'));
    expect(shown.session).toContain('[redacted]');
  });
});
