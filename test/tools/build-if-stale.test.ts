// test/tools/build-if-stale.mjs decides what `pnpm demo`, `pnpm bench` and `pnpm authheaders` rebuild. It runs here on
// a small workspace of its own: `a`, `b` that depends on `a`, and `c` on its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./build-if-stale.mjs', import.meta.url));
let root = '';

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

function makePackage(name: string, deps: Record<string, string> = {}): void {
  // The build writes dist/index.js from src/index.ts, the way tsup would.
  const build = `node -e "const f=require('fs');f.mkdirSync('dist',{recursive:true});f.copyFileSync('src/index.ts','dist/index.js')"`;
  write(`packages/${name}/package.json`, JSON.stringify({ name, version: '0.0.0', scripts: { build }, dependencies: deps }));
  write(`packages/${name}/src/index.ts`, `export const name = '${name}';\n`);
  write(`packages/${name}/README.md`, `# ${name}\n`);
}

/** What the script says it would build: the package names of its `building ...` line, or [] when all is fresh. */
function stale(): string[] {
  const run = spawnSync(process.execPath, [join(root, 'test/tools/build-if-stale.mjs'), '--dry'], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(''); // stdout stays free for the command that runs after the build
  const match = /^building (.+) \(/.exec(run.stderr);
  return match ? match[1]!.split(', ').sort() : [];
}

function buildAll(): void {
  for (const name of ['a', 'b', 'c']) {
    mkdirSync(join(root, `packages/${name}/dist`), { recursive: true });
    copyFileSync(join(root, `packages/${name}/src/index.ts`), join(root, `packages/${name}/dist/index.js`));
  }
  execFileSync(process.execPath, [join(root, 'test/tools/build-if-stale.mjs'), '--record']);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'authheaders-build-if-stale-'));
  mkdirSync(join(root, 'test/tools'), { recursive: true });
  copyFileSync(script, join(root, 'test/tools/build-if-stale.mjs'));
  write('package.json', JSON.stringify({ name: 'root', private: true, type: 'module' }));
  write('pnpm-workspace.yaml', 'packages:\n  - "packages/*"\n');
  write('tsconfig.base.json', '{}\n');
  write('pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
  makePackage('a');
  makePackage('b', { a: 'workspace:*' });
  makePackage('c');
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('build-if-stale', () => {
  it('builds everything that was never built', () => {
    expect(stale()).toEqual(['a', 'b', 'c']);
  });

  it('builds nothing once the builds are recorded, even when a file is rewritten with the same bytes', () => {
    buildAll();
    expect(stale()).toEqual([]);
    write('packages/a/src/index.ts', "export const name = 'a';\n");
    expect(stale()).toEqual([]);
  });

  it('ignores what the build does not read (README, tests)', () => {
    write('packages/a/README.md', '# a, edited\n');
    write('packages/a/test/a.test.ts', 'it.todo("x");\n');
    expect(stale()).toEqual([]);
  });

  it('rebuilds a changed package and the packages that depend on it, not the others', () => {
    write('packages/a/src/index.ts', "export const name = 'a2';\n");
    expect(stale()).toEqual(['a', 'b']);
    buildAll();
    expect(stale()).toEqual([]);
  });

  it('rebuilds a package whose dist is missing or was changed by hand', () => {
    rmSync(join(root, 'packages/c/dist'), { recursive: true });
    expect(stale()).toEqual(['c']);
    buildAll();
    writeFileSync(join(root, 'packages/b/dist/index.js'), 'edited');
    expect(stale()).toEqual(['b']);
    buildAll();
  });

  it('builds what is stale with pnpm and records it', () => {
    write('packages/a/src/index.ts', "export const name = 'a3';\n");
    const run = spawnSync(process.execPath, [join(root, 'test/tools/build-if-stale.mjs')], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^building a, b \(.*\nbuilt in [\d.]+ s\n$/);
    expect(readFileSync(join(root, 'packages/a/dist/index.js'), 'utf8')).toContain("'a3'");
    expect(stale()).toEqual([]);
  }, 60_000);

  it('says why a build failed, records nothing, and exits non-zero', () => {
    write('packages/c/package.json', JSON.stringify({ name: 'c', version: '0.0.0', scripts: { build: 'node -e "console.error(\'c does not build\'); process.exit(3)"' } }));
    const run = spawnSync(process.execPath, [join(root, 'test/tools/build-if-stale.mjs')], { cwd: root, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('c does not build');
    expect(run.stderr).toContain('build failed: nothing recorded, the next run builds again');
    expect(stale()).toEqual(['c']);
  }, 60_000);

  it('rebuilds everything when the shared compiler settings or the lockfile change', () => {
    write('tsconfig.base.json', '{ "compilerOptions": {} }\n');
    expect(stale()).toEqual(['a', 'b', 'c']);
  });
});
