import type { BearerChallengeInfo } from '@authheaders/bearer';
import type { ChallengeSummary } from './check-context';
import type { DocumentRule } from './document-rule';
import { isSecureOrLoopback } from './url-policy';

/** What the challenge rules look at: the challenge a request without credentials got. */
export interface ChallengeFacts {
  challenge: ChallengeSummary;
  /** The Bearer challenge, when there is one. */
  bearer: BearerChallengeInfo | undefined;
  insecureHttp: boolean;
}

/** The `resource_metadata` hint as a URL a client may fetch (RFC 9728 §5.1: absolute https, loopback http aside). */
export function usableHint({ bearer, insecureHttp }: ChallengeFacts): URL | undefined {
  const hint = bearer?.params.resource_metadata;
  if (hint === undefined || !URL.canParse(hint)) return undefined;
  const url = new URL(hint);
  return isSecureOrLoopback(url, insecureHttp) ? url : undefined;
}

/** Rules about a present Bearer challenge only. */
function bearerRule(code: DocumentRule<ChallengeFacts>['code'], check: (bearer: BearerChallengeInfo, facts: ChallengeFacts) => ReturnType<DocumentRule<ChallengeFacts>['check']>): DocumentRule<ChallengeFacts> {
  return { code, check: (facts) => (facts.bearer === undefined ? [] : check(facts.bearer, facts)) };
}

/** The rules over the challenge of an unauthenticated request (RFC 9110 §11, RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1), in report order. */
export const CHALLENGE_RULES: ReadonlyArray<DocumentRule<ChallengeFacts>> = [
  {
    code: 'CHALLENGE_SYNTAX_ERROR',
    check: ({ challenge }) => {
      if (challenge.strict) return [];
      const first = challenge.repairs[0];
      return [
        {
          message: `WWW-Authenticate does not parse under RFC 9110 §11${first === undefined ? '' : ` (${first.code} at offset ${first.offset})`}; strict clients will reject it, lenient ones needed ${challenge.repairs.length} repair(s).`,
        },
      ];
    },
  },
  {
    code: 'BEARER_CHALLENGE_MISSING',
    check: ({ challenge, bearer }) =>
      bearer !== undefined ? [] : [{ message: `No Bearer challenge (RFC 6750 §3) among the schemes offered: ${challenge.schemes.join(', ') || 'none'}.` }],
  },
  bearerRule('REALM_MISSING', (bearer) => (bearer.realm === undefined ? [{ message: 'The Bearer challenge has no realm (RFC 6750 §3: MAY; clients that show it have nothing to show).' }] : [])),
  bearerRule('SCOPE_MISSING', (bearer) =>
    bearer.scope.length === 0 ? [{ message: 'The Bearer challenge has no scope: clients fall back to scopes_supported or guess (RFC 6750 §3, MCP scope selection).' }] : [],
  ),
  bearerRule('ERROR_WITHOUT_CREDENTIALS', (bearer) =>
    bearer.error === undefined ? [] : [{ message: `The challenge to a request without credentials carries error="${bearer.error}"; RFC 6750 §3.1 says it SHOULD NOT.` }],
  ),
  bearerRule('RESOURCE_METADATA_HINT_MISSING', (bearer) =>
    bearer.params.resource_metadata !== undefined
      ? []
      : [{ message: 'The Bearer challenge has no resource_metadata (RFC 9728 §5.1); MCP allows the well-known URL instead, which clients then try.' }],
  ),
  {
    code: 'DPOP_ALGS_MISSING',
    check: ({ challenge }) =>
      challenge.dpopAlgs === undefined || challenge.dpopAlgs.length > 0
        ? []
        : [{ message: 'The DPoP challenge has no algs (RFC 9449 §7.1): the client must guess which JWS algorithm its proofs may use.' }],
  },
  bearerRule('RESOURCE_METADATA_HINT_INVALID', (bearer, facts) => {
    const hint = bearer.params.resource_metadata;
    if (hint === undefined || usableHint(facts) !== undefined) return [];
    return [{ message: 'resource_metadata is not an absolute https URL (RFC 9728 §5.1).', evidence: hint }];
  }),
];
