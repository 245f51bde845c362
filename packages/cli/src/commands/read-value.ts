import { UsageError, type CliIO } from '../cli-io';

/**
 * The header value from the argument, or from standard input as field lines (one per line, blank lines dropped).
 */
export async function readValue(argument: string | undefined, io: CliIO): Promise<string[]> {
  if (argument !== undefined) return [argument];
  const piped = await io.readStdin();
  if (piped === undefined) throw new UsageError('no value given: pass it as an argument or on standard input');
  return piped.split(/\r?\n/).filter((line) => line.trim() !== '');
}
