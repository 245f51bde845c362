/**
 * Text from a file or a file name, made safe for a terminal: control characters (C0, DEL, C1) and line or paragraph
 * separators become `\uXXXX`, so a crafted name cannot move the cursor, recolor the output or fake a line; text
 * longer than `max` is cut with `…`.
 */
export function printable(text: string, max = Infinity): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
