import jscodeshift from 'jscodeshift';
import { migrateConfigObjects, type MigrationReport, type SourceFile } from './migrate-config-objects';
import { mayNeedMigration, parserForPath } from './parser-for-path';
import { applyTextEdits } from './text-edits';

/** The file with its line-ending style, and the offset map from its LF-normalized form (what the parser sees). */
function sourceFile(text: string): SourceFile {
  const carriageReturns: number[] = []; // offsets, in the normalized text, of the LF after each removed CR
  for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) carriageReturns.push(i - carriageReturns.length);
  if (carriageReturns.length === 0) return { text, eol: '\n', toOriginal: (offset) => offset };
  return {
    text,
    eol: '\r\n',
    toOriginal(offset) {
      let low = 0;
      let high = carriageReturns.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (carriageReturns[mid]! < offset) low = mid + 1;
        else high = mid;
      }
      return offset + low;
    },
  };
}

export interface MigrateSourceOptions {
  /** The file's path: picks the parser and names the file in reports. Default `'input.ts'`. */
  path?: string;
  /** More callee names whose object argument configures bearer auth. */
  callees?: readonly string[];
  /** Skip files that do not mention the legacy options before parsing. Default true. */
  prefilter?: boolean;
}

export interface MigrateSourceResult {
  /** The migrated source: only the edited spans differ; identical to the input when nothing changed. */
  output: string;
  changed: boolean;
  reports: MigrationReport[];
}

/**
 * Migrates `headerName` / `mcpHeaderName` (and the bearer-prefix flags) to `legacyHeaderAliases` in one file's
 * source. Throws the parser's error when the source does not parse.
 *
 * @example
 * ```ts
 * migrateSource(`app.use(bearerAuth({ headerName: 'x-adcp-auth', validateToken }))`).output;
 * // "app.use(bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], validateToken }))"
 * ```
 */
export function migrateSource(source: string, options: MigrateSourceOptions = {}): MigrateSourceResult {
  const path = options.path ?? 'input.ts';
  if (options.prefilter !== false && !mayNeedMigration(source)) return { output: source, changed: false, reports: [] };
  const j = jscodeshift.withParser(parserForPath(path));
  const file = sourceFile(source);
  const parsed = file.eol === '\n' ? source : source.replace(/\r\n/g, '\n');
  const { edits, reports } = migrateConfigObjects(j, j(parsed), file, options.callees ?? []);
  const { output, skipped } = applyTextEdits(source, edits);
  for (const edit of skipped) {
    const line = source.slice(0, edit.start).split('\n').length;
    reports.push({ line, reason: 'overlaps another change in a nested configuration; migrate by hand', kind: 'unmigrated' });
  }
  return { output, changed: output !== source, reports };
}
