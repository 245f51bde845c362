import type { BearerChallengeInfo } from '@authheaders/bearer';
import { isJsonContentType, parseJsonObject } from './bounded-json';
import { answerLine, type CheckContext } from './check-context';
import type { FetchResult } from './guarded-fetch';
import { RESOURCE_METADATA_RULES, usableAuthorizationServers } from './resource-metadata-rules';
import { protectedResourceMetadataCandidates } from './well-known-urls';

/** Reports a metadata document served as anything but application/json (RFC 9728 §3.2, RFC 8414 §3.2). */
export function checkMetadataContentType(ctx: CheckContext, result: FetchResult, what: string): void {
  if (isJsonContentType(result.entry.contentType)) return;
  ctx.add('METADATA_CONTENT_TYPE_INVALID', `The ${what} is served as ${result.entry.contentType ?? 'no content type'}, not application/json; strict clients reject it.`, {
    url: result.entry.url,
    evidence: `content-type: ${result.entry.contentType ?? '(none)'}`,
  });
}

/** Whether a well-known URL (not the hint) serves a protected resource metadata JSON object. */
async function servedAtWellKnown(ctx: CheckContext, hint: string): Promise<boolean> {
  const candidates = protectedResourceMetadataCandidates(ctx.target, undefined);
  // The hint is itself a well-known URL: the metadata was just read there.
  if (candidates.some((c) => c.url === hint)) return true;
  for (const candidate of candidates) {
    const result = await ctx.fetch('resource metadata', 'GET', candidate.url, { headers: { accept: 'application/json' } });
    if (result.entry.status === 200 && result.body !== undefined && 'value' in parseJsonObject(result.body)) return true;
  }
  return false;
}

/**
 * Step 2: protected resource metadata (RFC 9728), from the challenge's `resource_metadata`, else the path-inserted
 * well-known URL (§3.1), then the root one. Rules: RESOURCE_METADATA_UNREACHABLE / _BEHIND_AUTH / _INVALID /
 * _MISSING, RESPONSE_TOO_LARGE, METADATA_CONTENT_TYPE_INVALID, PARAMS_STRIPPED_SUSPECTED, RESOURCE_FRAGMENT,
 * RESOURCE_TRAILING_SLASH, RESOURCE_IS_PARENT, RESOURCE_MISMATCH (§3.3), BEARER_METHODS_INVALID (§2),
 * AUTHORIZATION_SERVERS_MISSING, AUTHORIZATION_SERVER_INVALID; CHALLENGE_DIFFERS_BY_METHOD is raised to high when
 * the only way to the metadata is the hint the POST's 401 lacked. Returns the authorization servers to check.
 */
export async function checkResourceMetadata(
  ctx: CheckContext,
  hint: URL | undefined,
  bearer: BearerChallengeInfo | undefined,
  authRequired: boolean,
  challengeOnlyOnGet = false,
): Promise<URL[]> {
  let metadata: Record<string, unknown> | undefined;
  let metadataUrl: string | undefined;
  let fromHint = false;
  let reported = false;
  let hintStatus: number | undefined;
  const candidates = protectedResourceMetadataCandidates(ctx.target, hint?.href);
  // What each candidate answered: 401/403 from one, and 401/403/404 from all (a route never registered answers 404
  // before any auth hook runs), means the metadata route sits behind the auth middleware.
  const refusals: string[] = [];
  let notFound = 0;
  for (const candidate of candidates) {
    const result = await ctx.fetch('resource metadata', 'GET', candidate.url, { headers: { accept: 'application/json' } });
    if (result.refusal !== undefined || result.entry.headerOverflow === true || candidate.fromHint) {
      if (ctx.wireProblem(result, 'The resource_metadata URL did not answer')) {
        reported = true;
        continue;
      }
    }
    if (result.entry.error !== undefined) continue;
    if (result.entry.status === 401 || result.entry.status === 403) refusals.push(answerLine(result.entry));
    if (result.entry.status === 404) notFound++;
    if (result.entry.status !== 200) {
      if (candidate.fromHint) hintStatus = result.entry.status;
      continue;
    }
    if (result.bodyTooLarge === true) {
      ctx.add('RESPONSE_TOO_LARGE', 'The protected resource metadata is larger than 1 MiB and was not read.', { url: candidate.url });
      reported = true;
      continue;
    }
    const parsed = parseJsonObject(result.body ?? '');
    if ('problem' in parsed) {
      ctx.add('RESOURCE_METADATA_INVALID', `The protected resource metadata ${parsed.problem} (RFC 9728 §3.2 requires a JSON object).`, { url: candidate.url });
      reported = true;
      continue;
    }
    checkMetadataContentType(ctx, result, 'protected resource metadata');
    metadata = parsed.value;
    metadataUrl = candidate.url;
    fromHint = candidate.fromHint;
    break;
  }
  if (metadata === undefined && refusals.length > 0 && refusals.length + notFound === candidates.length) {
    ctx.add(
      'RESOURCE_METADATA_BEHIND_AUTH',
      'The protected resource metadata answers 401/403 (and no other metadata URL serves it): the metadata route sits behind the auth middleware, and a client has no token yet (RFC 9728 §3, MCP authorization). Mount it before the middleware.',
      { url: candidates[0]!.url, evidence: candidates.map((c) => answerLine(ctx.lastAnswer(c.url)!)).join('; ') },
    );
    return [];
  }
  if (hintStatus !== undefined && hint !== undefined) {
    ctx.add('RESOURCE_METADATA_UNREACHABLE', `resource_metadata points to a URL that answered ${hintStatus}.`, { url: hint.href });
    reported = true;
  }
  if (metadata === undefined || metadataUrl === undefined) {
    if (!reported) {
      ctx.add(
        'RESOURCE_METADATA_MISSING',
        'No protected resource metadata (RFC 9728) at resource_metadata or the well-known URLs: MCP clients cannot find the authorization server.',
        {
          severity: authRequired ? 'high' : 'info',
          evidence: candidates
            .map((c) => {
              const seen = ctx.lastAnswer(c.url);
              return seen === undefined ? `${c.url} (no answer)` : answerLine(seen);
            })
            .join('; '),
        },
      );
    }
    return [];
  }
  if (fromHint && challengeOnlyOnGet && hint !== undefined && !(await servedAtWellKnown(ctx, hint.href))) {
    ctx.escalate(
      'CHALLENGE_DIFFERS_BY_METHOD',
      'high',
      'And the metadata is served only at the GET challenge\'s resource_metadata, not at a well-known URL: a client that starts with the POST cannot find it.',
    );
  }
  ctx.report.resourceMetadataUrl = metadataUrl;
  ctx.report.resourceMetadata = metadata;

  if (!fromHint && ctx.has('AUTH_REQUIRED_BUT_NOT_ADVERTISED')) {
    ctx.add(
      'PARAMS_STRIPPED_SUSPECTED',
      'Protected resource metadata is served at a well-known URL, but the 401 has no challenge: a proxy or middleware may be stripping WWW-Authenticate.',
      { url: metadataUrl },
    );
  }
  // A challenge that carries resource_metadata and nothing else, while the metadata lists scopes.
  const scopes = metadata.scopes_supported;
  const onlyHint = bearer !== undefined && Object.keys(bearer.params).every((name) => name === 'resource_metadata');
  if (onlyHint && fromHint && Array.isArray(scopes) && scopes.length > 0) {
    ctx.add(
      'PARAMS_STRIPPED_SUSPECTED',
      'The challenge carries resource_metadata and nothing else while the metadata lists scopes: this is allowed (clients fall back to scopes_supported), but a proxy may be forwarding only resource_metadata and dropping realm, scope and error.',
    );
  }

  const facts = { metadata, target: ctx.target, insecureHttp: ctx.options.insecureHttp === true };
  ctx.apply(RESOURCE_METADATA_RULES, facts, metadataUrl);
  return usableAuthorizationServers(facts);
}
