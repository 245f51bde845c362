import type { CliIO } from '../../src/cli-io';
import { main } from '../../src/main';
import { terminalStyle } from '../../src/terminal-style';

/** What a command wrote: the exit code and each stream's lines, joined. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A `CliIO` that keeps what is written, without colour; `stdin` is what standard input holds (none by default).
 * `interleaved()` is both streams' lines in the order they were written.
 */
export function memoryIO(
  stdin?: string,
  env: Record<string, string> = {},
): { io: CliIO; finish(code: number): CliRun; interleaved(): string } {
  const out: string[] = [];
  const err: string[] = [];
  const both: string[] = [];
  const io: CliIO = {
    stdout: (t) => void (out.push(t), both.push(t)),
    stderr: (t) => void (err.push(t), both.push(t)),
    readStdin: async () => stdin,
    env,
    out: terminalStyle(false, env),
    err: terminalStyle(false, env),
  };
  return {
    io,
    finish: (code) => ({ code, stdout: out.join('\n'), stderr: err.join('\n') }),
    interleaved: () => both.join('\n'),
  };
}

/** Runs the CLI in process, as `authheaders <argv...>` would. */
export async function runCli(argv: string[], stdin?: string, env: Record<string, string> = {}): Promise<CliRun> {
  const { io, finish } = memoryIO(stdin, env);
  return finish(await main(argv, io));
}
