import type { SourceText } from './source-text';
import type { Node } from './syntax-tree';
import { beginsLine, indentationAt, lineStartOf, type TextEdit } from './text-edits';

/** The words every marker comment starts with; search for them to find what is left to migrate by hand. */
export const MARK = 'legacy-header-aliases:';

/** A line the codemod reports: where and why. */
export interface MigrationReport {
  line: number;
  reason: string;
  /**
   * `'unmigrated'`: left as it was and marked in the source; `'unseen'`: left as it was, not marked, because the
   * codemod cannot see whether it needs a change (the options are built elsewhere); `'note'`: migrated, with a
   * difference in behaviour to check (a token read from the environment).
   */
  kind: 'unmigrated' | 'unseen' | 'note';
}

/**
 * A `/* legacy-header-aliases: reason *\/` comment before `node`: on a line of its own when the node begins its
 * line, inline otherwise. None when the node is already marked, so a second run changes nothing.
 */
export function markEdit(file: SourceText, node: Node, reason: string): TextEdit | undefined {
  const source = file.text;
  const start = node.start;
  const previousLineStart = lineStartOf(source, Math.max(0, lineStartOf(source, start) - 1));
  if (source.slice(previousLineStart, start).includes(`/* ${MARK}`)) return undefined;
  // A reason may quote the file (a header name): it must not close the comment early.
  const comment = `/* ${MARK} ${reason.replaceAll('*/', '* /')} */`;
  const text = beginsLine(source, start) ? `${comment}${file.eolAt(start)}${indentationAt(source, start)}` : `${comment} `;
  return { start, end: start, text };
}
