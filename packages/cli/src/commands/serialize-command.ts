import { serializeChallenges, serializeCredentials, type Challenge } from '@authheaders/www-authenticate';
import { EXIT_INVALID_INPUT, EXIT_OK, UsageError, type CliIO } from '../cli-io';
import { readValue } from './read-value';

export const SERIALIZE_USAGE = `Usage: authheaders serialize [--credentials] [<json>]

Serializes challenges to a WWW-Authenticate value, or with --credentials one Authorization value. <json> (or
standard input) is a challenge, an array of challenges, or the output of 'authheaders parse --json':

  authheaders serialize '{"scheme":"Bearer","params":{"realm":"api","scope":"read write"}}'
  authheaders parse --json 'Bearer realm=api' | authheaders serialize

Each value is checked: a scheme or parameter name that is not a token, a bad token68, duplicate names, or a
control character in a value is refused (exit 1) with the field named, never with its value.`;

function challengesFrom(value: unknown, credentials: boolean): Challenge[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.challenges)) return record.challenges as Challenge[];
    if (record.credentials !== undefined) return [record.credentials as Challenge];
    return [record as unknown as Challenge];
  }
  if (Array.isArray(value) && !credentials) return value as Challenge[];
  throw new TypeError(credentials ? 'expected one credentials object' : 'expected a challenge object or an array of them');
}

/** `authheaders serialize`. */
export async function serializeCommand(positionals: readonly string[], flags: { credentials: boolean }, io: CliIO): Promise<number> {
  if (positionals.length > 1) throw new UsageError('give one JSON value (quote it), or pipe it on standard input');
  const text = (await readValue(positionals[0], io)).join('\n');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    io.stderr(`${io.err.red('error')} not JSON: ${(error as Error).message}`);
    return EXIT_INVALID_INPUT;
  }
  try {
    const challenges = challengesFrom(value, flags.credentials);
    for (const c of challenges) {
      if (c !== null && typeof c === 'object' && c.params === undefined) (c as { params: Record<string, string> }).params = {};
    }
    io.stdout(flags.credentials ? serializeCredentials(challenges[0]!) : serializeChallenges(challenges));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    io.stderr(`${io.err.red('error')} ${error.message}`);
    return EXIT_INVALID_INPUT;
  }
}
