/** The widest line the demo prints: it reads in a 100-column terminal without wrapping. */
export const DEMO_LINE_WIDTH = 99;

/**
 * Breaks `text` at spaces into lines of at most `width` columns (a single word longer than that stays whole). The
 * first line keeps the text's leading spaces; the others start with `indent`. `text` is plain: style it after
 * wrapping, since escape codes take no columns.
 */
export function wrapLine(text: string, indent: string, width = DEMO_LINE_WIDTH): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let prefix = lead;
  let line = '';
  for (const word of text.slice(lead.length).split(' ')) {
    if (line !== '' && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      prefix = indent;
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(prefix + line);
  return lines;
}
