import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyMigration, OutputDoesNotParseError } from '../src/apply-migration';
import { migrateSource } from '../src/migrate-source';
import { runCodemod } from '../src/run-codemod';

// Failures that a real file system does not produce on demand (the tests may run as root, which reads any file):
// a read error and a migration whose output does not parse, injected for one file each.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, open: vi.fn(actual.open) };
});
vi.mock('../src/migrate-source', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/migrate-source')>();
  return { ...actual, migrateSource: vi.fn(actual.migrateSource) };
});

const LEGACY = `import { bearerAuth } from '@authheaders/bearer';\nbearerAuth({ headerName: 'x-a', validateToken });\n`;
let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.mocked(open).mockRestore();
  vi.mocked(migrateSource).mockRestore();
});

function project(names: string[]): string {
  dir = mkdtempSync(join(tmpdir(), 'legacy-header-aliases-failures-'));
  for (const name of names) writeFileSync(join(dir, name), LEGACY);
  return dir;
}

describe('runCodemod when a file fails', () => {
  it('a read error fails that file only: the others are migrated and the summary still prints', async () => {
    const root = project(['a.ts', 'unreadable.ts', 'z.ts']);
    const actual = vi.mocked(open).getMockImplementation()!;
    vi.mocked(open).mockImplementation(async (path, ...rest) => {
      if (String(path).endsWith('unreadable.ts')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      return actual(path, ...rest);
    });
    const lines: string[] = [];
    const summary = await runCodemod([root], { log: (line) => lines.push(line) });
    expect(summary).toEqual({ scanned: 3, changed: 2, unchanged: 0, reported: 0, skipped: 0, failed: 1 });
    expect(lines).toContain(`${join(root, 'unreadable.ts')}: failed, cannot read (EACCES)`);
    expect(readFileSync(join(root, 'z.ts'), 'utf8')).toContain('legacyHeaderAliases');
    expect(lines.at(-1)).toBe('files scanned: 3, changed: 2, unchanged: 0, reported: 0, skipped: 0, failed: 1');
  });

  it('an output that does not parse is not written, and counts as failed', async () => {
    const root = project(['refused.ts', 'fine.ts']);
    const actual = vi.mocked(migrateSource).getMockImplementation()!;
    vi.mocked(migrateSource).mockImplementation((source, options) => {
      if (options?.path?.endsWith('refused.ts')) throw new OutputDoesNotParseError(options.path, new SyntaxError('Unexpected token (2:1)'));
      return actual(source, options);
    });
    const lines: string[] = [];
    const summary = await runCodemod([root], { log: (line) => lines.push(line) });
    expect(summary.failed).toBe(1);
    expect(summary.changed).toBe(1);
    expect(readFileSync(join(root, 'refused.ts'), 'utf8')).toBe(LEGACY);
    expect(lines.some((l) => l.startsWith(`${join(root, 'refused.ts')}: failed, the migrated text of`))).toBe(true);
  });
});

describe('applyMigration', () => {
  it('parses the output again and throws rather than return one that does not parse', () => {
    const broken = () => ({ edits: [{ start: 0, end: 0, text: '}' }], reports: [] });
    expect(() => applyMigration('const a = 1;\n', 'a.ts', broken)).toThrow(OutputDoesNotParseError);
  });
});
