import type { AuthHeaderSyntaxErrorCode } from './types';

const CONTEXT = 32;

/**
 * Thrown by the strict parser for a field that does not match the RFC 9110 §11 grammar.
 *
 * `code` is stable and meant for programs; `offset` is where the fault starts in the (joined) field. The message
 * shows the input around the fault with a `^` under it. For credentials (`Authorization`) the snippet is redacted after
 * the scheme: every character that could belong to a secret is shown as `*`, so no token ever reaches a log through an error.
 */
export class AuthHeaderSyntaxError extends SyntaxError {
  override readonly name = 'AuthHeaderSyntaxError';
  readonly code: AuthHeaderSyntaxErrorCode;
  readonly offset: number;

  constructor(code: AuthHeaderSyntaxErrorCode, offset: number, reason: string, snippet?: string) {
    super(snippet === undefined ? `${reason} (${code} at offset ${offset})` : `${reason} (${code} at offset ${offset})\n${snippet}`);
    this.code = code;
    this.offset = offset;
  }
}

/**
 * Renders the input around `offset` on one line and a `^` marker under the fault. Control characters are shown as
 * `?` so the marker stays aligned and nothing in the message can break a log line.
 */
export function renderFault(input: string, offset: number, redactFrom: number): string {
  const start = Math.max(0, offset - CONTEXT);
  const end = Math.min(input.length, offset + CONTEXT);
  let line = start > 0 ? '…' : '';
  const markerColumn = line.length + (offset - start);
  for (let i = start; i < end; i++) {
    const code = input.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) line += '?';
    else if (i >= redactFrom && !isStructural(code)) line += '*';
    else line += input[i];
  }
  if (end < input.length) line += '…';
  return `  ${line}\n  ${' '.repeat(markerColumn)}^`;
}

/** Characters that shape credentials but cannot carry a secret on their own: SP, HTAB, `,`, `=`, `"`, `\`. */
function isStructural(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x2c || code === 0x3d || code === 0x22 || code === 0x5c;
}
