/** The widest line the demo prints: it reads in a 100-column terminal without wrapping. */
export const DEMO_LINE_WIDTH = 99;

/**
 * The columns a terminal may give `text`: one per character, two from U+2000 up. The demo's arrows and ellipsis
 * (`→ ← …`) are East Asian Ambiguous: two columns wide in a CJK terminal (and three bytes in UTF-8), so a line of 99
 * characters with four of them reached 103 there.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! >= 0x2000 ? 2 : 1;
  return width;
}

/**
 * Breaks `text` at spaces into lines of at most `width` columns ({@link displayWidth}) (a single word longer than that stays whole). The
 * first line keeps the text's leading spaces; the others start with `indent`. `text` is plain: style it after
 * wrapping, since escape codes take no columns.
 */
export function wrapLine(text: string, indent: string, width = DEMO_LINE_WIDTH): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let prefix = lead;
  let line = '';
  for (const word of text.slice(lead.length).split(' ')) {
    if (line !== '' && displayWidth(prefix) + displayWidth(line) + 1 + displayWidth(word) > width) {
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
