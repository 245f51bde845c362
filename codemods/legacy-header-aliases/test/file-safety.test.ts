import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../src/parse-source';
import { bin, buildBinIfMissing, packageDir, temporaryFolders } from './support/built-bin';

// The bin, as a user runs it, on projects holding the files that used to corrupt a run or hang it.
const IMPORT = `import { bearerAuth } from '@authheaders/bearer';\n`;
const LEGACY = `${IMPORT}export const auth = bearerAuth({ headerName: 'x-a', validateToken });\n`;
const MIGRATED = `${IMPORT}export const auth = bearerAuth({ legacyHeaderAliases: ['x-a'], validateToken });\n`;

const folders = temporaryFolders('safety');
const tempDir = () => folders.make();

/** Runs the bin with a bound on time, so a run that would block fails the test instead of hanging it. */
function runBin(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  expect(run.signal, `the run was killed: ${run.stdout}${run.stderr}`).toBeNull();
  return run;
}

/**
 * How to start node so that a mode-000 file cannot be read. Root reads every file (CAP_DAC_OVERRIDE): as root the
 * bin runs as root still, without any capability (util-linux `setpriv`), so only the mode bits count and root's
 * own private folders stay reachable. Another user (nobody) could not even reach a clone under a 0700 folder.
 */
const unreadable: { command: string; args: string[] } =
  process.getuid?.() === 0
    ? { command: 'setpriv', args: ['--inh-caps=-all', '--bounding-set=-all', '--', process.execPath] }
    : { command: process.execPath, args: [] };

beforeAll(buildBinIfMissing, 120_000);
afterAll(folders.removeAll);

describe('file safety, end to end', () => {
  it('keeps a BOM, and the output parses', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bom.ts'), `\uFEFF${LEGACY}`);
    const run = runBin(dir, '.');
    expect(run.status).toBe(0);
    const bytes = readFileSync(join(dir, 'bom.ts'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(`\uFEFF${MIGRATED}`);
    expect(() => parseSource(bytes.toString('utf8').slice(1), 'bom.ts')).not.toThrow();
  });

  it('skips and reports a file that is not UTF-8, leaving its bytes as they were', () => {
    const dir = tempDir();
    const latin1 = Buffer.concat([Buffer.from('// R\xe9sum\xe9 service\n', 'latin1'), Buffer.from(LEGACY)]);
    writeFileSync(join(dir, 'latin1.ts'), latin1);
    const run = runBin(dir, '.');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'latin1.ts')).equals(latin1)).toBe(true);
    expect(run.stdout).toContain('latin1.ts: skipped, not valid UTF-8');
    expect(run.stdout).toContain('skipped: 1, failed: 0');
  });

  it('never follows a symbolic link: out of the root, in a loop, dangling, or to a folder', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'shared.ts'), LEGACY);
    mkdirSync(join(outside, 'lib'));
    writeFileSync(join(outside, 'lib', 'auth.ts'), LEGACY);
    const dir = tempDir();
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'real.ts'), LEGACY);
    symlinkSync(join(outside, 'shared.ts'), join(dir, 'src', 'outside.ts'));
    symlinkSync(join(outside, 'lib'), join(dir, 'src', 'lib'));
    symlinkSync('self.ts', join(dir, 'src', 'self.ts'));
    symlinkSync('b.ts', join(dir, 'src', 'a.ts'));
    symlinkSync('a.ts', join(dir, 'src', 'b.ts'));
    symlinkSync('missing.ts', join(dir, 'src', 'dangling.ts'));
    const run = runBin(dir, 'src');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(readFileSync(join(outside, 'shared.ts'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(join(outside, 'lib', 'auth.ts'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(join(dir, 'src', 'real.ts'), 'utf8')).toBe(MIGRATED);
    for (const name of ['outside.ts', 'lib', 'self.ts', 'a.ts', 'b.ts', 'dangling.ts']) {
      expect(run.stdout).toContain(`${join('src', name)}: skipped, a symbolic link; links are not followed`);
    }
    expect(run.stdout).toContain('files scanned: 7, changed: 1, unchanged: 0, reported: 0, skipped: 6, failed: 0');
  });

  it('does not open a FIFO named like a source file, and does not hang', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.js')]);
    writeFileSync(join(dir, 'real.ts'), LEGACY);
    const run = runBin(dir, '.');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('pipe.js: skipped, not a regular file');
    expect(readFileSync(join(dir, 'real.ts'), 'utf8')).toBe(MIGRATED);
  });

  it('starts the bin where the user who cloned can reach, private (0700) folders included, yet unable to read a mode-000 file', () => {
    // The check behind the next test: before, root ran the bin as nobody, who cannot enter a clone under /root or
    // a `mktemp -d` folder, and the test failed there with an empty stdout.
    const privateDir = tempDir();
    chmodSync(privateDir, 0o700);
    writeFileSync(join(privateDir, 'locked.ts'), LEGACY);
    chmodSync(join(privateDir, 'locked.ts'), 0o000);
    const probe = join(privateDir, 'probe.mjs');
    writeFileSync(probe, `import { readFileSync } from 'node:fs';\ntry { readFileSync('locked.ts'); console.log('read'); } catch (e) { console.log(e.code); }\n`);
    const run = spawnSync(unreadable.command, [...unreadable.args, probe], { cwd: privateDir, encoding: 'utf8', timeout: 30_000 });
    expect({ stdout: run.stdout, stderr: run.stderr, status: run.status }).toEqual({ stdout: 'EACCES\n', stderr: '', status: 0 });
  });

  it('a file it may not read fails on its own: the others are migrated, the summary prints, exit 1', () => {
    // The project sits in a private (0700) folder, as a clone under /root or `mktemp -d` does: whoever runs the bin
    // must reach it, so the read error cannot come from switching to another user.
    const dir = join(tempDir(), 'project');
    mkdirSync(dir);
    for (const name of ['a.ts', 'locked.ts', 'z.ts']) writeFileSync(join(dir, name), LEGACY);
    chmodSync(join(dir, 'locked.ts'), 0o000);
    const run = spawnSync(unreadable.command, [...unreadable.args, bin, '.'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(run.error).toBeUndefined();
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('locked.ts: failed, cannot read (EACCES)');
    expect(readFileSync(join(dir, 'z.ts'), 'utf8')).toBe(MIGRATED);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('files scanned: 3, changed: 2, unchanged: 0, reported: 0, skipped: 0, failed: 1');
  });

  it('keeps each line its own ending in a file with mixed endings', () => {
    const dir = tempDir();
    const mixed = `${IMPORT}const a = 1;\r\nbearerAuth({\n  headerName: 'x-a',\r\n  validateToken,\n});\r\nconst b = 2;\n`;
    writeFileSync(join(dir, 'mixed.ts'), mixed);
    expect(runBin(dir, '.').status).toBe(0);
    expect(readFileSync(join(dir, 'mixed.ts'), 'utf8')).toBe(
      `${IMPORT}const a = 1;\r\nbearerAuth({\n  legacyHeaderAliases: ['x-a'],\r\n  validateToken,\n});\r\nconst b = 2;\n`,
    );
  });

  it('skips a file over --max-bytes; a file that does not parse fails the run (exit 1) after the others are done', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.ts'), LEGACY + `// ${'x'.repeat(300)}\n`);
    writeFileSync(join(dir, 'broken.ts'), 'export const = headerName;\n');
    writeFileSync(join(dir, 'small.ts'), LEGACY);
    const run = runBin(dir, '.', '--max-bytes=300');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('big.ts: skipped, larger than 300 bytes');
    expect(run.stdout).toContain('broken.ts: failed, could not parse');
    expect(readFileSync(join(dir, 'small.ts'), 'utf8')).toBe(MIGRATED);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('files scanned: 3, changed: 1, unchanged: 0, reported: 0, skipped: 1, failed: 1');
  });

  it('lists the files it changed, and leaves no temporary file behind', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.ts'), LEGACY);
    writeFileSync(join(dir, 'two.ts'), LEGACY);
    const run = runBin(dir, '.');
    expect(run.stdout).toContain('one.ts: changed');
    expect(run.stdout).toContain('two.ts: changed');
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).trim().split('\n')).toEqual(['one.ts', 'two.ts']);
  });

  it('migrates a 5 MB file in under 500 MB of memory (peak resident set of the child process)', () => {
    const dir = tempDir();
    const block = (i: number) =>
      `export async function handler${i}(req: Request): Promise<Response> {\n` +
      `  const rows = await load${i % 97}(new URL(req.url).searchParams.get('page') ?? '1');\n` +
      `  return Response.json({ count: rows.length, rows: rows.filter((row) => row.active) });\n}\n`;
    const parts = [IMPORT];
    let size = IMPORT.length;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const text = block(i) + (i % 500 === 0 ? `export const auth${i} = bearerAuth({ headerName: 'x-a', validateToken });\n` : '');
      parts.push(text);
      size += text.length;
    }
    writeFileSync(join(dir, 'big.ts'), parts.join(''));
    const script =
      `const { runCodemod } = await import(${JSON.stringify(join(packageDir, 'dist/index.js'))});` +
      `const summary = await runCodemod(['big.ts'], { log: () => {} });` +
      `console.log(JSON.stringify({ summary, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const { summary, maxRssMb } = JSON.parse(run.stdout) as { summary: { changed: number }; maxRssMb: number };
    expect(summary.changed).toBe(1);
    expect(maxRssMb).toBeLessThan(500);
    expect(readFileSync(join(dir, 'big.ts'), 'utf8')).not.toContain(`headerName: 'x-a'`);
  }, 150_000);
});
