/**
 * What a terminal must not receive raw from a server: the C0 and C1 controls and DEL (ECMA-48 control functions:
 * they move the cursor, erase lines, forge output), and the Unicode bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069, Unicode's `Bidi_Control` property, UAX #9), which reorder what is shown
 * (U+202E turns `PASS` text around, "Trojan Source", CVE-2021-42574).
 */
const UNSAFE = /[\p{Cc}\p{Bidi_Control}]/gu;
/** The same, but C0: what `JSON.stringify` leaves raw (it escapes C0 in strings, and its own line breaks must stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Bidi_Control}]/gu;
/** The same, but C0 and DEL: what an error of the parser may still hold in its snippet (it shows those as `?`). */
export const UNSAFE_IN_SNIPPET = /[\u0080-\u009f\p{Bidi_Control}]/gu;

/**
 * Escapes the C0 and C1 controls and DEL as `\xNN`, and the bidirectional controls as `\uNNNN`, so that text that
 * came from a server can neither drive a terminal nor reorder the line it is printed on.
 */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * `JSON.stringify(value, null, 2)` with DEL, the C1 controls and the bidirectional controls written as `\uNNNN`
 * escapes too (JSON.stringify escapes only C0): the same JSON (RFC 8259 §7), safe to print to a terminal. They can
 * only occur inside strings.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
