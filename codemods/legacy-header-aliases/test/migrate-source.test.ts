import { describe, expect, it } from 'vitest';
import { OutputDoesNotParseError } from '../src/apply-migration';
import { migrateSource } from '../src/migrate-source';
import { isTypeScriptWithoutJsx } from '../src/parse-source';

const IMPORT = `import { bearerAuth } from '@authheaders/bearer';\n`;
const migrate = (body: string, options: Parameters<typeof migrateSource>[1] = {}) => migrateSource(IMPORT + body, options);
const outputOf = (body: string) => migrate(body).output.slice(IMPORT.length);

describe('migrateSource: which calls are configurations', () => {
  it('migrates objects passed to callees named in options, wherever they come from', () => {
    const source = `makeGuard({ headerName: 'x-adcp-auth' });\nother({ headerName: 'x-adcp-auth' });\n`;
    expect(migrateSource(source).changed).toBe(false);
    expect(migrateSource(source, { callees: ['makeGuard'] }).output).toBe(
      `makeGuard({ legacyHeaderAliases: ['x-adcp-auth'] });\nother({ headerName: 'x-adcp-auth' });\n`,
    );
  });

  it('migrates calls of functions imported from modules named in options', () => {
    const source = `import { guard } from '@acme/auth';\nguard({ headerName: 'x-a' });\n`;
    expect(migrateSource(source).changed).toBe(false);
    expect(migrateSource(source, { modules: ['@acme/auth'] }).output).toContain(`guard({ legacyHeaderAliases: ['x-a'] })`);
  });

  it('follows renamed imports, namespaces, default imports and require', () => {
    const cases = [
      `import { bearerAuth as auth } from '@authheaders/bearer/node';\nauth({ headerName: 'x-a' });`,
      `import * as bearer from '@authheaders/bearer/mcp';\nbearer.requireBearerAuth({ headerName: 'x-a' });`,
      `import bearer from '@authheaders/bearer';\nbearer.bearerAuth({ headerName: 'x-a' });`,
      `const { withBearerAuth: guard } = require('@authheaders/bearer');\nguard(h, { headerName: 'x-a' });`,
      `const bearer = require('@authheaders/bearer/node');\nbearer.bearerAuth({ headerName: 'x-a' });`,
      `const auth = require('@authheaders/bearer').bearerAuth;\nauth({ headerName: 'x-a' });`,
      `require('@authheaders/bearer').bearerAuth({ headerName: 'x-a' });`,
      `import plugin from '@authheaders/bearer/fastify';\napp.register(plugin, { headerName: 'x-a' });`,
    ];
    for (const source of cases) expect([source, migrateSource(source).output]).toEqual([source, source.replace(`headerName: 'x-a'`, `legacyHeaderAliases: ['x-a']`)]);
  });

  it('leaves a same-named function that shadows the import, and one from another module', () => {
    const shadowed = `${IMPORT}function f(bearerAuth) { return bearerAuth({ headerName: 'x-a' }); }\n`;
    expect(migrateSource(shadowed).changed).toBe(false);
    const hono = `import { bearerAuth } from 'hono/bearer-auth';\nbearerAuth({ token, headerName: 'X-Api-Key' });\n`;
    expect(migrateSource(hono).changed).toBe(false);
  });

  it('takes a const bound to an object literal and passed to a known call, and marks later assignments to it', () => {
    const out = outputOf(`const opts = { headerName: 'x-a', validateToken };\nopts.headerName = 'x-b';\napp.use(bearerAuth(opts));\n`);
    expect(out).toBe(
      `const opts = { legacyHeaderAliases: ['x-a'], validateToken };\n` +
        `/* legacy-header-aliases: headerName is assigned after the options object was built; migrate by hand */\n` +
        `opts.headerName = 'x-b';\napp.use(bearerAuth(opts));\n`,
    );
  });

  it('never marks assignments to objects that are not configurations', () => {
    const source = `${IMPORT}class Csrf { constructor(options) { this.headerName = options.headerName ?? 'x-csrf-token'; } }\n` +
      `const col = { field: 'a' };\ncol.headerName = 'A';\nlet opts = { headerName: 'x' };\nbearerAuth(opts);\n`;
    expect(migrateSource(source)).toEqual({ output: source, changed: false, reports: [] });
  });

  it('sees configurations through as, satisfies, angle-bracket casts, non-null and parentheses', () => {
    const source = [
      `bearerAuth({ headerName: 'x-a' } as Options);`,
      `bearerAuth(({ headerName: 'x-a' }) satisfies Options);`,
      `bearerAuth(<Options>{ headerName: 'x-a' });`,
      `const o = { headerName: 'x-a' } as const satisfies Options;\nbearerAuth(o!);`,
    ].join('\n');
    expect(migrate(source, { path: 'a.ts' }).output).not.toContain('headerName');
  });
});

describe('migrateSource: what changes', () => {
  it('removes the last member of a one-line object with the comma before it', () => {
    expect(outputOf(`bearerAuth({ validateToken, headerName: 'x-a', bearerPrefixRequired: false });`)).toBe(
      `bearerAuth({ validateToken, legacyHeaderAliases: ['x-a'] });`,
    );
  });

  it('drops a false flag on its own, as the README says', () => {
    expect(outputOf(`bearerAuth({ validateToken, bearerPrefixRequired: false });`)).toBe(`bearerAuth({ validateToken });`);
    expect(outputOf(`bearerAuth({ validateToken, mcpBearerPrefixRequired: false });`)).toBe(`bearerAuth({ validateToken });`);
  });

  it('drops every legacy key of a one-line object when only authorization was named', () => {
    expect(outputOf(`bearerAuth({ validateToken, headerName: 'authorization', bearerPrefixRequired: true });`)).toBe(
      `bearerAuth({ validateToken });`,
    );
  });

  it('keeps CRLF line endings and the lines around the change', () => {
    const source = `bearerAuth({\r\n  headerName: 'x-a',\r\n  mcpBearerPrefixRequired: true,\r\n  validateToken,\r\n});\r\n`;
    expect(outputOf(source)).toBe(
      `bearerAuth({\r\n  legacyHeaderAliases: ['x-a'],\r\n  legacyAliasesBearerPrefixRequired: true,\r\n  validateToken,\r\n});\r\n`,
    );
  });

  it('keeps each line its own ending in a file with mixed endings', () => {
    const source = `const a = 1;\r\nbearerAuth({\n  headerName: 'x-a',\n  bearerPrefixRequired: true,\n  validateToken,\r\n});\r\n`;
    expect(outputOf(source)).toBe(
      `const a = 1;\r\nbearerAuth({\n  legacyHeaderAliases: ['x-a'],\n  legacyAliasesBearerPrefixRequired: true,\n  validateToken,\r\n});\r\n`,
    );
    // The marker's own line break is the CRLF of the line it goes on, in a file whose other lines end in LF.
    const marked = outputOf(`bearerAuth({\r\n  ...base,\r\n});\nx('headerName');\n`);
    expect(marked).toBe(
      `bearerAuth({\r\n  /* legacy-header-aliases: a spread may carry headerName or mcpHeaderName; migrate by hand */\r\n  ...base,\r\n});\nx('headerName');\n`,
    );
  });

  it('keeps a byte order mark and edits the right offsets after it', () => {
    const result = migrateSource(`\uFEFF${IMPORT}bearerAuth({ headerName: 'x-a', validateToken });\n`);
    expect(result.output).toBe(`\uFEFF${IMPORT}bearerAuth({ legacyHeaderAliases: ['x-a'], validateToken });\n`);
  });

  it('removes a legacy key that stands last in a multi-line object without a trailing comma', () => {
    expect(outputOf(`bearerAuth({\n  headerName: 'x-a',\n  validateToken,\n  bearerPrefixRequired: false\n});\n`)).toBe(
      `bearerAuth({\n  legacyHeaderAliases: ['x-a'],\n  validateToken,\n});\n`,
    );
  });

  it('extends an empty legacyHeaderAliases array', () => {
    expect(outputOf(`bearerAuth({ legacyHeaderAliases: [], headerName: 'x-a', validateToken });`)).toBe(
      `bearerAuth({ legacyHeaderAliases: ['x-a'], validateToken });`,
    );
  });

  it('keeps an existing legacyAliasesBearerPrefixRequired and drops the old flag', () => {
    expect(
      outputOf(`bearerAuth({ legacyAliasesBearerPrefixRequired: false, headerName: 'x-a', bearerPrefixRequired: true, validateToken });`),
    ).toBe(`bearerAuth({ legacyAliasesBearerPrefixRequired: false, legacyHeaderAliases: ['x-a'], validateToken });`);
  });

  it('takes a template literal without ${} as a literal', () => {
    expect(outputOf('bearerAuth({ headerName: `x-a`, validateToken });')).toBe('bearerAuth({ legacyHeaderAliases: [`x-a`], validateToken });');
  });
});

describe('migrateSource: never writes code that throws where the old code did not', () => {
  it('leaves a header name known only at run time as it is, marks it and reports its line', () => {
    for (const value of ['headerName', 'process.env.AUTH_HEADER', 'config.header ?? undefined', '`x-${name}`']) {
      const body = `\n\nfunction makeAuth(headerName?: string) { return bearerAuth({ headerName: ${value}, validateToken }); }\n`;
      const result = migrate(body, { path: 'a.ts' });
      expect(result.output).toContain(`headerName: ${value}, validateToken`);
      expect(result.output).not.toContain('legacyHeaderAliases');
      expect(result.reports).toEqual([
        { line: 4, kind: 'unmigrated', reason: 'headerName is not a string literal; left as it is, since an array of it could throw; migrate by hand' },
      ]);
    }
  });

  it('leaves the shorthand form too', () => {
    expect(outputOf(`function f(headerName) { return bearerAuth({ headerName, validateToken }); }`)).toContain('headerName, validateToken');
  });
});

describe('migrateSource: parsing', () => {
  it('skips files without the legacy words before parsing, even when they would not parse', () => {
    const broken = 'const = = ;';
    expect(migrateSource(broken)).toEqual({ output: broken, changed: false, reports: [] });
    expect(() => migrateSource(`${broken} // headerName`)).toThrow(SyntaxError);
  });

  it('parses .ts, .mts and .cts without JSX, so angle-bracket casts work, and JSX in .tsx and .js', () => {
    expect(['a.ts', 'a.d.ts', 'a.mts', 'a.cts'].every(isTypeScriptWithoutJsx)).toBe(true);
    expect(['a.tsx', 'a.jsx', 'a.js', 'a.cjs', 'a.mjs'].some(isTypeScriptWithoutJsx)).toBe(false);
    expect(migrate(`const g = <G>bearerAuth({ headerName: 'x-a', validateToken });`, { path: 'a.cts' }).changed).toBe(true);
    expect(migrate(`const e = <Gate auth={bearerAuth({ headerName: 'x-a' })} />;`, { path: 'a.jsx' }).changed).toBe(true);
  });

  it('OutputDoesNotParseError names the file and has a stable code', () => {
    const error = new OutputDoesNotParseError('src/a.ts', new SyntaxError('Unexpected token (1:2)'));
    expect(error).toMatchObject({ name: 'OutputDoesNotParseError', code: 'ERR_OUTPUT_DOES_NOT_PARSE', path: 'src/a.ts' });
    expect(error.message).toContain('nothing was written');
  });
});
