import type { TerminalStyle } from './terminal-style';

/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input; undefined when stdin is a terminal (nothing piped). */
  readStdin(): Promise<string | undefined>;
  env: Readonly<Record<string, string | undefined>>;
  /** Styles for stdout and stderr. */
  out: TerminalStyle;
  err: TerminalStyle;
}

/** Exit codes: 0 success, 1 invalid input (a header that does not parse, a challenge that does not serialize), 2 usage
 * error or a high-severity check finding. */
export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_FINDINGS = 2;

/** A mistake in how the command was called: printed with the command's usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
