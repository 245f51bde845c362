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

/** Exit code: success (for `check`, no high-severity finding). */
export const EXIT_OK = 0;
/** Exit code: invalid input (a header that does not parse, a challenge that does not serialize). */
export const EXIT_INVALID_INPUT = 1;
/** Exit code of `check`: a high-severity finding. */
export const EXIT_FINDINGS = 2;
/** Exit code: the command was called wrongly (sysexits.h `EX_USAGE`), for every command. */
export const EXIT_USAGE = 64;

/** A mistake in how the command was called: printed as one line (JSON with `--json`), exit 64. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
