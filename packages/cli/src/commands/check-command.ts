import { checkAuthAdvertisement, DEFAULT_CHECK_TIMEOUT_MS } from '../check/check-auth-advertisement';
import type { CheckOptions } from '../check/check-context';
import { escapeTerminal, terminalSafeJson } from '../check/escape-terminal';
import { formatCheckMarkdown } from '../check/format-check-markdown';
import { formatCheckReport } from '../check/format-check-report';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from '../cli-io';

export const CHECK_USAGE = `Usage: authheaders check <url> [options]

Probes a protected resource the way an MCP client would and reports what it advertises:

  1. POST of an MCP initialize request, and a GET, without credentials: a 401 must carry WWW-Authenticate
     (RFC 9110 §11.6.1), the same for both, parse strictly (RFC 9110 §11), and offer Bearer (RFC 6750 §3) with
     resource_metadata (RFC 9728 §5.1); a made-up random token must get 401 error="invalid_token" (RFC 6750 §3.1);
     with an Origin, a browser must be able to read the challenge and send Authorization (CORS); error codes must
     be registered ones; with --token, the token in Authorization: Bearer and in each --legacy-header;
  2. protected resource metadata (RFC 9728): from resource_metadata, else the well-known URLs; resource must be
     the URL (or its origin or a parent path); authorization_servers must be absolute https URLs;
  3. authorization server metadata (RFC 8414, OpenID Connect Discovery): issuer, endpoints, response types, PKCE
     S256, the JWK Set, the token endpoint's error format, client registration.

Redirects are followed by hand (at most 5, each hop checked); URLs learned from answers that point to private,
link-local or cloud-metadata addresses are not fetched. Findings have stable codes and a severity; the first is
the primary finding (what stops a client first).

  --format <f>           text (default), json, or markdown (a findings table with spec links, the trace collapsed)
  --json                 the same as --format json: the report (or an error) as JSON on stdout
  --timeout <ms>         budget of the whole check (default ${DEFAULT_CHECK_TIMEOUT_MS})
  --token <token>        also send this token as Authorization: Bearer (never printed; '-' reads it from stdin)
  --legacy-header <name> also send the token in this header, as an old client does (repeatable)
  --probe-registration   register one client per dangerous redirect URI and report each accepted (creates clients)
  --same-origin          fetch nothing outside the target's origin
  --allow-private        fetch learned URLs on private, link-local and metadata addresses
  --insecure-http        probe plain http on hosts other than loopback

Exit codes: 0 no high-severity finding, 2 a high-severity finding, 64 usage error.`;

/** The flags of `authheaders check`, as parsed by `main`. */
export interface CheckFlags {
  json: boolean;
  /** `--format`: text, json or markdown. */
  format: string | undefined;
  timeout: string | undefined;
  insecureHttp: boolean;
  allowPrivate: boolean;
  sameOrigin: boolean;
  token: string | undefined;
  legacyHeaders: readonly string[];
  probeRegistration: boolean;
}

/** RFC 9110 §5.1 field-name: a token. */
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `authheaders check`. */
export async function checkCommand(positionals: readonly string[], flags: CheckFlags, io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('give exactly one URL');
  const format = flags.format ?? (flags.json ? 'json' : 'text');
  if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError('--format takes text, json or markdown');
  if (flags.json && format !== 'json') throw new UsageError('--json and --format are the same option: give one');
  let timeoutMs = DEFAULT_CHECK_TIMEOUT_MS;
  if (flags.timeout !== undefined) {
    timeoutMs = Number(flags.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout takes a whole number of milliseconds');
  }
  for (const name of flags.legacyHeaders) {
    if (!FIELD_NAME.test(name) || name.toLowerCase() === 'authorization') throw new UsageError('--legacy-header takes a header name other than Authorization');
  }
  if (flags.legacyHeaders.length > 0 && flags.token === undefined) throw new UsageError('--legacy-header needs --token');
  let token = flags.token;
  if (token === '-') token = (await io.readStdin())?.trim();
  // What a header can carry (RFC 9110 §5.5): a character past Latin-1 cannot be sent, and was reported as the server's
  // NETWORK_ERROR.
  if (token !== undefined && (token === '' || /[^\x20-\x7e\x80-\xff]/.test(token))) {
    throw new UsageError('--token takes a non-empty token without control characters or characters beyond Latin-1');
  }
  const options: CheckOptions = {
    timeoutMs,
    insecureHttp: flags.insecureHttp,
    allowPrivate: flags.allowPrivate,
    sameOrigin: flags.sameOrigin,
    probeRegistration: flags.probeRegistration,
    legacyHeaders: flags.legacyHeaders,
  };
  if (token !== undefined) options.token = token;
  // Live progress on stderr in --json mode only: in text mode the trace is printed once, in the report.
  if (format === 'json') options.onProgress = (line) => io.stderr(io.err.dim(escapeTerminal(line)));
  const report = await checkAuthAdvertisement(positionals[0]!, options);
  io.stdout(format === 'json' ? terminalSafeJson(report) : format === 'markdown' ? formatCheckMarkdown(report) : formatCheckReport(report, io.out));
  return report.ok ? EXIT_OK : EXIT_FINDINGS;
}
