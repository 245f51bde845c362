import type { MigrateSourceResult } from './apply-migration';
import { unifiedDiff } from './line-diff';
import { migrateHonoSource } from './migrate-hono-source';
import { checkModules, migrateSource } from './migrate-source';
import { printable } from './printable';
import { findSourceFiles, readSourceFile, writeSourceFile } from './source-files';

/**
 * Files larger than this are skipped and reported (`--max-bytes` changes it). A migration's peak memory is about
 * 80 bytes per byte of source: a 5 MiB file peaks near 420 MB (`pnpm bench codemod`).
 */
export const DEFAULT_MAX_BYTES = 6 * 1024 * 1024;

/** Options of {@link runCodemod}. */
export interface RunCodemodOptions {
  /** `'legacy-header-aliases'` (default): our options; `'hono'`: `hono/bearer-auth` to `@authheaders/bearer/hono`. */
  migration?: 'legacy-header-aliases' | 'hono';
  /** Write nothing; print a unified diff of each file that would change. */
  dry?: boolean;
  /** Print each changed file's new source. */
  print?: boolean;
  /** More callee names whose object argument configures bearer auth. */
  callees?: readonly string[];
  /** More modules whose functions take a bearer-auth configuration. */
  modules?: readonly string[];
  /** Files larger than this many bytes are skipped and reported. Default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** Where lines go (default: console.log). */
  log?: (line: string) => void;
}

/** What a run did: `scanned` = `changed` + `unchanged` + `skipped` + `failed`; `reported` files had reports. */
export interface RunCodemodSummary {
  scanned: number;
  changed: number;
  unchanged: number;
  reported: number;
  skipped: number;
  failed: number;
}

/**
 * Runs a migration over files and folders and writes the results (unless `dry`: then prints a diff instead). Every
 * file is read as strict UTF-8 without following links, and written only after its new text parsed; see
 * `findSourceFiles` and `readSourceFile` for what is skipped. Prints each changed file, each report as
 * `file:line reason`, each skipped or failed file with its reason, and a summary line. Never throws for a file: a
 * file that cannot be read, parsed or written counts as failed and the run goes on; the caller exits non-zero when
 * `failed > 0`. Throws a TypeError, before reading anything, when `modules` lists a module whose options are not
 * ours (`hono/bearer-auth`: use `migration: 'hono'`).
 */
export async function runCodemod(paths: readonly string[], options: RunCodemodOptions = {}): Promise<RunCodemodSummary> {
  checkModules(options.modules ?? []);
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const migrate = (source: string, path: string): MigrateSourceResult =>
    options.migration === 'hono'
      ? migrateHonoSource(source, { path })
      : migrateSource(source, { path, callees: options.callees ?? [], modules: options.modules ?? [] });
  const summary: RunCodemodSummary = { scanned: 0, changed: 0, unchanged: 0, reported: 0, skipped: 0, failed: 0 };
  const fail = (path: string, reason: string): void => {
    summary.failed++;
    log(`${printable(path)}: failed, ${printable(reason)}`);
  };
  for (const found of await findSourceFiles(paths)) {
    summary.scanned++;
    const { path } = found;
    if (found.fail !== undefined) {
      fail(path, found.fail);
      continue;
    }
    const read = found.skip !== undefined ? { skip: found.skip } : await readSourceFile(path, maxBytes);
    if ('skip' in read) {
      summary.skipped++;
      log(`${printable(path)}: skipped, ${read.skip}`);
      continue;
    }
    if ('fail' in read) {
      fail(path, read.fail);
      continue;
    }
    let result: MigrateSourceResult;
    try {
      result = migrate(read.text, path);
    } catch (error) {
      const message = (error as Error).message.split('\n')[0];
      fail(path, (error as Error).name === 'OutputDoesNotParseError' ? message! : `could not parse (${message})`);
      continue;
    }
    for (const report of result.reports) log(`${printable(path)}:${report.line} ${printable(report.reason)}`);
    if (result.reports.length > 0) summary.reported++;
    if (!result.changed) {
      summary.unchanged++;
      continue;
    }
    if (options.dry) log(unifiedDiff(printable(path), read.text, result.output));
    if (options.print) log(result.output);
    if (!options.dry) {
      const error = await writeSourceFile(path, result.output, read.mode);
      if (error !== undefined) {
        fail(path, `cannot write (${error})`);
        continue;
      }
    }
    summary.changed++;
    log(`${printable(path)}: ${options.dry ? 'would change' : 'changed'}`);
  }
  log(
    `files scanned: ${summary.scanned}, changed: ${summary.changed}${options.dry ? ' (dry run, nothing written)' : ''}, ` +
      `unchanged: ${summary.unchanged}, reported: ${summary.reported}, skipped: ${summary.skipped}, failed: ${summary.failed}`,
  );
  return summary;
}
