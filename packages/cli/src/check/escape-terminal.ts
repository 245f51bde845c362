/**
 * Escapes C0 and C1 control characters (and DEL) as `\xNN`, so that text that came from a server cannot
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

/**
 * `JSON.stringify(value, null, 2)` with DEL and the C1 controls written as `\u00NN` escapes too (JSON.stringify
 * escapes only C0): the same JSON (RFC 8259 §7), safe to print to a terminal. They can only occur inside strings.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
