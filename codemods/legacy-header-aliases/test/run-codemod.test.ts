import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCodemod } from '../src/run-codemod';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'legacy-header-aliases-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const IMPORT = `import { bearerAuth } from '@authheaders/bearer';\n`;
const LEGACY = `${IMPORT}bearerAuth({ headerName: 'x-adcp-auth', validateToken });\n`;
const MIGRATED = `${IMPORT}bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], validateToken });\n`;

describe('runCodemod', () => {
  it('walks folders, writes changes, skips node_modules and dot folders, and counts every outcome', async () => {
    const root = project({
      'src/server.ts': LEGACY,
      'src/plain.js': 'export const x = 1;\n',
      'src/marked.ts': `${IMPORT}bearerAuth({ ...base, validateToken }); // headerName comes from base\n`,
      'src/broken.tsx': 'const = headerName;\n',
      'src/notes.md': LEGACY,
      'node_modules/dep/index.js': LEGACY,
      '.cache/old.js': LEGACY,
    });
    const lines: string[] = [];
    const summary = await runCodemod([root], { log: (line) => lines.push(line) });
    expect(summary).toEqual({ scanned: 4, changed: 2, unchanged: 1, reported: 1, skipped: 0, failed: 1 });
    expect(readFileSync(join(root, 'src/server.ts'), 'utf8')).toBe(MIGRATED);
    expect(readFileSync(join(root, 'node_modules/dep/index.js'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(join(root, 'src/notes.md'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(join(root, 'src/marked.ts'), 'utf8')).toContain('/* legacy-header-aliases: a spread may carry');
    expect(lines).toContain(`${join(root, 'src/marked.ts')}:2 a spread may carry headerName or mcpHeaderName; migrate by hand`);
    expect(lines.some((line) => line.startsWith(`${join(root, 'src/broken.tsx')}: failed, could not parse`))).toBe(true);
    expect(lines).toContain(`${join(root, 'src/server.ts')}: changed`);
    expect(lines.at(-1)).toBe('files scanned: 4, changed: 2, unchanged: 1, reported: 1, skipped: 0, failed: 1');
  });

  it('writes nothing in a dry run and prints a diff instead', async () => {
    const root = project({ 'a.ts': LEGACY });
    const lines: string[] = [];
    const summary = await runCodemod([join(root, 'a.ts')], { dry: true, log: (line) => lines.push(line) });
    expect(summary.changed).toBe(1);
    expect(readFileSync(join(root, 'a.ts'), 'utf8')).toBe(LEGACY);
    expect(lines[0]).toContain(`-${LEGACY.slice(IMPORT.length).trimEnd()}`);
    expect(lines[0]).toContain(`+${MIGRATED.slice(IMPORT.length).trimEnd()}`);
    expect(lines).toContain(`${join(root, 'a.ts')}: would change`);
    expect(lines.at(-1)).toContain('changed: 1 (dry run, nothing written)');
  });

  it('escapes control characters in file names before they reach the terminal', async () => {
    const root = project({ 'a\u001b[31m.ts': LEGACY });
    const lines: string[] = [];
    await runCodemod([root], { log: (line) => lines.push(line) });
    expect(lines).toContain(`${join(root, 'a\\u001b[31m.ts')}: changed`);
    expect(lines.join('\n')).not.toContain('\u001b');
  });

  it('counts a path that does not exist as failed', async () => {
    const root = project({});
    const lines: string[] = [];
    const summary = await runCodemod([join(root, 'missing')], { log: (line) => lines.push(line) });
    expect(summary.failed).toBe(1);
    expect(lines[0]).toContain('failed, cannot read (ENOENT)');
  });
});
