import { checkAuthorizationServer } from './check-authorization-server';
import { checkChallenge } from './check-challenge';
import { BudgetSpent, CheckContext, type CheckOptions, type CheckReport } from './check-context';
import { checkCors } from './check-cors';
import { checkCredential } from './check-credential';
import { checkErrorCodes } from './check-error-codes';
import { checkMadeUpToken } from './check-made-up-token';
import { checkResourceMetadata } from './check-resource-metadata';
import { checkTransport } from './check-transport';
import { createFetcher } from './guarded-fetch';
import { madeUpToken } from './made-up-token';
import { isSecureOrLoopback } from './url-policy';

/** The whole check's budget when `--timeout` is not given. */
export const DEFAULT_CHECK_TIMEOUT_MS = 15_000;

/**
 * Probes a protected resource the way an MCP client would and reports what it advertises:
 *
 * 1. an unauthenticated `POST` of an MCP `initialize` request and a `GET`: a 401 must carry a `WWW-Authenticate`
 *    challenge (RFC 9110 §11.6.1), parse under RFC 9110 §11, and offer Bearer with its parameters (RFC 6750 §3) and
 *    `resource_metadata` (RFC 9728 §5.1); a made-up token must get 401 `invalid_token` (RFC 6750 §3.1); a browser on
 *    another origin must be able to read the challenge and send `Authorization` (CORS); with a token, the token in
 *    `Authorization: Bearer` and legacy headers; every `error` code must be a registered one;
 * 2. protected resource metadata (RFC 9728 §3): from `resource_metadata`, else the path-inserted well-known URL
 *    (§3.1), then the root one; `resource` must match (§3.3), `authorization_servers` must be absolute https URLs;
 * 3. authorization server metadata (RFC 8414 §3, OpenID Connect Discovery): issuer, endpoints, PKCE `S256`
 *    (RFC 7636, required by MCP clients), the JWK Set, the token endpoint's error format (RFC 6749 §5.2) and client
 *    registration (RFC 7591, client ID metadata documents).
 *
 * Every request goes through one URL policy: redirects followed by hand (at most 5, each hop checked), no private,
 * link-local or metadata address unless the target is one or `allowPrivate`, bodies capped at 1 MiB, JSON nesting
 * capped, one time budget for the whole check. Never throws for network trouble: refusals, resets and timeouts are
 * findings. A `timeoutMs` that is not a positive number is a `TypeError` before anything is sent.
 */
export async function checkAuthAdvertisement(target: string, options: CheckOptions = {}): Promise<CheckReport> {
  const budgetMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  // NaN, 0 or a negative budget would report every server as a TIMEOUT without sending anything.
  if (typeof budgetMs !== 'number' || !(budgetMs > 0)) throw new TypeError('timeoutMs must be a positive number of milliseconds');
  const targetUrl = URL.canParse(target) ? new URL(target) : undefined;
  const probeToken = madeUpToken();
  const fetcher = createFetcher({
    policy: {
      insecureHttp: options.insecureHttp === true,
      allowPrivate: options.allowPrivate === true,
      sameOrigin: options.sameOrigin === true,
      targetOrigin: targetUrl?.origin ?? '',
    },
    budgetMs,
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    secrets: options.token === undefined ? [probeToken] : [options.token, probeToken],
  });
  if (targetUrl === undefined || (targetUrl.protocol !== 'https:' && targetUrl.protocol !== 'http:')) {
    const ctx = new CheckContext(new URL('about:blank'), options, fetcher, probeToken);
    ctx.report.target = target;
    ctx.add('INVALID_TARGET', 'The target is not an absolute http(s) URL.');
    return ctx.finish();
  }
  const ctx = new CheckContext(targetUrl, options, fetcher, probeToken);
  if (!isSecureOrLoopback(targetUrl, options.insecureHttp === true)) {
    ctx.add('INVALID_TARGET', 'Plain http is only probed on loopback hosts; pass --insecure-http to probe it anyway.');
    return ctx.finish();
  }
  try {
    const resolveError = await fetcher.resolveTarget(targetUrl);
    if (resolveError !== undefined) {
      ctx.add('NETWORK_ERROR', `The target's host could not be resolved: ${resolveError}.`, { url: targetUrl.href });
      return ctx.finish();
    }
    const transport = await checkTransport(ctx);
    if (!transport.answered) return ctx.finish();
    const hint = checkChallenge(ctx, transport.bearer);
    if (transport.postDemands) {
      await checkMadeUpToken(ctx);
      await checkCors(ctx);
    }
    await checkCredential(ctx);
    checkErrorCodes(ctx);
    const issuers = await checkResourceMetadata(ctx, hint, transport.bearer, transport.authRequired, transport.challengeOnlyOnGet);
    if (issuers[0] !== undefined) await checkAuthorizationServer(ctx, issuers[0]);
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
    ctx.add('TIMEOUT', `${error.entry.method} ${error.entry.url}: ${error.entry.error}; the rest of the check was not run.`, { url: error.entry.url });
  }
  return ctx.finish();
}
