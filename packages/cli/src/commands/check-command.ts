import { checkAuthAdvertisement } from '../check/check-auth-advertisement';
import { formatCheckReport } from '../check/format-check-report';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from '../cli-io';

export const CHECK_USAGE = `Usage: authheaders check <url> [--json] [--timeout <ms>] [--insecure-http]

Probes a protected resource the way an MCP client would, without credentials, and reports what it advertises:

  1. POST of an MCP initialize request, and a GET: a 401/403 must carry WWW-Authenticate (RFC 9110 §11.6.1), parse
     strictly (RFC 9110 §11), and offer Bearer (RFC 6750 §3) with realm, scope and resource_metadata (RFC 9728 §5.1);
  2. protected resource metadata (RFC 9728): from resource_metadata, else the path-inserted well-known URL, then
     the root one; resource must match the URL; authorization_servers must be absolute https URLs;
  3. authorization server metadata (RFC 8414, OpenID Connect Discovery): issuer, token_endpoint,
     registration_endpoint, and PKCE S256.

Each request is shown on stderr as it happens. Findings have stable codes (AUTH_REQUIRED_BUT_NOT_ADVERTISED,
CHALLENGE_SYNTAX_ERROR, RESOURCE_METADATA_MISSING, RESOURCE_MISMATCH, PARAMS_STRIPPED_SUSPECTED, ...) and a
severity; network errors and timeouts are findings too.

  --json           print the report as JSON on stdout
  --timeout <ms>   per-request timeout (default 10000)
  --insecure-http  probe plain http on hosts other than loopback

Exit codes: 0 no high-severity finding, 2 a high-severity finding or a usage error.`;

/** `authheaders check`. */
export async function checkCommand(
  positionals: readonly string[],
  flags: { json: boolean; timeout: string | undefined; insecureHttp: boolean },
  io: CliIO,
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('give exactly one URL');
  let timeoutMs = 10_000;
  if (flags.timeout !== undefined) {
    timeoutMs = Number(flags.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout takes a whole number of milliseconds');
  }
  const report = await checkAuthAdvertisement(positionals[0]!, {
    timeoutMs,
    insecureHttp: flags.insecureHttp,
    onProgress: (line) => io.stderr(io.err.dim(line)),
  });
  io.stdout(flags.json ? JSON.stringify(report, null, 2) : formatCheckReport(report, io.out));
  return report.ok ? EXIT_OK : EXIT_FINDINGS;
}
