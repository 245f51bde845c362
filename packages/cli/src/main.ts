import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './cli-io';
import { CHECK_USAGE, checkCommand } from './commands/check-command';
import { PARSE_USAGE, parseCommand } from './commands/parse-command';
import { SERIALIZE_USAGE, serializeCommand } from './commands/serialize-command';
import { escapeTerminal } from './check/escape-terminal';
import { runDemo } from './demo/run-demo';

export const USAGE = `Usage: authheaders <command> [options]

Commands:
  parse      parse a WWW-Authenticate or Authorization value (strict, or --lenient)
  serialize  turn JSON challenges back into a header value, validating every field
  check      probe a protected resource the way an MCP client would and report its auth advertisement
  demo       run the whole project end to end on a loopback server, offline

Run 'authheaders <command> --help' for the options of each.
Exit codes: 0 success, 1 invalid input, 2 a high-severity check finding, 64 usage error.`;

const DEMO_USAGE = `Usage: authheaders demo

Starts an MCP server behind bearerAuth and a JWT validator, and an authorization server (oidc-provider, scripted
consent for a demo user), on ephemeral loopback ports. The MCP SDK client signs in from a bare 401 (one line per
HTTP hop), steps up for a scope, then meets the validator's refusals; then the legacy x-adcp-auth alias and token
conflicts, the codemod in dry run, and a check of the server's auth advertisement. Offline; colors unless NO_COLOR
is set or the output is not a terminal.`;

const USAGES: Record<string, string> = { parse: PARSE_USAGE, serialize: SERIALIZE_USAGE, check: CHECK_USAGE, demo: DEMO_USAGE };

type OptionSpec = { type: 'boolean' | 'string'; multiple?: boolean; short?: string };

/** The options of each command; anything else is a usage error. */
const COMMAND_OPTIONS: Record<string, Record<string, OptionSpec>> = {
  parse: { json: { type: 'boolean' }, lenient: { type: 'boolean' }, credentials: { type: 'boolean' } },
  serialize: { credentials: { type: 'boolean' } },
  check: {
    json: { type: 'boolean' },
    format: { type: 'string' },
    timeout: { type: 'string' },
    'insecure-http': { type: 'boolean' },
    'allow-private': { type: 'boolean' },
    'same-origin': { type: 'boolean' },
    token: { type: 'string' },
    'legacy-header': { type: 'string', multiple: true },
    'probe-registration': { type: 'boolean' },
  },
  demo: {},
};

/** Printable form of a user's argument in a message (control characters escaped, long values cut). */
function shown(arg: string): string {
  const cut = arg.length > 40 ? `${arg.slice(0, 40)}…` : arg;
  return escapeTerminal(cut);
}

/**
 * Parses `args` against the command's options. Node's own `parseArgs` messages are not shown: every mistake becomes
 * a one-line {@link UsageError}.
 */
function parseCommandArgs(command: string, args: string[]): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  const options = { help: { type: 'boolean', short: 'h' }, ...COMMAND_OPTIONS[command] } as Record<string, OptionSpec>;
  const { tokens } = parseArgs({ args, allowPositionals: true, strict: false, tokens: true, options });
  const values: Record<string, string | boolean | string[] | undefined> = Object.create(null) as Record<string, never>;
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option ${shown(token.rawName)}`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else {
      if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
      if (spec.multiple === true) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), token.value];
      else values[token.name] = token.value;
    }
  }
  return { values, positionals };
}

/**
 * Runs one `authheaders` command and returns its exit code: 0 success, 1 invalid input, 2 a high-severity `check`
 * finding, 64 a usage error (sysexits.h `EX_USAGE`) for every command. Never throws for bad input: a usage error is
 * one line on stderr (a JSON object on stdout with `--json`); anything unexpected prints its message (exit 1).
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === '--version' || command === '-v') {
    io.stdout('0.1.0');
    return EXIT_OK;
  }
  const usage = USAGES[command];
  const json = rest.includes('--json') || rest.includes('--format=json') || rest.some((arg, i) => arg === '--format' && rest[i + 1] === 'json');
  const fail = (kind: 'usage' | 'internal', message: string, code: number): number => {
    if (json) io.stdout(JSON.stringify({ error: { kind, message, exitCode: code } }));
    else io.stderr(kind === 'usage' ? `${message}; see 'authheaders ${usage === undefined ? '--help' : `${command} --help`}'` : message);
    return code;
  };
  if (usage === undefined) return fail('usage', `authheaders: unknown command ${shown(command)}`, EXIT_USAGE);
  try {
    const { values, positionals } = parseCommandArgs(command, [...rest]);
    if (values.help === true) {
      io.stdout(usage);
      return EXIT_OK;
    }
    switch (command) {
      case 'parse':
        return await parseCommand(positionals, { json: values.json === true, lenient: values.lenient === true, credentials: values.credentials === true }, io);
      case 'serialize':
        return await serializeCommand(positionals, { credentials: values.credentials === true }, io);
      case 'check':
        return await checkCommand(
          positionals,
          {
            json: values.json === true,
            format: values.format as string | undefined,
            timeout: values.timeout as string | undefined,
            insecureHttp: values['insecure-http'] === true,
            allowPrivate: values['allow-private'] === true,
            sameOrigin: values['same-origin'] === true,
            token: values.token as string | undefined,
            legacyHeaders: (values['legacy-header'] as string[] | undefined) ?? [],
            probeRegistration: values['probe-registration'] === true,
          },
          io,
        );
      default:
        if (positionals.length > 0) throw new UsageError('demo takes no arguments');
        await runDemo({ line: (text = '') => io.stdout(text), style: io.out });
        return EXIT_OK;
    }
  } catch (error) {
    if (error instanceof UsageError) return fail('usage', `authheaders ${command}: ${error.message}`, EXIT_USAGE);
    return fail('internal', `authheaders ${command}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
}
