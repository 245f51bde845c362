import type { CheckContext, CredentialProbe } from './check-context';
import { MCP_INITIALIZE_BODY, MCP_POST_HEADERS, readChallenge } from './check-transport';
import type { FetchResult } from './guarded-fetch';

/** The status RFC 6750 §3.1 gives each error code. */
const ERROR_STATUS: Readonly<Record<string, number>> = { invalid_request: 400, invalid_token: 401, insufficient_scope: 403 };

const isSuccess = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;
const describe = (probe: CredentialProbe) => `${probe.header === 'authorization' ? 'Authorization: Bearer' : probe.header} → ${probe.status ?? 'no answer'}`;

/**
 * With `--token`: sends the token as a spec-compliant client does (`Authorization: Bearer`, RFC 6750 §2.1) and in each
 * `--legacy-header`, as an old client does. Rules: AUTHORIZATION_BEARER_REFUSED (refused in Authorization, accepted
 * in a legacy header), INSUFFICIENT_SCOPE_ERROR_MISSING (a 403 that is not `insufficient_scope`: no client steps up),
 * TOKEN_CHALLENGE_WITHOUT_ERROR, TOKEN_ERROR_STATUS_MISMATCH and INSUFFICIENT_SCOPE_WITHOUT_SCOPE (RFC 6750 §3.1). The token is sent, never shown: the trace names the header only, the finished report is redacted.
 */
export async function checkCredential(ctx: CheckContext): Promise<void> {
  const token = ctx.options.token;
  if (token === undefined) return;
  const url = ctx.target.href;
  const send = (header: string, value: string): Promise<FetchResult> =>
    ctx.fetch('credential', 'POST', url, { headers: { ...MCP_POST_HEADERS, [header]: value }, body: MCP_INITIALIZE_BODY, credential: header });
  const probes: CredentialProbe[] = [];
  const record = (header: string, result: FetchResult): CredentialProbe => {
    const probe: CredentialProbe = { header };
    if (result.entry.status !== undefined) probe.status = result.entry.status;
    if (result.entry.wwwAuthenticate !== undefined) probe.wwwAuthenticate = result.entry.wwwAuthenticate;
    probes.push(probe);
    return probe;
  };
  const bearerResult = await send('authorization', `Bearer ${token}`);
  ctx.wireProblem(bearerResult, 'The request with Authorization: Bearer did not answer');
  const bearer = record('authorization', bearerResult);
  const legacy: CredentialProbe[] = [];
  for (const name of ctx.options.legacyHeaders ?? []) {
    const header = name.toLowerCase();
    const result = await send(header, token);
    ctx.wireProblem(result, `The request with ${header} did not answer`, 'medium');
    legacy.push(record(header, result));
  }
  ctx.report.credentialProbes = probes;
  if (bearer.status !== 401 && bearer.status !== 403) return;

  const accepted = legacy.filter((p) => isSuccess(p.status));
  const challenge = bearer.wwwAuthenticate === undefined ? undefined : readChallenge(bearer.wwwAuthenticate, bearerResult.entry);
  if (accepted.length > 0) {
    const advertised = challenge?.bearer !== undefined ? `, while its challenge advertises Bearer` : '';
    ctx.add(
      'AUTHORIZATION_BEARER_REFUSED',
      `The same token is refused in Authorization: Bearer (${bearer.status}${advertised}) and accepted in ${accepted.map((p) => p.header).join(', ')}: the server reads only a custom header, so every spec-compliant MCP client fails (RFC 6750 §2.1).`,
      { url, evidence: [bearer, ...accepted].map(describe).join('; ') },
    );
  }
  if (bearer.status === 403 && challenge?.bearer?.error !== 'insufficient_scope') {
    const seen = challenge === undefined ? 'no challenge' : challenge.bearer === undefined ? 'no Bearer challenge' : challenge.bearer.error === undefined ? 'a challenge without error' : `error="${challenge.bearer.error}"`;
    ctx.add(
      'INSUFFICIENT_SCOPE_ERROR_MISSING',
      `The token got 403 with ${seen}: RFC 6750 §3.1 answers a token that lacks a scope with error="insufficient_scope" (and the scope needed), the only 403 an MCP client steps up on; with anything else it gives up.`,
      { url, evidence: `${describe(bearer)}${bearer.wwwAuthenticate === undefined ? '' : `, WWW-Authenticate: ${bearer.wwwAuthenticate}`}` },
    );
    return;
  }
  if (challenge === undefined) {
    ctx.add('AUTH_REQUIRED_BUT_NOT_ADVERTISED', `A request with a token got ${bearer.status} without a WWW-Authenticate challenge (RFC 9110 §11.6.1).`, { url });
    return;
  }
  const info = challenge.bearer;
  if (info === undefined) return;
  const evidence = `${describe(bearer)}, WWW-Authenticate: ${bearer.wwwAuthenticate}`;
  if (info.error === undefined) {
    ctx.add('TOKEN_CHALLENGE_WITHOUT_ERROR', `A request that carried a token got ${bearer.status} with a challenge without error; RFC 6750 §3.1 requires the error code, which clients act on.`, { url, evidence });
    return;
  }
  const expected = ERROR_STATUS[info.error];
  if (expected !== undefined && expected !== bearer.status) {
    ctx.add('TOKEN_ERROR_STATUS_MISMATCH', `error="${info.error}" came with ${bearer.status}; RFC 6750 §3.1 gives it ${expected}.`, { url, evidence });
  }
  if (info.error === 'insufficient_scope' && info.scope.length === 0) {
    ctx.add('INSUFFICIENT_SCOPE_WITHOUT_SCOPE', 'insufficient_scope without scope: the client cannot know what to ask for (RFC 6750 §3.1, MCP scope step-up).', { url, evidence });
  }
}
