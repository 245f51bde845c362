import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSource } from '../src/migrate-source';
import { runCodemod } from '../src/run-codemod';
import { bin, buildBinIfMissing, temporaryFolders } from './support/built-bin';

// `--modules=hono/bearer-auth` or `--callees=bearerAuth` used to rewrite Hono's own options in place and keep
// Hono's import: Hono then ignores legacyHeaderAliases and no longer reads the old header at all (tsc catches it,
// plain JavaScript does not).
const HONO = `import { bearerAuth } from 'hono/bearer-auth';\napp.use('/api/*', bearerAuth({ token, headerName: 'X-Api-Key' }));\n`;

const folders = temporaryFolders('foreign');
beforeAll(buildBinIfMissing, 120_000);
afterAll(folders.removeAll);

describe('modules and callees whose options are not ours', () => {
  it('refuses hono/bearer-auth in modules, pointing to the Hono migration', async () => {
    expect(() => migrateSource(HONO, { modules: ['@acme/auth', 'hono/bearer-auth'] })).toThrow(
      new TypeError("modules must not list hono/bearer-auth, whose options are not @authheaders/bearer's: use the Hono migration (--hono, migrateHonoSource)"),
    );
    await expect(runCodemod(['.'], { modules: ['hono/jwt'], log: () => {} })).rejects.toThrow(TypeError);
  });

  it('the bin exits 2 on --modules=hono/bearer-auth and writes nothing', () => {
    const dir = folders.make();
    writeFileSync(join(dir, 'app.js'), HONO);
    const run = spawnSync(process.execPath, [bin, '.', '--modules=hono/bearer-auth'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--modules: modules must not list hono/bearer-auth');
    expect(run.stderr).toContain('--hono');
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).toBe(HONO);
  });

  it('leaves a --callees match imported from hono/bearer-auth alone, with a report', () => {
    const result = migrateSource(HONO, { path: 'app.js', callees: ['bearerAuth'] });
    expect(result).toEqual({
      output: HONO,
      changed: false,
      reports: [
        {
          line: 2,
          kind: 'unseen',
          reason: '--callees names this call, but it comes from hono/bearer-auth, whose options are not ours: left alone; run the Hono migration (--hono)',
        },
      ],
    });
    const jwt = `import * as h from 'hono/jwt';\napp.use(h.jwt({ secret, alg: 'HS256', headerName: 'X-Jwt' }));\n`;
    expect(migrateSource(jwt, { callees: ['jwt'] }).reports).toMatchObject([{ line: 2, reason: expect.stringContaining('comes from hono/jwt') }]);
    // A callee of the same name that is the project's own is still migrated.
    const own = `import { bearerAuth } from './auth';\nbearerAuth({ headerName: 'x-a' });\n`;
    expect(migrateSource(own, { callees: ['bearerAuth'] }).output).toContain(`legacyHeaderAliases: ['x-a']`);
  });
});
