import type { BearerChallengeInfo } from '@authheaders/bearer';
import type { CheckContext } from './check-context';
import { isSecureOrLoopback } from './url-policy';

/**
 * Step 1b: the challenge a client got without credentials. Rules: CHALLENGE_SYNTAX_ERROR (RFC 9110 §11),
 * BEARER_CHALLENGE_MISSING (RFC 6750 §3), REALM_MISSING, SCOPE_MISSING, ERROR_WITHOUT_CREDENTIALS (RFC 6750 §3.1),
 * RESOURCE_METADATA_HINT_MISSING (low: MCP servers may use the well-known URL instead) and
 * RESOURCE_METADATA_HINT_INVALID (RFC 9728 §5.1). Returns the hint when it can be followed.
 */
export function checkChallenge(ctx: CheckContext, bearer: BearerChallengeInfo | undefined): URL | undefined {
  const challenge = ctx.report.challenge;
  if (challenge === undefined) return undefined;
  if (!challenge.strict) {
    const first = challenge.repairs[0];
    ctx.add(
      'CHALLENGE_SYNTAX_ERROR',
      `WWW-Authenticate does not parse under RFC 9110 §11${first === undefined ? '' : ` (${first.code} at offset ${first.offset})`}; strict clients will reject it, lenient ones needed ${challenge.repairs.length} repair(s).`,
      { evidence: challenge.header },
    );
  }
  if (bearer === undefined) {
    ctx.add('BEARER_CHALLENGE_MISSING', `No Bearer challenge (RFC 6750 §3) among the schemes offered: ${challenge.schemes.join(', ') || 'none'}.`, { evidence: challenge.header });
    return undefined;
  }
  if (bearer.realm === undefined) ctx.add('REALM_MISSING', 'The Bearer challenge has no realm (RFC 6750 §3: MAY, but clients show it).');
  if (bearer.scope.length === 0) {
    ctx.add('SCOPE_MISSING', 'The Bearer challenge has no scope: clients fall back to scopes_supported or guess (RFC 6750 §3, MCP scope selection).');
  }
  if (bearer.error !== undefined) {
    ctx.add('ERROR_WITHOUT_CREDENTIALS', `The challenge to a request without credentials carries error="${bearer.error}"; RFC 6750 §3.1 says it SHOULD NOT.`, { evidence: challenge.header });
  }
  const hint = bearer.params.resource_metadata;
  if (hint === undefined) {
    ctx.add('RESOURCE_METADATA_HINT_MISSING', 'The Bearer challenge has no resource_metadata (RFC 9728 §5.1); MCP allows the well-known URL instead, which clients then try.');
    return undefined;
  }
  const url = URL.canParse(hint) ? new URL(hint) : undefined;
  if (url === undefined || !isSecureOrLoopback(url, ctx.options.insecureHttp === true)) {
    ctx.add('RESOURCE_METADATA_HINT_INVALID', 'resource_metadata is not an absolute https URL (RFC 9728 §5.1).', { evidence: hint });
    return undefined;
  }
  return url;
}
