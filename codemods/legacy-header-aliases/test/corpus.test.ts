import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, buildBinIfMissing, packageDir, temporaryFolders } from './support/built-bin';

// Code shaped like what the codemod meets in the wild (grids, CSRF and request-id middleware, axios configs, RPC
// auth providers, Hono apps with and without headerName, MCP servers), written for these tests. Both migrations
// run on a copy, as a user would run them one after the other; each file must come out byte for byte as it was,
// or exactly as its `<name>.migrated.<ext>`.
const corpus = join(packageDir, 'test/corpus');
const names = readdirSync(corpus).filter((name) => !name.includes('.migrated.')).sort();
const migratedName = (name: string) => name.replace(/\.([^.]+)$/, '.migrated.$1');

const folders = temporaryFolders('corpus');
let dir: string;
const runs: Array<{ status: number | null; stdout: string }> = [];

beforeAll(() => {
  buildBinIfMissing();
  dir = folders.make();
  for (const name of names) cpSync(join(corpus, name), join(dir, 'corpus', name));
  for (const args of [['corpus'], ['--hono', 'corpus'], ['corpus'], ['--hono', 'corpus']]) {
    runs.push(spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 }));
  }
}, 120_000);
afterAll(folders.removeAll);

describe('real-world-shaped corpus', () => {
  it('has code of every kind listed, some to migrate and most to leave alone', () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
    const migrated = names.filter((name) => existsSync(join(corpus, migratedName(name))));
    expect(migrated.length).toBeGreaterThanOrEqual(4);
    expect(names.length - migrated.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of names) {
    const expected = existsSync(join(corpus, migratedName(name))) ? migratedName(name) : undefined;
    it(`${name}: ${expected === undefined ? 'byte for byte as it was' : `exactly ${expected}`}`, () => {
      const after = readFileSync(join(dir, 'corpus', name));
      expect(after.equals(readFileSync(join(corpus, expected ?? name)))).toBe(true);
    });
  }

  it('both runs exit 0, and running them again changes nothing', () => {
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0, 0]);
    expect(runs[2]!.stdout).toContain('changed: 0,');
    expect(runs[3]!.stdout).toContain('changed: 0,');
  });

  it('reports what it left to do by hand with the file and line', () => {
    expect(runs[0]!.stdout).toContain('corpus/adcp-sales-agent.ts:13 headerName is not a string literal');
    expect(runs[0]!.stdout).toContain("corpus/hono-worker-api-key.ts:15 Hono's bearerAuth reads only headerName, never Authorization: run the Hono migration (--hono)");
    expect(runs[1]!.stdout).toContain('corpus/hono-whatsapp-gateway.ts:13 headerName is chosen at run time');
  });
});
