import type { AuthHeaderSyntaxErrorCode } from './types';

/**
 * The human-readable text of a code: the code in words (`expected-comma` → `expected comma`). The README lists
 * every code with the RFC rule behind it. Messages never contain header content.
 */
export function describeCode(code: AuthHeaderSyntaxErrorCode): string {
  return code.replace(/-/g, ' ');
}

const CONTEXT = 32;

/**
 * Thrown by the strict parser for a field that does not match the RFC 9110 §11 grammar.
 *
 * `code` is stable and meant for programs; `offset` is where the fault starts in the (joined) field. The message
 * shows the input around the fault with a `^` under it. For credentials (`Authorization`) the snippet is redacted after
 * the scheme: every character that could belong to a secret is shown as `*`, so no token ever reaches a log through
 * an error. The input itself is not kept on the error.
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

  constructor(code: AuthHeaderSyntaxErrorCode, offset: number, snippet?: string) {
    super(`Invalid auth header: ${describeCode(code)} at offset ${offset}${snippet === undefined ? '' : `\n${snippet}`}`);
    this.code = code;
    this.offset = offset;
  }
}

/**
 * Renders at most 32 characters either side of `offset` on one line, and a `^` marker under the fault. From
 * `redactFrom` on, every character but HTAB, SP, `,`, `=`, `"` and `\` is shown as `*`; control characters left are
 * shown as `?`, so the marker stays aligned and nothing in the message can break a log line. Single-class regexes,
 * linear.
 */
export function renderFault(input: string, offset: number, redactFrom: number): string {
  const start = Math.max(0, offset - CONTEXT);
  const end = offset + CONTEXT;
  const shown =
    input.slice(start, Math.min(redactFrom, end)) + input.slice(Math.max(start, redactFrom), end).replace(/[^\t ,="\\]/g, '*');
  return `  ${shown.replace(/[\0-\x1f\x7f]/g, '?')}\n  ${' '.repeat(offset - start)}^`;
}
