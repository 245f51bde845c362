/**
 * Escapes C0 and C1 control characters (and DEL) as `\xNN` / `\u{NN}`, so that text that came from a server cannot
 * move the cursor, erase lines or forge output when printed to a terminal (ECMA-48 control functions).
 */
export function escapeTerminal(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      out += `${text.slice(start, i)}\\x${c.toString(16).padStart(2, '0')}`;
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}
