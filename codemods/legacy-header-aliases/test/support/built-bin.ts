import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder, and its bin as a user runs it (built from the sources when a test needs it). */
export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(packageDir, 'dist/bin.js');

/** Builds the package once when its bin is missing (a fresh clone that ran `pnpm test` before `pnpm build`). */
export function buildBinIfMissing(): void {
  if (!existsSync(bin)) execFileSync('pnpm', ['run', 'build'], { cwd: packageDir, stdio: 'ignore' });
}

/** Temporary folders for one test file: `make()` a new one, `removeAll()` in `afterAll`. */
export function temporaryFolders(prefix: string): { make(suffix?: string): string; removeAll(): void } {
  const made: string[] = [];
  return {
    make(suffix = '') {
      const dir = mkdtempSync(join(tmpdir(), `legacy-header-aliases-${prefix}${suffix}-`));
      made.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
