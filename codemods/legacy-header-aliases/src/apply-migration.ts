import { collectGarbage } from './collect-garbage';
import type { MigrationReport } from './mark-for-hand-migration';
import type { Outcome } from './migrate-config-objects';
import { parseSource } from './parse-source';
import { sourceText, type SourceText } from './source-text';
import type { Node } from './syntax-tree';
import { applyTextEdits } from './text-edits';

/** Above this many characters, the first syntax tree is collected before the output is parsed again. */
const LARGE_FILE = 1024 * 1024;

/** What a migration made of one file's source. */
export interface MigrateSourceResult {
  /** The migrated source: only the edited spans differ; identical to the input when nothing changed. */
  output: string;
  changed: boolean;
  reports: MigrationReport[];
}

/**
 * Thrown when a migration's output does not parse (a bug in the codemod, or a construct it does not expect): the
 * file must not be written. `code` is `'ERR_OUTPUT_DOES_NOT_PARSE'`.
 */
export class OutputDoesNotParseError extends Error {
  override readonly name = 'OutputDoesNotParseError';
  readonly code = 'ERR_OUTPUT_DOES_NOT_PARSE';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`the migrated text of ${path} does not parse (${(cause as Error).message}); nothing was written`, { cause });
  }
}

/**
 * Runs one migration on a file's source: the BOM is set aside (and put back), the text is parsed, `migrate`
 * returns edits on the text, and the edited text is parsed again before it is returned. Throws the parser's
 * `SyntaxError` when the input does not parse and {@link OutputDoesNotParseError} when the output does not.
 */
export function applyMigration(
  source: string,
  path: string,
  migrate: (program: Node, file: SourceText) => Outcome,
): MigrateSourceResult {
  const file = sourceText(source);
  const { edits, reports } = migrate(parseSource(file.text, path), file);
  const { output: text, skipped } = applyTextEdits(file.text, edits);
  for (const edit of skipped) {
    const line = file.text.slice(0, edit.start).split('\n').length;
    reports.push({ line, reason: 'overlaps another change in a nested configuration; migrate by hand', kind: 'unmigrated' });
  }
  if (text === file.text) return { output: source, changed: false, reports };
  if (text.length > LARGE_FILE) collectGarbage();
  try {
    parseSource(text, path);
  } catch (error) {
    throw new OutputDoesNotParseError(path, error);
  }
  return { output: file.bom + text, changed: true, reports };
}
