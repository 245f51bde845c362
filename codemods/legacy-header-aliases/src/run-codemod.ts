import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { unifiedDiff } from './line-diff';
import { migrateSource } from './migrate-source';
import { SOURCE_EXTENSIONS } from './parser-for-path';

export interface RunCodemodOptions {
  /** Write nothing; print a unified diff of each file that would change. */
  dry?: boolean;
  /** Print each changed file's new source. */
  print?: boolean;
  callees?: readonly string[];
  /** Where lines go (default: console.log). */
  log?: (line: string) => void;
}

export interface RunCodemodSummary {
  scanned: number;
  changed: number;
  unchanged: number;
  reported: number;
  failed: number;
}

async function collectFiles(path: string, into: string[]): Promise<void> {
  const info = await stat(path);
  if (info.isFile()) {
    into.push(path);
    return;
  }
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) await collectFiles(child, into);
    else if (SOURCE_EXTENSIONS.includes(extname(entry.name)) && !entry.name.endsWith('.d.ts')) into.push(child);
  }
}

/**
 * Runs the migration over files and folders (skipping node_modules and dot folders), writes the results unless
 * `dry` (then prints a diff instead), and prints each report as `file:line reason` and a summary line. A file
 * that does not parse, or a path that cannot be read, is reported and counted as failed; the caller exits non-zero
 * when `failed > 0`.
 */
export async function runCodemod(paths: readonly string[], options: RunCodemodOptions = {}): Promise<RunCodemodSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const files: string[] = [];
  const summary: RunCodemodSummary = { scanned: 0, changed: 0, unchanged: 0, reported: 0, failed: 0 };
  for (const path of paths) {
    try {
      await collectFiles(path, files);
    } catch (error) {
      summary.failed++;
      log(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  for (const file of files.sort()) {
    summary.scanned++;
    const source = await readFile(file, 'utf8');
    let result;
    try {
      result = migrateSource(source, { path: file, callees: options.callees ?? [] });
    } catch (error) {
      summary.failed++;
      log(`${file}: could not parse (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    for (const report of result.reports) log(`${file}:${report.line} ${report.reason}`);
    if (result.reports.length > 0) summary.reported++;
    if (!result.changed) {
      summary.unchanged++;
      continue;
    }
    summary.changed++;
    if (options.dry) log(unifiedDiff(file, source, result.output));
    if (options.print) log(result.output);
    if (!options.dry) await writeFile(file, result.output);
  }
  log(
    `files scanned: ${summary.scanned}, changed: ${summary.changed}${options.dry ? ' (dry run, nothing written)' : ''}, ` +
      `unchanged: ${summary.unchanged}, reported: ${summary.reported}, failed: ${summary.failed}`,
  );
  return summary;
}
