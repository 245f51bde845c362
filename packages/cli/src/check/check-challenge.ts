import type { BearerChallengeInfo } from '@authheaders/bearer';
import { CHALLENGE_RULES, usableHint } from './challenge-rules';
import type { CheckContext } from './check-context';

/**
 * Step 1b: applies {@link CHALLENGE_RULES} to the challenge a client got without credentials, and returns the
 * `resource_metadata` hint when a client can follow it.
 */
export function checkChallenge(ctx: CheckContext, bearer: BearerChallengeInfo | undefined): URL | undefined {
  const challenge = ctx.report.challenge;
  if (challenge === undefined) return undefined;
  const facts = { challenge, bearer, insecureHttp: ctx.options.insecureHttp === true };
  // Every finding about the challenge says which answer it came with.
  ctx.apply(CHALLENGE_RULES, facts, challenge.url, `${challenge.method} ${challenge.url} → ${challenge.status}, WWW-Authenticate: ${challenge.header}`);
  return usableHint(facts);
}
