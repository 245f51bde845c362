import {
  AuthHeaderSyntaxError,
  parseChallenges,
  parseCredentials,
  type Challenge,
  type Diagnostic,
} from '@authheaders/www-authenticate';
import { escapeTerminal, terminalSafeJson, UNSAFE_IN_SNIPPET } from '../check/escape-terminal';
import { EXIT_INVALID_INPUT, EXIT_OK, UsageError, type CliIO } from '../cli-io';
import { maskUnknownScheme, showsScheme } from './credentials-scheme';
import { readValue } from './read-value';

export const PARSE_USAGE = `Usage: authheaders parse [--lenient] [--json] [--credentials] [<value>]

Parses a WWW-Authenticate / Proxy-Authenticate value (a list of challenges, RFC 9110 §11.6.1) or, with
--credentials, an Authorization value (RFC 9110 §11.6.2). Without <value>, reads standard input; each input line
is one field line, and the lines form one list (RFC 9110 §5.3).

  --lenient      recover what a browser-like client would, and list each repair on stderr
  --json         print JSON instead of a table; a syntax error prints {"error": {code, offset, message}}
  --credentials  parse Authorization credentials instead of challenges

Exit codes: 0 parsed, 1 syntax error (the input is shown with ^ under the fault), 64 usage error.`;

export interface ParseFlags {
  lenient: boolean;
  json: boolean;
  credentials: boolean;
}

function table(challenges: readonly Challenge[]): string {
  const rows: string[][] = [['#', 'scheme', 'token68', 'parameter', 'value']];
  challenges.forEach((c, i) => {
    const params = Object.entries(c.params);
    const first = params[0];
    // A quoted-string may hold obs-text (RFC 9110 §5.6.4), which includes the C1 controls: values are escaped.
    rows.push([String(i + 1), c.scheme, escapeTerminal(c.token68 ?? ''), first?.[0] ?? '', escapeTerminal(first?.[1] ?? '')]);
    for (const [name, value] of params.slice(1)) rows.push(['', '', '', name, escapeTerminal(value)]);
  });
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()).join('\n');
}

/**
 * What `parse --json` prints on stdout for a field that does not parse, so a program reading stdout always gets
 * one JSON value: the stable `code`, the `offset` of the fault and the message (whose snippet is redacted after the
 * scheme for credentials, as on stderr).
 */
function syntaxErrorJson(error: AuthHeaderSyntaxError, message: string): { error: { code: string; offset: number; message: string } } {
  return { error: { code: error.code, offset: error.offset, message } };
}

/** `authheaders parse`. */
export async function parseCommand(positionals: readonly string[], flags: ParseFlags, io: CliIO): Promise<number> {
  if (positionals.length > 1) throw new UsageError('give one value (quote it), or pipe it on standard input');
  const input = await readValue(positionals[0], io);
  const diagnostics: Diagnostic[] = [];
  const options = flags.lenient ? { lenient: true, onDiagnostic: (d: Diagnostic) => diagnostics.push(d) } : {};
  let challenges: Challenge[];
  const field = input.join(', ');
  try {
    if (flags.credentials) {
      challenges = [parseCredentials(field, options)];
    } else {
      challenges = parseChallenges(input, options);
    }
  } catch (error) {
    if (!(error instanceof AuthHeaderSyntaxError)) throw error;
    // The message holds the input around the fault with ^ under it (redacted after the scheme for credentials, and
    // the scheme too unless it is a known one). The snippet may hold C1 controls from a quoted-string (obs-text): the
    // same escaping as the parsed result.
    const message = flags.credentials ? maskUnknownScheme(error.message, field, error.offset) : error.message;
    if (flags.json) io.stdout(terminalSafeJson(syntaxErrorJson(error, message)));
    // The library shows C0 controls and DEL as `?`; a C1 control (U+009B starts a terminal command) or a bidi control
    // becomes `?` here too, one character for one so the ^ marker stays under the fault.
    io.stderr(`${io.err.red(io.err.bold(`error[${error.code}]`))} ${message.replace(UNSAFE_IN_SNIPPET, '?')}`);
    if (!flags.lenient && !flags.credentials) io.stderr(io.err.dim('Try --lenient to see what a browser-like client would read.'));
    return EXIT_INVALID_INPUT;
  }
  // A value that needed repairs may have no scheme at all: its first token is shown only when it is a known scheme.
  if (flags.credentials && !showsScheme(field, diagnostics.length === 0)) challenges = [{ ...challenges[0]!, scheme: '[redacted]' }];
  for (const d of diagnostics) io.stderr(`${io.err.yellow(`repair[${d.code}]`)} at offset ${d.offset}: ${d.message}`);
  if (flags.json) {
    const value = flags.credentials ? { credentials: challenges[0], diagnostics } : { challenges, diagnostics };
    io.stdout(terminalSafeJson(value));
  } else if (challenges.length === 0) {
    io.stdout('(no challenges: an empty list)');
  } else {
    io.stdout(table(challenges));
  }
  return EXIT_OK;
}
