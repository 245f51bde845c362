import type { AuthHeaderSyntaxErrorCode } from './types';

const described: Partial<Record<AuthHeaderSyntaxErrorCode, string>> = {};

/**
 * The human-readable text of a code: the code in words (`expected-comma` → `expected comma`), made once per code (a
 * lenient parse of a long malformed field can record thousands of diagnostics). Never contains header content.
 */
export function describeCode(code: AuthHeaderSyntaxErrorCode): string {
  return (described[code] ??= code.replace(/-/g, ' '));
}

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
    super(`Invalid auth header: ${describeCode(code)} at offset ${offset}${snippet ? `\n${snippet}` : ''}`);
    this.code = code;
    this.offset = offset;
  }
}

/**
 * Renders at most 32 characters of `field` either side of `offset` on one line, and a `^` marker under the fault.
 * Control characters are shown as `?`, so the marker stays aligned and nothing in the message can break a log line.
 */
export function renderFault(field: string, offset: number): string {
  const start = Math.max(0, offset - 32);
  return `  ${field.slice(start, offset + 32).replace(/[\0-\x1f\x7f]/g, '?')}\n  ${' '.repeat(offset - start)}^`;
}

/**
 * `field` with every character from `from` on but HTAB, SP, `,`, `=`, `"` and `\` replaced by `*`: the shape of
 * credentials stays readable in an error, the secret does not.
 */
export function redactAfter(field: string, from: number): string {
  return field.slice(0, from) + field.slice(from).replace(/[^\t ,="\\]/g, '*');
}
