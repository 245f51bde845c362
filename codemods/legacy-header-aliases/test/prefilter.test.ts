import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrateHonoSource } from '../src/migrate-hono-source';
import { migrateSource } from '../src/migrate-source';

// The pre-filters skip files before parsing; they must never hide a change or a report the migration would make.
// Files are built from the fragments real projects have: imports, configuration calls in every shape the
// migrations look at (literal keys, spreads, computed keys, options built elsewhere, consts), assignments.
const runs = { seed: Number(process.env.FC_SEED ?? 20261206), numRuns: Number(process.env.FC_NUM_RUNS ?? 100) * 3 };

const imports = fc.subarray([
  `import { bearerAuth } from 'hono/bearer-auth';`,
  `import { bearerAuth as nodeAuth } from '@authheaders/bearer/node';`,
  `import * as bearer from '@authheaders/bearer';`,
  `import { makeAuth } from '@acme/auth';`,
  `import { jwt } from 'hono/jwt';`,
  `const { withBearerAuth } = require('@authheaders/bearer/fetch');`,
]);
const options = fc.constantFrom(
  '{ ...options }',
  '{ ...defaults, validateToken }',
  '{ [key]: value, token }',
  '{ token }',
  "{ token, headerName: 'X-Api-Key' }",
  "{ token, headerName: 'Authorization' }",
  '{ token, headerName: name }',
  'loadOptions()',
  'opts',
  "{ mcpBearerPrefixRequired: true, validateToken }",
);
const callees = fc.constantFrom('bearerAuth', 'nodeAuth', 'bearer.bearerAuth', 'makeAuth', 'withBearerAuth', 'jwt', 'other');
const statement = fc.oneof(
  fc.tuple(callees, options, fc.constantFrom("'/api/*'", "'/admin/*'", '')).map(([callee, o, path]) => `app.use(${path}${path ? ', ' : ''}${callee}(${o}));`),
  fc.constantFrom(`opts.headerName = 'x-a';`, `app.get('/api/me', (c) => c.text(c.req.header('authorization') ?? ''));`),
);
const declaration = fc.option(options.map((o) => `const opts = ${o.startsWith('{') ? o : '{ token }'};`), { nil: undefined });
const source = fc
  .tuple(imports, declaration, fc.array(statement, { maxLength: 5 }))
  .map(([i, d, s]) => [...i, ...(d === undefined ? [] : [d]), ...s].join('\n') + '\n');

describe('the pre-filters', () => {
  it('never hide a change or a report: with and without them, every file comes out the same', () => {
    fc.assert(
      fc.property(source, fc.boolean(), (text, hono) => {
        const migrate = (prefilter: boolean) =>
          hono ? migrateHonoSource(text, { prefilter }) : migrateSource(text, { prefilter, callees: ['makeAuth'], modules: ['@acme/auth'] });
        expect(migrate(true)).toEqual(migrate(false));
      }),
      runs,
    );
  });

  it("report a spread passed to Hono's bearerAuth, although the file never says headerName", () => {
    const text = `import { bearerAuth } from 'hono/bearer-auth';\nexport const auth = (options: object) => bearerAuth({ ...options });\n`;
    expect(migrateHonoSource(text).reports).toEqual([
      { line: 2, kind: 'unseen', reason: 'a spread or computed key may carry headerName; check it by hand' },
    ]);
  });

  it('report a spread in our configuration, although the file never says headerName', () => {
    const text = `import { bearerAuth } from '@authheaders/bearer/node';\nexport const auth = bearerAuth({ ...defaults, validateToken });\n`;
    expect(migrateSource(text).reports).toMatchObject([{ line: 2, kind: 'unmigrated', reason: 'a spread may carry headerName or mcpHeaderName; migrate by hand' }]);
  });

  it('still skip a file that names none of it', () => {
    const text = 'export const grid = [{ field: "a" }];\n';
    expect(migrateSource(text)).toEqual({ output: text, changed: false, reports: [] });
    expect(migrateHonoSource(text)).toEqual({ output: text, changed: false, reports: [] });
  });
});
