import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './cli-io';
import { CHECK_USAGE, checkCommand } from './commands/check-command';
import { PARSE_USAGE, parseCommand } from './commands/parse-command';
import { SERIALIZE_USAGE, serializeCommand } from './commands/serialize-command';
import { runDemo } from './demo/run-demo';

export const USAGE = `Usage: authheaders <command> [options]

Commands:
  parse      parse a WWW-Authenticate or Authorization value (strict, or --lenient)
  serialize  turn JSON challenges back into a header value, validating every field
  check      probe a protected resource the way an MCP client would and report its auth advertisement
  demo       run the whole project end to end on a loopback server, offline

Run 'authheaders <command> --help' for the options of each.`;

const DEMO_USAGE = `Usage: authheaders demo

Starts an MCP server behind bearerAuth and a JWT validator, and an authorization server (oidc-provider, scripted
consent for a demo user), on ephemeral loopback ports. The MCP SDK client signs in from a bare 401 (one line per
HTTP hop), steps up for a scope, then meets the validator's refusals; then the legacy x-adcp-auth alias and token
conflicts, the codemod in dry run, and a check of the server's auth advertisement. Offline; colors unless NO_COLOR
is set or the output is not a terminal.`;

const USAGES: Record<string, string> = { parse: PARSE_USAGE, serialize: SERIALIZE_USAGE, check: CHECK_USAGE, demo: DEMO_USAGE };

/**
 * Runs one `authheaders` command and returns its exit code. Never throws for bad input: usage errors print the
 * command's usage (exit 2); anything unexpected prints its message (exit 1).
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
  if (usage === undefined) {
    io.stderr(`authheaders: unknown command '${command}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        lenient: { type: 'boolean' },
        credentials: { type: 'boolean' },
        timeout: { type: 'string' },
        'insecure-http': { type: 'boolean' },
      },
    });
    if (values.help === true) {
      io.stdout(usage);
      return EXIT_OK;
    }
    const allowed: Record<string, readonly string[]> = {
      parse: ['json', 'lenient', 'credentials'],
      serialize: ['credentials'],
      check: ['json', 'timeout', 'insecure-http'],
      demo: [],
    };
    const unknown = Object.keys(values).find((name) => name !== 'help' && !allowed[command]!.includes(name));
    if (unknown !== undefined) throw new UsageError(`'${command}' has no option --${unknown}`);
    switch (command) {
      case 'parse':
        return await parseCommand(positionals, { json: values.json === true, lenient: values.lenient === true, credentials: values.credentials === true }, io);
      case 'serialize':
        return await serializeCommand(positionals, { credentials: values.credentials === true }, io);
      case 'check':
        return await checkCommand(positionals, { json: values.json === true, timeout: values.timeout, insecureHttp: values['insecure-http'] === true }, io);
      default:
        if (positionals.length > 0) throw new UsageError('demo takes no arguments');
        await runDemo({ line: (text = '') => io.stdout(text), style: io.out });
        return EXIT_OK;
    }
  } catch (error) {
    const isArgsError = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
    if (error instanceof UsageError || isArgsError) {
      io.stderr(`authheaders ${command}: ${(error as Error).message}\n\n${usage}`);
      return EXIT_USAGE;
    }
    io.stderr(`authheaders ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
