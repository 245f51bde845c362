import type { AuthHeaderSyntaxErrorCode } from './types';

/**
 * The text of a fault, for people: the code in words (`expected-comma` → `expected comma`), and for `duplicate-param`
 * the parameter's name (a name is a token chosen by the protocol, never a secret).
 * Never contains a value, a token68 or any other header content.
 */
export function describeFault(code: AuthHeaderSyntaxErrorCode, name?: string): string {
  return code.replace(/-/g, ' ') + (name ? ` "${name}"` : '');
}

/**
 * Thrown by the strict parser for a field that does not match the RFC 9110 §11 grammar.
 *
 * `code` is stable and meant for programs; `offset` is where the fault starts in the (joined) field. The message
 * shows the input around the fault with a `^` under it. For credentials (`Authorization`) the snippet is redacted after
 * the first token when SP follows it (the scheme), and entirely otherwise (a credential sent without a scheme): every
 * character that could belong to a secret is shown as `*`, so no token ever reaches a log through an error. A
 * `duplicate-param` message names the parameter. The input itself is not kept on the error.
 *
 * @example
 * ```ts
 * try {
 *   parseChallenges('Bearer realm="x" scope="y"');
 * } catch (error) {
 *   if (error instanceof AuthHeaderSyntaxError) console.log(error.code, error.offset); // 'expected-comma' 17
 * }
 * ```
 */
export class AuthHeaderSyntaxError extends SyntaxError {
  override readonly name = 'AuthHeaderSyntaxError';
  /** Stable machine-readable code. */
  declare readonly code: AuthHeaderSyntaxErrorCode;
  /** Offset of the fault in the parsed field, in UTF-16 code units. */
  declare readonly offset: number;

  /**
   * @param snippet the input around the fault with a marker under it (redacted for credentials)
   * @param name for `duplicate-param`, the parameter's name
   */
  constructor(code: AuthHeaderSyntaxErrorCode, offset: number, snippet?: string, name?: string) {
    super(`Invalid auth header: ${describeFault(code, name)} at offset ${offset}${snippet ? `\n${snippet}` : ''}`);
    this.code = code;
    this.offset = offset;
  }
}

/**
 * Renders at most 32 characters of `field` either side of `offset` on one line, and a `^` marker under the fault
 * (nothing when there is nothing to show).
 * Control characters are shown as `?`, so the marker stays aligned and nothing in the message can break a log line;
 * every other character is shown as `mask` returns it (credentials hide their secret this way). Only the window is
 * read, however long the field, and the snippet is built one character at a time, so it is a new string: an error
 * kept in a log never keeps the field itself alive.
 */
export function renderFault(field: string, offset: number, mask?: (char: string, index: number) => string): string {
  const start = Math.max(0, offset - 32);
  let shown = '';
  for (let i = start; i < field.length && i < offset + 32; i++) {
    const char = field[i]!;
    shown += char < ' ' || char === '\x7f' ? '?' : mask ? mask(char, i) : char;
  }
  return shown && `  ${shown}\n  ${' '.repeat(offset - start)}^`;
}
