import { answerLine, type CheckContext } from './check-context';
import { MCP_INITIALIZE_BODY, MCP_POST_HEADERS, readChallenge } from './check-transport';

/**
 * Step 1c, on every check of a resource that demands credentials: the MCP `initialize` POST with a made-up token in
 * `Authorization: Bearer` ({@link CheckContext.probeToken}), as a client whose token has expired sends it. RFC 6750
 * §3.1 answers it 401 with a Bearer challenge carrying `error="invalid_token"`, which is what makes a client sign in
 * again. Rule INVALID_TOKEN_NOT_CHALLENGED: high for any other status (a 5xx, a 2xx, a 403: the client is stuck, or
 * any token gets in), medium for a 401 without a Bearer challenge or without `error="invalid_token"`.
 */
export async function checkMadeUpToken(ctx: CheckContext): Promise<void> {
  const url = ctx.target.href;
  const result = await ctx.fetch('made-up token', 'POST', url, {
    headers: { ...MCP_POST_HEADERS, authorization: `Bearer ${ctx.probeToken}` },
    body: MCP_INITIALIZE_BODY,
    credential: 'authorization',
  });
  if (ctx.wireProblem(result, 'The request with a made-up token did not answer', 'medium')) return;
  const { entry } = result;
  const status = entry.status!;
  const evidence = `${answerLine(entry)} (made-up token)${entry.wwwAuthenticate === undefined ? ', no WWW-Authenticate' : `, WWW-Authenticate: ${entry.wwwAuthenticate}`}`;
  if (status !== 401) {
    const why =
      status >= 200 && status < 300
        ? 'the server accepts a token it never issued'
        : `a client whose token expires gets ${status} instead of 401 invalid_token, and never signs in again`;
    ctx.add('INVALID_TOKEN_NOT_CHALLENGED', `A made-up token in Authorization: Bearer got ${status}: ${why} (RFC 6750 §3.1).`, { url, evidence });
    return;
  }
  const challenge = entry.wwwAuthenticate === undefined ? undefined : readChallenge(entry.wwwAuthenticate, entry).bearer;
  if (challenge?.error === 'invalid_token') return;
  const seen = challenge === undefined ? 'no Bearer challenge' : challenge.error === undefined ? 'a Bearer challenge without error' : `error="${challenge.error}"`;
  ctx.add(
    'INVALID_TOKEN_NOT_CHALLENGED',
    `A made-up token got 401 with ${seen}: RFC 6750 §3.1 answers an invalid token with error="invalid_token", which tells a client to sign in again rather than retry.`,
    { url, evidence, severity: 'medium' },
  );
}
