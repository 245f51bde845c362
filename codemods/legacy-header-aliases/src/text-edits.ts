/**
 * Edits made on the source text itself, so that everything the codemod does not touch (quotes, spacing, comments,
 * line breaks) stays byte for byte as it was. The syntax tree only says where to edit.
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

const isBlank = (text: string): boolean => /^[ \t]*$/.test(text);

/** Offset of the first character of the line that holds `offset`. */
export function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** True when only spaces or tabs stand between the start of its line and `offset`. */
export function beginsLine(source: string, offset: number): boolean {
  return isBlank(source.slice(lineStartOf(source, offset), offset));
}

/** The spaces and tabs that open the line holding `offset`. */
export function indentationAt(source: string, offset: number): string {
  const start = lineStartOf(source, offset);
  return /^[ \t]*/.exec(source.slice(start, offset))![0];
}

function skipSpaces(source: string, offset: number): number {
  let i = offset;
  while (source[i] === ' ' || source[i] === '\t') i++;
  return i;
}

/**
 * The deletion of one member of a comma-separated list (`start`..`end` is the member itself), with its comma:
 * - a member on lines of its own loses those lines;
 * - a member followed by a comma loses the comma and the spaces after it;
 * - the last member of a one-line list loses everything back to the end of the last member that stays
 *   (`previousKeptEnd`), so the comma before it goes too.
 */
export function listMemberDeletion(source: string, start: number, end: number, previousKeptEnd?: number): TextEdit {
  const afterMember = skipSpaces(source, end);
  const commaAfter = source[afterMember] === ',';
  const afterComma = commaAfter ? skipSpaces(source, afterMember + 1) : afterMember;
  const newline = source.startsWith('\r\n', afterComma) ? 2 : source[afterComma] === '\n' ? 1 : 0;
  if (beginsLine(source, start) && newline > 0) {
    return { start: lineStartOf(source, start), end: afterComma + newline, text: '' };
  }
  if (commaAfter) return { start, end: afterComma, text: '' };
  return { start: previousKeptEnd ?? start, end, text: '' };
}

/**
 * Applies edits to `source`. Deletions that overlap or touch are merged first; an edit that would overlap another
 * one is not applied and is returned in `skipped`, so the caller can report it.
 */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): { output: string; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && edit.start < last.end) {
      if (last.text === '' && edit.text === '') last.end = Math.max(last.end, edit.end);
      else skipped.push(edit);
      continue;
    }
    if (last !== undefined && edit.start === last.end && last.text === '' && edit.text === '' && edit.end > edit.start) {
      last.end = edit.end;
      continue;
    }
    merged.push({ ...edit });
  }
  let output = '';
  let cursor = 0;
  for (const edit of merged) {
    output += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return { output: output + source.slice(cursor), skipped };
}
