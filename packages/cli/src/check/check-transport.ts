import { readBearerChallenge, type BearerChallengeInfo } from '@authheaders/bearer';
import { parseChallenges, type Diagnostic } from '@authheaders/www-authenticate';
import { answerLine, type ChallengeSummary, type CheckContext } from './check-context';
import type { FetchResult, TraceEntry } from './guarded-fetch';

/** The body of the MCP `initialize` request an MCP client sends first (JSON-RPC 2.0). */
export const MCP_INITIALIZE_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'authheaders-check', version: '0.1.0' },
  },
});

/** The headers of an MCP Streamable HTTP POST. */
export const MCP_POST_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** What the first contact taught: whether credentials are required, and the Bearer challenge. */
export interface TransportOutcome {
  /** False when the resource could not be probed at all (the check stops). */
  answered: boolean;
  authRequired: boolean;
  /** The POST without credentials got 401 or 403: a token sent the same way must be judged. */
  postDemands: boolean;
  /** The challenge (and its `resource_metadata`) came from the GET while the POST's 401 had none. */
  challengeOnlyOnGet: boolean;
  bearer?: BearerChallengeInfo;
}

/**
 * Reads a challenge field once, leniently. The lenient parser reports a repair exactly where the strict one would
 * throw (both go through the same fault path), so no repair means the field is strictly valid. `from` is the answer
 * the field came with.
 */
export function readChallenge(header: string, from: TraceEntry): { summary: ChallengeSummary; bearer: BearerChallengeInfo | undefined } {
  const repairs: Diagnostic[] = [];
  const challenges = parseChallenges(header, { lenient: true, onDiagnostic: (d) => repairs.push(d) });
  const strict = repairs.length === 0;
  const summary: ChallengeSummary = { method: from.method, url: from.url, status: from.status ?? 0, header, strict, repairs, schemes: challenges.map((c) => c.scheme) };
  const bearer = readBearerChallenge(challenges);
  if (bearer !== undefined) summary.bearerParams = { ...bearer.params };
  // RFC 9449 §7.1: algs is a space-delimited list of JWS alg values.
  const dpop = challenges.find((c) => c.scheme.toLowerCase() === 'dpop');
  if (dpop !== undefined) summary.dpopAlgs = (dpop.params?.algs ?? '').split(' ').filter((alg) => alg !== '');
  return { summary, bearer };
}

/** The Bearer parameters of a field as one comparable string (names in order, `error_description` aside). */
function bearerShape(header: string): string {
  const bearer = readBearerChallenge(parseChallenges(header, { lenient: true }));
  if (bearer === undefined) return '';
  return Object.keys(bearer.params)
    .filter((name) => name !== 'error_description')
    .sort()
    .map((name) => `${name}=${bearer.params[name]}`)
    .join(', ');
}

/**
 * Step 1: an unauthenticated POST of `initialize` and a GET, as an MCP client's first contact (MCP Streamable HTTP).
 * Rules: AUTH_REQUIRED_BUT_NOT_ADVERTISED (RFC 9110 §11.6.1), CHALLENGE_DIFFERS_BY_METHOD (one method challenged,
 * the other not, or differently), FORBIDDEN_WITHOUT_CREDENTIALS (MCP clients start sign-in on 401 only),
 * STREAM_OPEN_WITHOUT_CREDENTIALS, AUTH_NOT_REQUIRED, UNEXPECTED_STATUS.
 */
export async function checkTransport(ctx: CheckContext): Promise<TransportOutcome> {
  const url = ctx.target.href;
  const post = await ctx.fetch('resource', 'POST', url, { headers: { ...MCP_POST_HEADERS }, body: MCP_INITIALIZE_BODY });
  if (ctx.wireProblem(post, 'The resource did not answer')) return { answered: false, authRequired: false, postDemands: false, challengeOnlyOnGet: false };
  const get = await ctx.fetch('resource', 'GET', url, { headers: { accept: 'application/json, text/event-stream' } });
  // The POST answered, so the resource is up: a GET that fails is worth knowing, not fatal.
  const getAnswered = !ctx.wireProblem(get, 'The GET probe did not get an answer', 'medium');
  const answers = getAnswered ? [post, get] : [post];
  const statusLine = (r: FetchResult) => answerLine(r.entry);
  const challengedAnswers = answers.filter((r) => (r.entry.status === 401 || r.entry.status === 403) && r.entry.wwwAuthenticate !== undefined);

  // RFC 9110 requires a challenge on a 401 only; a bare 403 is reported as FORBIDDEN_WITHOUT_CREDENTIALS alone.
  const unadvertised = answers.filter((r) => r.entry.status === 401 && r.entry.wwwAuthenticate === undefined);
  if (unadvertised.length > 0 && challengedAnswers.length > 0) {
    // One method challenged, the other not: the application answers by method (no proxy strips by method).
    const [bare, challenged] = [unadvertised[0]!, challengedAnswers[0]!];
    ctx.add(
      'CHALLENGE_DIFFERS_BY_METHOD',
      `${challenged.entry.method} got a challenge and ${bare.entry.method} got 401 without one: RFC 9110 §11.6.1 requires one on every 401; an MCP client whose first contact is the ${bare.entry.method} must fall back to the well-known metadata URL.`,
      { url, evidence: `${statusLine(bare)} (no WWW-Authenticate); ${statusLine(challenged)}, WWW-Authenticate: ${challenged.entry.wwwAuthenticate}` },
    );
  } else if (unadvertised.length > 0) {
    const methods = unadvertised.map((r) => r.entry.method).join(' and ');
    ctx.add(
      'AUTH_REQUIRED_BUT_NOT_ADVERTISED',
      `${methods} got 401 without a WWW-Authenticate challenge: RFC 9110 §11.6.1 requires one on every 401, and MCP clients need it to find the authorization server.`,
      { url, evidence: unadvertised.map(statusLine).join('; ') },
    );
  } else if (challengedAnswers.length === 2 && bearerShape(post.entry.wwwAuthenticate!) !== bearerShape(get.entry.wwwAuthenticate!)) {
    ctx.add('CHALLENGE_DIFFERS_BY_METHOD', 'POST and GET get Bearer challenges with different parameters: a client sees one or the other depending on how it first calls.', {
      url,
      severity: 'low',
      evidence: challengedAnswers.map((r) => `${statusLine(r)}, WWW-Authenticate: ${r.entry.wwwAuthenticate}`).join('; '),
    });
  }
  const forbidden = answers.filter((r) => r.entry.status === 403);
  if (forbidden.length > 0) {
    ctx.add(
      'FORBIDDEN_WITHOUT_CREDENTIALS',
      `${forbidden.map((r) => r.entry.method).join(' and ')} without credentials got 403: MCP clients start sign-in only on 401 (RFC 6750 §3.1 keeps 403 for insufficient_scope), so they give up.`,
      { url, evidence: forbidden.map(statusLine).join('; ') },
    );
  }
  const postStatus = post.entry.status!;
  const postDemands = postStatus === 401 || postStatus === 403;
  if (getAnswered && postDemands && get.entry.status! >= 200 && get.entry.status! < 300) {
    ctx.add(
      'STREAM_OPEN_WITHOUT_CREDENTIALS',
      `GET without credentials got ${get.entry.status} while POST got ${postStatus}: the event stream is open to anyone.`,
      { url, evidence: `${statusLine(post)}; ${statusLine(get)}` },
    );
  }
  if (postStatus >= 200 && postStatus < 300) {
    ctx.add('AUTH_NOT_REQUIRED', `POST without credentials got ${postStatus}: the resource does not require authentication.`, { url, evidence: statusLine(post) });
  } else if (!postDemands) {
    ctx.add('UNEXPECTED_STATUS', `POST without credentials got ${postStatus}, neither 401 nor success.`, { url, evidence: statusLine(post) });
  }
  if (getAnswered) {
    const status = get.entry.status!;
    if (status !== 405 && status !== 401 && status !== 403 && (status < 200 || status >= 300)) {
      ctx.add('UNEXPECTED_STATUS', `GET without credentials got ${status}, neither 401, 405 nor success.`, { url, severity: 'info', evidence: statusLine(get) });
    }
  }

  let bearer: BearerChallengeInfo | undefined;
  const challenged = challengedAnswers[0];
  if (challenged !== undefined) ({ summary: ctx.report.challenge, bearer } = readChallenge(challenged.entry.wwwAuthenticate!, challenged.entry));
  return {
    answered: true,
    authRequired: postDemands || answers.some((r) => r.entry.status === 401 || r.entry.status === 403),
    postDemands,
    challengeOnlyOnGet: challenged !== undefined && challenged.entry.method === 'GET' && postStatus === 401,
    ...(bearer === undefined ? {} : { bearer }),
  };
}
