// The codemod's Hono migration (`--hono`) on real-shaped Hono apps, run on the real frameworks: each app in
// `hono-apps/` is loaded as written (on `hono/bearer-auth`) and as the migration writes it (on
// `@authheaders/bearer/hono`), and both answer the same matrix of requests. The migrated app must answer every
// request as the original did, except for the adapter's listed differences (packages/bearer/README.md, "What
// differs from hono/bearer-auth"), which are asserted too. The migrated sources must also type-check under
// `tsc --strict` against the adapter's own types.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateHonoSource } from '../../codemods/legacy-header-aliases/src/index';

const root = fileURLToPath(new URL('../..', import.meta.url));
const appsDir = join(root, 'test/e2e/hono-apps');

interface AppUnderTest {
  file: string;
  method: 'GET' | 'POST';
  path: string;
  /** The header the app reads (Hono's `headerName`) and the prefix it expects there. */
  header: string;
  prefix: string;
  token: string;
  realm?: string;
  env?: object;
  /** How the migration writes the call (the line that must appear in the migrated source). */
  migratedCall: string;
}

const APPS: AppUnderTest[] = [
  {
    file: 'api-key-header.ts',
    method: 'GET',
    path: '/v1/items',
    header: 'X-Api-Key',
    prefix: 'Bearer',
    token: 'api-0123456789',
    migratedCall: `bearerAuth({ token: API_TOKEN, legacyHeaderAliases: ['X-Api-Key'], legacyAliasesBearerPrefixRequired: true })`,
  },
  {
    file: 'bot-prefix.ts',
    method: 'POST',
    path: '/bots/send',
    header: 'X-Bot-Token',
    prefix: 'Bot',
    token: 'bot-beta/2',
    realm: 'bots',
    migratedCall: `legacyHeaderAliases: ['X-Bot-Token'],\n    prefix: 'Bot',`,
  },
  {
    file: 'webhook-raw-token.ts',
    method: 'POST',
    path: '/hooks/deploy',
    header: 'x-hook-token',
    prefix: '',
    token: 'hook-secret-2',
    env: { SERVICE_NAME: 'deployer' },
    migratedCall: `legacyHeaderAliases: ['x-hook-token'],\n    prefix: '',`,
  },
  {
    file: 'tenant-verify-token.ts',
    method: 'GET',
    path: '/tenants/acme/report',
    header: 'X-Tenant-Token',
    prefix: 'Bearer',
    token: 'acme-token',
    realm: 'tenants',
    env: { TENANT_TOKENS: { acme: 'acme-token', other: 'other-token' } },
    migratedCall: `legacyHeaderAliases: ['X-Tenant-Token'],\n    legacyAliasesBearerPrefixRequired: true,`,
  },
  {
    file: 'admin-and-public-api.ts',
    method: 'GET',
    path: '/admin/stats',
    header: 'X-Admin-Token',
    prefix: 'Bearer',
    token: 'admin~token=',
    migratedCall: `app.use('/admin/*', bearerAuthWithAliases(adminAuth));`,
  },
];

const withPrefix = (prefix: string, value: string) => (prefix === '' ? value : `${prefix} ${value}`);
const BASIC = 'Basic dXNlcjpwYXNz';

/** The request matrix, by label: the app's own header in every shape, Authorization, and both at once. */
function requestsFor({ header, prefix, token }: AppUnderTest) {
  return {
    'no credentials': {},
    'header: good token': { [header]: withPrefix(prefix, token) },
    'header: good token, no prefix': { [header]: token },
    'header: good token, lower-case prefix': { [header]: withPrefix(prefix.toLowerCase(), token) },
    'header: good token, upper-case prefix': { [header]: withPrefix(prefix.toUpperCase(), token) },
    'header: good token, extra spaces': { [header]: prefix === '' ? `  ${token}  ` : `${prefix}   ${token} ` },
    'header: good token after a tab': { [header]: prefix === '' ? `\t${token}` : `${prefix}\t${token}` },
    'header: good token, Bearer prefix': { [header]: `Bearer ${token}` },
    'header: good token, Bearer prefix, no space': { [header]: `Bearer${token}` },
    'header: wrong token': { [header]: withPrefix(prefix, 'wrong-token') },
    'header: another tenant token': { [header]: withPrefix(prefix, 'other-token') },
    'header: not a b64token': { [header]: withPrefix(prefix, 'not a token') },
    'header: comma in the token': { [header]: withPrefix(prefix, 'tok,en') },
    'header: non-ASCII token': { [header]: withPrefix(prefix, 'tok\u00e9n') },
    'header: prefix alone': { [header]: prefix === '' ? '-' : prefix },
    'header: Basic credentials': { [header]: BASIC },
    'header: empty': { [header]: '' },
    'Authorization: Bearer good token': { authorization: `Bearer ${token}` },
    'Authorization: Bearer wrong token': { authorization: 'Bearer wrong-token' },
    'Authorization: Bearer not a b64token': { authorization: 'Bearer not a token' },
    'Authorization: the app prefix, good token': { authorization: withPrefix(prefix, token) },
    'Authorization: raw good token': { authorization: token },
    'Authorization: Basic': { authorization: BASIC },
    'Authorization: bare Bearer': { authorization: 'Bearer' },
    'Authorization: Bearer good, header: wrong': { authorization: `Bearer ${token}`, [header]: withPrefix(prefix, 'wrong-token') },
    'Authorization: Bearer good, header: good': { authorization: `Bearer ${token}`, [header]: withPrefix(prefix, token) },
    'Authorization: Bearer wrong, header: good': { authorization: 'Bearer wrong-token', [header]: withPrefix(prefix, token) },
    'Authorization: Basic, header: good': { authorization: BASIC, [header]: withPrefix(prefix, token) },
  };
}

type Label = keyof ReturnType<typeof requestsFor>;

/**
 * The adapter's listed differences, as "the migrated app answers request R as the original answered request R'":
 * Authorization: Bearer is read, and read first (difference 1), so a request whose Authorization holds a Bearer
 * token is answered as the original answered that token in its own header; a bare `Bearer` in a header whose
 * prefix is Bearer is no credential (difference 5). Every other request must be answered exactly as before.
 */
/** Whether `value` alone is one credentials: a bare auth-scheme (RFC 9110 §11.1, a token). */
const isCredentials = (value: string) => /^[!#$%&'*+\-.^`|~\w]+$/.test(value);

function answeredAs(app: AppUnderTest, label: Label): Label {
  const bearerPrefix = app.prefix.toLowerCase() === 'bearer';
  switch (label) {
    case 'Authorization: Bearer good token':
    case 'Authorization: Bearer good, header: wrong':
      return 'header: good token';
    case 'Authorization: Bearer wrong token':
    case 'Authorization: Bearer wrong, header: good':
      return 'header: wrong token';
    case 'Authorization: Bearer not a b64token':
      return 'header: not a b64token';
    case 'Authorization: the app prefix, good token':
      return bearerPrefix ? 'header: good token' : label;
    case 'header: prefix alone':
      return bearerPrefix ? 'no credentials' : label;
    // An Authorization line that is not one credentials (RFC 9110 §11.4: a raw token with `/` or `=` in it) is a
    // malformed request, answered as the original answered a malformed token in its own header.
    case 'Authorization: raw good token':
      return isCredentials(app.token) ? label : 'header: not a b64token';
    default:
      return label;
  }
}

interface Answer {
  status: number;
  body: string;
  challenge: string | null;
}

async function answer(app: Hono, spec: AppUnderTest, headers: Record<string, string>): Promise<Answer> {
  const res = await app.request(spec.path, { method: spec.method, headers }, spec.env);
  return { status: res.status, body: await res.text(), challenge: res.headers.get('www-authenticate') };
}

/** What RFC 6750 §3 asks of the adapter's challenge for each refusal (difference 3). */
function expectFullChallenge(spec: AppUnderTest, label: string, { status, challenge }: Answer): void {
  if (status < 400) {
    expect(challenge, label).toBeNull();
    return;
  }
  expect(challenge, label).toMatch(/^Bearer( |$)/);
  if (spec.realm !== undefined) expect(challenge, label).toContain(`realm="${spec.realm}"`);
  else expect(challenge, label).not.toContain('realm=');
  const error = /error="([^"]*)"/.exec(challenge!)?.[1];
  if (status === 400) expect(error, label).toBe('invalid_request');
  else expect([undefined, 'invalid_token'], label).toContain(error);
}

const loaded = new Map<string, { original: Hono; migrated: Hono; migratedSource: string }>();
let dir = '';

beforeAll(async () => {
  mkdirSync(join(root, 'test/.tmp'), { recursive: true });
  // Inside the test package, so the migrated apps resolve `hono` and `@authheaders/bearer/hono` as the originals do.
  dir = mkdtempSync(join(root, 'test/.tmp/hono-migration-'));
  for (const spec of APPS) {
    const source = readFileSync(join(appsDir, spec.file), 'utf8');
    const { output, changed, reports } = migrateHonoSource(source, { path: spec.file });
    expect([spec.file, changed, reports]).toEqual([spec.file, true, []]);
    writeFileSync(join(dir, spec.file), output);
    const original = ((await import(/* @vite-ignore */ join(appsDir, spec.file))) as { default: Hono }).default;
    const migrated = ((await import(/* @vite-ignore */ join(dir, spec.file))) as { default: Hono }).default;
    loaded.set(spec.file, { original, migrated, migratedSource: output });
  }
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe.each(APPS)('the Hono migration of $file', (spec) => {
  const app = () => loaded.get(spec.file)!;
  const requests = requestsFor(spec);

  it('moves the call to the adapter, with the alias written as the README says', () => {
    const { migratedSource } = app();
    expect(migratedSource).toContain(spec.migratedCall);
    expect(migratedSource).toContain(`from '@authheaders/bearer/hono'`);
    expect(migratedSource).not.toMatch(/headerName\s*:/);
  });

  it('answers every request as the original did, but for the listed differences', async () => {
    const { original, migrated } = app();
    const originals = new Map<Label, Answer>();
    for (const [label, headers] of Object.entries(requests) as Array<[Label, Record<string, string>]>) {
      originals.set(label, await answer(original, spec, headers));
    }
    let differences = 0;
    for (const [label, headers] of Object.entries(requests) as Array<[Label, Record<string, string>]>) {
      const now = await answer(migrated, spec, headers);
      const expected = originals.get(answeredAs(spec, label))!;
      expect({ label, status: now.status, body: now.body }).toEqual({ label, status: expected.status, body: expected.body });
      expectFullChallenge(spec, label, now);
      // A listed difference must be a real one: the original answered that request otherwise.
      if (answeredAs(spec, label) !== label) {
        const before = originals.get(label)!;
        const differs = before.status !== expected.status || before.body !== expected.body || before.challenge !== expected.challenge;
        expect({ label, differs }).toEqual({ label, differs: true });
        differences++;
      }
    }
    expect(differences).toBe((spec.prefix.toLowerCase() === 'bearer' ? 7 : 5) + (isCredentials(spec.token) ? 0 : 1));
  });

  it('still lets the old clients in, and answers a token in Authorization: Bearer (the bug the migration fixes)', async () => {
    const { original, migrated } = app();
    const good = requests['header: good token'];
    const viaAuthorization = requests['Authorization: Bearer good token'];
    expect((await answer(original, spec, good)).status).toBeLessThan(300);
    expect((await answer(migrated, spec, good)).status).toBeLessThan(300);
    expect((await answer(original, spec, viaAuthorization)).status).toBe(401);
    expect((await answer(migrated, spec, viaAuthorization)).status).toBeLessThan(300);
  });

  it('answers a stale Authorization: Bearer next to a good header token with 401 (Authorization is read first)', async () => {
    const { original, migrated } = app();
    const both = requests['Authorization: Bearer wrong, header: good'];
    expect((await answer(original, spec, both)).status).toBeLessThan(300);
    const now = await answer(migrated, spec, both);
    expect(now.status).toBe(401);
    expect(now.challenge).toContain('error="invalid_token"');
  });

  it('writes the full RFC 6750 challenge where Hono wrote its own', async () => {
    const { original, migrated } = app();
    const before = await answer(original, spec, {});
    const now = await answer(migrated, spec, {});
    // Hono: `<prefix> realm="<realm>"` (no scheme at all with prefix ''); the adapter: the Bearer scheme, a realm
    // only when one is set, and no error code without credentials (RFC 6750 §3.1).
    expect(before.challenge).toBe(`${spec.prefix === '' ? '' : `${spec.prefix} `}realm="${spec.realm ?? ''}"`);
    expect(now.challenge).toBe(spec.realm === undefined ? 'Bearer' : `Bearer realm="${spec.realm}"`);
  });
});

describe("the codemod's legacyAliasesBearerPrefixRequired: true (Hono's default Bearer prefix on headerName)", () => {
  const spec = APPS[0]!;
  const cases: Array<[string, string, number]> = [
    ['Bearer <token>', `Bearer ${spec.token}`, 200],
    ['bearer <token>', `bearer ${spec.token}`, 200],
    ['Bearer, several spaces', `Bearer    ${spec.token}`, 200],
    ['a raw token', spec.token, 400],
    ['Bearer with no space', `Bearer${spec.token}`, 400],
    ['another scheme', BASIC, 400],
    ['a wrong token', 'Bearer wrong-token', 401],
  ];

  it.each(cases)('the alias answers %s as Hono did', async (_, value, status) => {
    const { original, migrated } = loaded.get(spec.file)!;
    expect((await answer(original, spec, { [spec.header]: value })).status).toBe(status);
    expect((await answer(migrated, spec, { [spec.header]: value })).status).toBe(status);
  });

  it('is needed: without it the alias would take a raw token, which Hono refused', async () => {
    const { migratedSource } = loaded.get(spec.file)!;
    const withoutFlag = migratedSource.replace(', legacyAliasesBearerPrefixRequired: true', '');
    expect(withoutFlag).not.toBe(migratedSource);
    const file = join(dir, 'api-key-header-without-flag.ts');
    writeFileSync(file, withoutFlag);
    const app = ((await import(/* @vite-ignore */ file)) as { default: Hono }).default;
    expect((await answer(app, spec, { [spec.header]: spec.token })).status).toBe(200);
  });
});

/** tsc's diagnostics for the project in `dir` ('' when it compiles). */
function typeErrors(): string {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('the migrated sources', () => {
  it('type-check under tsc --strict against the real adapter and Hono', () => {
    const tsconfig = (files: string[]) =>
      JSON.stringify({
        compilerOptions: {
          target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, lib: ['es2022', 'dom'], types: [],
          paths: {
            '@authheaders/bearer/hono': [join(root, 'packages/bearer/src/hono/index.ts')],
            '@authheaders/bearer': [join(root, 'packages/bearer/src/index.ts')],
            '@authheaders/www-authenticate': [join(root, 'packages/www-authenticate/src/index.ts')],
          },
        },
        files,
      });
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig(APPS.map((spec) => spec.file)));
    expect(typeErrors()).toBe('');
    // The check can fail: an option of the wrong type is refused.
    writeFileSync(join(dir, 'broken.ts'), `import { bearerAuth } from '@authheaders/bearer/hono';\nbearerAuth({ token: 't', legacyHeaderAliases: 'x-a' });\n`);
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig(['broken.ts']));
    expect(typeErrors()).toMatch(/^broken\.ts\(2,\d+\): error TS\d+/);
  }, 120_000);
});

/**
 * Apps whose requests carry two credentials: the legacy header and the client's own `Authorization`. The migration
 * would read Authorization first and refuse them, and no `onConflict` keeps Hono's answer, so the codemod marks the
 * call instead: the marked app must answer every request exactly as the original (the mark is a comment). What the
 * migration would have done (the call moved, as before this rule) is loaded too, to show the mark is needed.
 */
interface TwoCredentialApp {
  file: string;
  path: string;
  reason: string;
  /** Requests by label, with the status the original answers (asserted, so the matrix is known to exercise it). */
  requests: () => Record<string, { headers: Record<string, string>; status: number }>;
  /** The request that carries both credentials, which the unmarked migration would refuse. */
  bothCredentials: string;
  /** The call as the migration without the rule wrote it. */
  unmarkedMigration: [string, string];
}

const randomToken = () => randomBytes(18).toString('base64url');
let partnerJwt = '';
let otherJwt = '';

const TWO_CREDENTIAL_APPS: TwoCredentialApp[] = [
  {
    file: 'api-key-and-jwt.ts',
    path: '/v1/orders',
    reason: 'this app also reads Authorization on these routes (jwt from hono/jwt, line 15)',
    requests: () => ({
      'no credentials': { headers: {}, status: 401 },
      'key only': { headers: { 'X-Api-Key': 'Bearer partner-key-0123' }, status: 401 },
      'JWT only': { headers: { authorization: `Bearer ${partnerJwt}` }, status: 401 },
      'key and JWT': { headers: { 'X-Api-Key': 'Bearer partner-key-0123', authorization: `Bearer ${partnerJwt}` }, status: 200 },
      'key, lower-case prefix, and JWT': { headers: { 'X-Api-Key': 'bearer partner-key-0123', authorization: `Bearer ${partnerJwt}` }, status: 200 },
      'wrong key and JWT': { headers: { 'X-Api-Key': `Bearer ${randomToken()}`, authorization: `Bearer ${partnerJwt}` }, status: 401 },
      'raw key and JWT': { headers: { 'X-Api-Key': 'partner-key-0123', authorization: `Bearer ${partnerJwt}` }, status: 400 },
      'key and a JWT of another secret': { headers: { 'X-Api-Key': 'Bearer partner-key-0123', authorization: `Bearer ${otherJwt}` }, status: 401 },
      'key and Basic': { headers: { 'X-Api-Key': 'Bearer partner-key-0123', authorization: 'Basic dXNlcjpwYXNz' }, status: 401 },
      'the key in Authorization': { headers: { authorization: 'Bearer partner-key-0123' }, status: 401 },
    }),
    bothCredentials: 'key and JWT',
    unmarkedMigration: [
      `bearerAuth({ token: PARTNER_KEY, headerName: 'X-Api-Key' })`,
      `bearerAuth({ token: PARTNER_KEY, legacyHeaderAliases: ['X-Api-Key'], legacyAliasesBearerPrefixRequired: true })`,
    ],
  },
  {
    file: 'gateway-proxy-secret.ts',
    path: '/quotes/today',
    reason: `"X-RapidAPI-Proxy-Secret" looks like a gateway's secret, not the client's token`,
    requests: () => ({
      'no credentials': { headers: {}, status: 401 },
      'the gateway secret': { headers: { 'X-RapidAPI-Proxy-Secret': 'test-only-proxy-secret-7f3a', 'X-RapidAPI-User': 'ada' }, status: 200 },
      'a wrong secret': { headers: { 'X-RapidAPI-Proxy-Secret': randomToken() }, status: 401 },
      "the secret and the client's own Bearer token": {
        headers: { 'X-RapidAPI-Proxy-Secret': 'test-only-proxy-secret-7f3a', authorization: `Bearer ${randomToken()}` },
        status: 200,
      },
      "the secret and the client's Basic credentials": {
        headers: { 'X-RapidAPI-Proxy-Secret': 'test-only-proxy-secret-7f3a', authorization: 'Basic dXNlcjpwYXNz' },
        status: 200,
      },
      "the client's token alone": { headers: { authorization: `Bearer ${randomToken()}` }, status: 401 },
      'the secret in Authorization': { headers: { authorization: 'Bearer test-only-proxy-secret-7f3a' }, status: 401 },
    }),
    bothCredentials: "the secret and the client's own Bearer token",
    unmarkedMigration: [`headerName: 'X-RapidAPI-Proxy-Secret'`, `legacyHeaderAliases: ['X-RapidAPI-Proxy-Secret']`],
  },
];

describe.each(TWO_CREDENTIAL_APPS)('the Hono migration of $file, whose requests carry two credentials', (spec) => {
  let original: Hono;
  let marked: Hono;
  let unmarked: Hono;
  let markedSource = '';
  let reports: unknown[] = [];

  beforeAll(async () => {
    const { sign } = await import('hono/jwt');
    const { JWT_SECRET } = (await import(/* @vite-ignore */ join(appsDir, 'api-key-and-jwt.ts'))) as { JWT_SECRET: string };
    partnerJwt = await sign({ sub: 'partner-user', exp: Math.floor(Date.now() / 1000) + 3600 }, JWT_SECRET, 'HS256');
    otherJwt = await sign({ sub: 'partner-user' }, randomToken(), 'HS256');
    const source = readFileSync(join(appsDir, spec.file), 'utf8');
    const result = migrateHonoSource(source, { path: spec.file });
    markedSource = result.output;
    reports = result.reports;
    const [before, after] = spec.unmarkedMigration;
    expect(source).toContain(before);
    const unmarkedSource = source.replace(before, after).replace(`from 'hono/bearer-auth'`, `from '@authheaders/bearer/hono'`);
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const load = async (file: string) => ((await import(/* @vite-ignore */ file)) as { default: Hono }).default;
    original = await load(join(appsDir, spec.file));
    marked = await load(write(spec.file, markedSource));
    unmarked = await load(write(`unmarked-${spec.file}`, unmarkedSource));
  }, 60_000);

  it('is marked for hand migration with the reason, not migrated', () => {
    expect(reports).toEqual([expect.objectContaining({ kind: 'unmigrated', reason: expect.stringContaining(spec.reason) })]);
    expect(markedSource).toContain(`/* legacy-header-aliases: ${spec.reason}`);
    expect(markedSource).toContain(`from 'hono/bearer-auth'`);
    expect(markedSource).not.toContain('@authheaders/bearer/hono');
  });

  it('answers every request exactly as the original did', async () => {
    const at = { path: spec.path, method: 'GET' as const } as AppUnderTest;
    for (const [label, { headers, status }] of Object.entries(spec.requests())) {
      const before = await answer(original, at, headers);
      expect({ label, status: before.status }).toEqual({ label, status });
      expect({ label, ...(await answer(marked, at, headers)) }).toEqual({ label, ...before });
    }
  });

  it('needs the mark: migrated anyway, the request with both credentials would go from 200 to 401', async () => {
    const at = { path: spec.path, method: 'GET' as const } as AppUnderTest;
    const { headers } = spec.requests()[spec.bothCredentials]!;
    expect((await answer(original, at, headers)).status).toBe(200);
    const now = await answer(unmarked, at, headers);
    expect(now.status).toBe(401);
    expect(now.challenge).toContain('error="invalid_token"');
  });
});
