import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, buildBinIfMissing, packageDir, temporaryFolders } from './support/built-bin';

// The real runners, on a temporary project: the Codemod CLI (workflow.yaml) and the package's own bin.
const fixtures = join(packageDir, '__testfixtures__');
const codemodCli = join(packageDir, 'node_modules/.bin/codemod');
const scenarios = ['header-name-to-alias', 'authorization-dropped', 'non-literal-left-and-marked', 'unmigratable-marked'];
const untouched = 'no-change-unrelated-header-name';

const folders = temporaryFolders('e2e');
function sampleProject(): string {
  const dir = folders.make();
  for (const name of [...scenarios, untouched]) cpSync(join(fixtures, `${name}.input.ts`), join(dir, 'src', `${name}.ts`));
  return dir;
}

function expectMigrated(dir: string): void {
  for (const name of scenarios) {
    expect([name, readFileSync(join(dir, 'src', `${name}.ts`), 'utf8')]).toEqual([
      name,
      readFileSync(join(fixtures, `${name}.output.ts`), 'utf8'),
    ]);
  }
  const before = readFileSync(join(fixtures, `${untouched}.input.ts`), 'utf8');
  expect(readFileSync(join(dir, 'src', `${untouched}.ts`), 'utf8')).toBe(before);
}

beforeAll(buildBinIfMissing, 120_000);
afterAll(folders.removeAll);

describe('end to end', () => {
  it('`codemod workflow run -w` migrates a project offline', () => {
    const dir = sampleProject();
    const run = spawnSync(
      codemodCli,
      ['workflow', 'run', '-w', packageDir, '--no-interactive', '--allow-dirty', '--disable-analytics'],
      { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain('files scanned: 5, changed: 4, unchanged: 1, reported: 2, skipped: 0, failed: 0');
    expectMigrated(dir);
  }, 90_000);

  it('`codemod workflow run -w workflow-hono.yaml` runs the Hono migration offline', () => {
    const dir = folders.make('-hono');
    const honoFixtures = join(fixtures, 'hono');
    for (const name of ['header-name-to-alias', 'mixed-calls-second-import', 'no-change-without-header-name']) {
      cpSync(join(honoFixtures, `${name}.input.ts`), join(dir, 'src', `${name}.ts`));
    }
    const run = spawnSync(
      codemodCli,
      ['workflow', 'run', '-w', join(packageDir, 'workflow-hono.yaml'), '--no-interactive', '--allow-dirty', '--disable-analytics'],
      { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain('files scanned: 3, changed: 2, unchanged: 1, reported: 1, skipped: 0, failed: 0');
    // Its token is `process.env.API_TOKEN!`: unset, the adapter throws when the middleware is built (Hono: 401).
    expect(run.stdout + run.stderr).toContain('src/header-name-to-alias.ts:7 migrated; token comes from the environment');
    for (const name of ['header-name-to-alias', 'mixed-calls-second-import']) {
      expect(readFileSync(join(dir, 'src', `${name}.ts`), 'utf8')).toBe(readFileSync(join(honoFixtures, `${name}.output.ts`), 'utf8'));
    }
  }, 90_000);

  it('the bin migrates the same way, reports file:line, and exits 1 when a file does not parse', () => {
    const dir = sampleProject();
    writeFileSync(join(dir, 'src', 'broken.ts'), 'export const = headerName;\n');
    const run = spawnSync(process.execPath, [bin, 'src'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`src/unmigratable-marked.ts:3 a spread may carry headerName`);
    expect(run.stdout).toContain('src/broken.ts: failed, could not parse');
    expect(run.stdout).toContain('files scanned: 6, changed: 4, unchanged: 1, reported: 2, skipped: 0, failed: 1');
    expectMigrated(dir);
    expect(readdirSync(join(dir, 'src'))).toHaveLength(6);
  }, 90_000);

  it('the bin in --dry mode prints a diff and writes nothing', () => {
    const dir = sampleProject();
    const run = spawnSync(process.execPath, [bin, '--dry', 'src/header-name-to-alias.ts'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("+app.use(bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], validateToken }));");
    expect(readFileSync(join(dir, 'src/header-name-to-alias.ts'), 'utf8')).toBe(
      readFileSync(join(fixtures, 'header-name-to-alias.input.ts'), 'utf8'),
    );
  });

  it('the bin takes --modules and --callees', () => {
    const dir = folders.make('-flags');
    const source = `import { guard } from '@acme/auth';\nguard({ headerName: 'x-a' });\nmakeAuth({ headerName: 'x-b' });\n`;
    writeFileSync(join(dir, 'app.ts'), source);
    const run = spawnSync(process.execPath, [bin, 'app.ts', '--modules=@acme/auth', '--callees=makeAuth'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'app.ts'), 'utf8')).toBe(
      `import { guard } from '@acme/auth';\nguard({ legacyHeaderAliases: ['x-a'] });\nmakeAuth({ legacyHeaderAliases: ['x-b'] });\n`,
    );
  });

  it('the bin prints usage and exits 2 without paths', () => {
    const run = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: legacy-header-aliases <paths...>');
    const unknown = spawnSync(process.execPath, [bin, 'src', '--write'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown option: --write');
  });
});
