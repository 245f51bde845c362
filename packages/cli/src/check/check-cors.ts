import type { IncomingHttpHeaders } from 'node:http';
import { answerLine, type CheckContext } from './check-context';
import { MCP_INITIALIZE_BODY, MCP_POST_HEADERS } from './check-transport';
import type { FetchResult } from './guarded-fetch';

/** The Origin the CORS probes send: a browser page on another site (`.invalid` is never resolved, RFC 6761 §6.4). */
export const PROBE_ORIGIN = 'https://browser-client.invalid';

function headerList(headers: IncomingHttpHeaders | undefined, name: string): string[] {
  const value = headers?.[name];
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

/** Whether the answer lets a page on {@link PROBE_ORIGIN} read it: `*` or that very origin. */
function allowsOrigin(result: FetchResult): boolean {
  const allowed = headerList(result.headers, 'access-control-allow-origin');
  return allowed.includes('*') || allowed.includes(PROBE_ORIGIN);
}

const shown = (result: FetchResult, names: readonly string[]) =>
  `${answerLine(result.entry)}${names
    .map((name) => {
      const value = result.headers?.[name];
      return value === undefined ? '' : `, ${name}: ${Array.isArray(value) ? value.join(', ') : value}`;
    })
    .join('')}`;

/**
 * Step 1d, for a resource that demands credentials: what a browser-based MCP client on another origin gets. A POST
 * without credentials and a preflight (`OPTIONS` asking for `Authorization`), both with an `Origin`. Under the Fetch
 * standard a page reads only the CORS-safelisted response headers and those in `Access-Control-Expose-Headers`
 * (`WWW-Authenticate` is not safelisted), and may send `Authorization` only when the preflight lists it by name
 * (`*` does not cover it). Rules: CORS_HIDES_CHALLENGE when the server answers CORS but hides the challenge or
 * refuses `Authorization`; CORS_NOT_ENABLED (info) when it answers no CORS at all.
 */
export async function checkCors(ctx: CheckContext): Promise<void> {
  const url = ctx.target.href;
  const post = await ctx.fetch('cors', 'POST', url, { headers: { ...MCP_POST_HEADERS, origin: PROBE_ORIGIN }, body: MCP_INITIALIZE_BODY });
  if (ctx.wireProblem(post, 'The POST with an Origin did not answer', 'medium')) return;
  const preflight = await ctx.fetch('cors', 'OPTIONS', url, {
    headers: { origin: PROBE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,mcp-protocol-version' },
  });
  const preflightAnswered = !ctx.wireProblem(preflight, 'The CORS preflight did not answer', 'medium');
  const postCors = allowsOrigin(post);
  const preflightCors = preflightAnswered && allowsOrigin(preflight);
  if (!postCors && !preflightCors) {
    ctx.add('CORS_NOT_ENABLED', `The resource answers no CORS to a page on ${PROBE_ORIGIN}: browser-based MCP clients on another origin cannot call it (a choice, not a fault).`, {
      url,
      evidence: [shown(post, ['access-control-allow-origin']), ...(preflightAnswered ? [shown(preflight, ['access-control-allow-origin'])] : [])].join('; '),
    });
    return;
  }
  const problems: string[] = [];
  const status = post.entry.status!;
  if (status === 401 || status === 403) {
    const exposed = headerList(post.headers, 'access-control-expose-headers');
    if (!postCors) problems.push(`its ${status} carries no Access-Control-Allow-Origin, so a browser hides the whole answer`);
    else if (post.entry.wwwAuthenticate !== undefined && !exposed.includes('www-authenticate') && !exposed.includes('*')) {
      problems.push(`Access-Control-Expose-Headers does not list WWW-Authenticate, so a browser client cannot read the challenge on the ${status}`);
    }
  }
  if (preflightAnswered) {
    const pstatus = preflight.entry.status!;
    if (pstatus < 200 || pstatus >= 300) problems.push(`the preflight got ${pstatus}, so a browser never sends the request with Authorization`);
    else if (!preflightCors) problems.push('the preflight carries no Access-Control-Allow-Origin, so a browser never sends the request with Authorization');
    else if (!headerList(preflight.headers, 'access-control-allow-headers').includes('authorization')) {
      problems.push('the preflight does not list Authorization in Access-Control-Allow-Headers (a * does not cover it), so a browser never sends the token');
    }
  }
  if (problems.length === 0) return;
  const cors = ['access-control-allow-origin', 'access-control-expose-headers', 'access-control-allow-headers'];
  ctx.add('CORS_HIDES_CHALLENGE', `The server answers CORS, but ${problems.join('; and ')}.`, {
    url,
    evidence: [shown(post, cors), ...(preflightAnswered ? [shown(preflight, cors)] : [])].join('; '),
  });
}
