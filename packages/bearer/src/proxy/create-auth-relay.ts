import { PROTECTED_RESOURCE_METADATA_PATH, protectedResourceMetadataUrl } from '@authheaders/bearer';
import { allowCredentialHeaders, exposeAuthenticate } from './cors-headers';
import { forwardRequestHeaders } from './forward-request-headers';
import { publicOrigin } from './public-origin';
import { relayChallenges } from './relay-challenges';
import { relayFailure } from './relay-failure';
import { checkRelayOptions, peerAddress, type AuthRelayOptions, type RelayPeer } from './relay-options';
import { upstreamMetadata, UpstreamMetadataError } from './upstream-metadata';

export type { AuthRelayOptions, RelayPeer } from './relay-options';

/** Response fields that belong to the upstream connection, or that `fetch` has made untrue by decoding the body. */
const RESPONSE_HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'trailer', 'upgrade', 'content-encoding', 'content-length'];

/**
 * A Fetch handler that is the whole proxy in front of one protected resource: requests under the public URL's path
 * go to the same path under `upstream` (bodies streamed both ways, Server-Sent Events included), with the client's
 * `Authorization` and configured aliases but without `Cookie`, other credential headers or hop-by-hop fields; every
 * `WWW-Authenticate` comes back through {@link relayChallenges} with `resource_metadata` pointing at the proxy, and
 * `Access-Control-Expose-Headers` naming it; the proxy serves its own RFC 9728 document, relayed from the
 * upstream's with `resource` rewritten. Options are checked here, with a TypeError naming the option.
 *
 * The relay answers for the upstream, with a JSON body naming the reason: 502 when the upstream cannot be reached,
 * redirects to another origin (never followed, so no credential leaves for it), or refuses with a challenge that
 * cannot be relayed safely; 504 when it does not answer within `timeoutMs`; 404 outside the public path.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-3 RFC 9728 §3
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices MCP: token passthrough
 * @example
 * ```ts
 * const relay = createAuthRelay({ upstream: 'http://10.1.2.3:3000/mcp', publicUrl: 'https://mcp.example.com/mcp' });
 * export default { fetch: (request: Request) => relay(request) };
 * ```
 */
export function createAuthRelay(options: AuthRelayOptions): (request: Request, peer?: RelayPeer) => Promise<Response> {
  const checked = checkRelayOptions(options);
  const { upstream, publicUrl, policy, aliases, strip, trusted, timeoutMs, maxChallengeLength, onDiagnostic } = checked;
  const upstreamFetch = checked.fetch;
  const publicPath = publicUrl.pathname.replace(/\/$/, '');
  const upstreamPath = upstream.pathname.replace(/\/$/, '');
  const metadata = upstreamMetadata({
    url: checked.upstreamMetadataUrl.href,
    expectedResources: checked.expectedResources,
    cache: checked.cache,
    fetch: upstreamFetch,
    timeoutMs,
    maxBytes: checked.metadataMaxBytes,
    defaultTtlMs: checked.metadataTtlMs,
    maxTtlMs: checked.metadataMaxTtlMs,
    failureBackoffMs: checked.metadataFailureBackoffMs,
    now: Date.now,
  });
  const aliasSet = new Set(aliases);
  // Without trusted proxies the public origin is fixed: its URLs are computed once, not per request.
  const fixedMetadataUrl = protectedResourceMetadataUrl(`${publicUrl.origin}${publicUrl.pathname}`);

  async function serveMetadata(request: Request, publicResource: string): Promise<Response> {
    const cors = { 'access-control-allow-origin': '*' };
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'MCP-Protocol-Version' } });
    }
    try {
      const document = await metadata(publicResource);
      return Response.json(document, { headers: cors });
    } catch (error) {
      return relayFailure(error instanceof UpstreamMetadataError && error.status === 504 ? 'upstream_timeout' : 'metadata_unavailable');
    }
  }

  return async (request, peer) => {
    const url = new URL(request.url);
    const origin = publicOrigin(request.headers, publicUrl, trusted.size > 0 && trusted.has(peerAddress(peer?.remoteAddress) ?? ''));
    const publicResource = `${origin}${publicUrl.pathname}`;
    const publicMetadataUrl = origin === publicUrl.origin ? fixedMetadataUrl : protectedResourceMetadataUrl(publicResource);
    const isMetadata = url.pathname === publicMetadataUrl.pathname || (checked.serveRootMetadata && url.pathname === PROTECTED_RESOURCE_METADATA_PATH);
    if (isMetadata && ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return serveMetadata(request, publicResource);
    if (url.pathname !== publicPath && !url.pathname.startsWith(`${publicPath}/`) && !(publicPath === '' && url.pathname === '/')) {
      return relayFailure('not_found');
    }
    const target = new URL(upstream.href);
    target.pathname = upstreamPath + url.pathname.slice(publicPath.length);
    target.search = url.search;
    if (target.origin !== upstream.origin) return relayFailure('not_found'); // never: the path cannot change the origin

    const controller = new AbortController();
    const abort = () => controller.abort();
    request.signal?.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, timeoutMs);
    let response: Response;
    try {
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
      response = await upstreamFetch(target, {
        method: request.method,
        headers: forwardRequestHeaders(request.headers, { legacyHeaderAliases: aliasSet, strip, forwardCookies: checked.forwardCookies }),
        ...(hasBody ? { body: request.body, duplex: 'half' } : {}),
        redirect: 'manual',
        signal: controller.signal,
      } as RequestInit);
    } catch {
      return relayFailure(controller.signal.aborted && !request.signal?.aborted ? 'upstream_timeout' : 'upstream_unreachable');
    } finally {
      clearTimeout(timer);
    }

    const headers = new Headers(response.headers);
    for (const name of RESPONSE_HOP_BY_HOP) headers.delete(name);
    const refuse = async (reason: 'unrelayable_challenge' | 'cross_origin_redirect') => {
      await response.body?.cancel().catch(() => {});
      return relayFailure(reason);
    };

    const location = response.headers.get('location');
    if (location !== null && response.status >= 300 && response.status < 400) {
      let next: URL | undefined;
      try {
        next = new URL(location, target);
      } catch {
        next = undefined;
      }
      if (next === undefined || next.origin !== upstream.origin) return refuse('cross_origin_redirect');
      const path = next.pathname === upstreamPath || next.pathname.startsWith(`${upstreamPath}/`) ? publicPath + next.pathname.slice(upstreamPath.length) : next.pathname;
      headers.set('location', `${origin}${path}${next.search}${next.hash}`);
    }

    const challenges = response.headers.get('www-authenticate');
    if (challenges !== null) {
      const relayed = relayChallenges(challenges, {
        resourceMetadata: policy === 'rewrite' ? publicMetadataUrl.href : policy,
        maxLength: maxChallengeLength,
        onDiagnostic,
      });
      if (relayed === undefined) {
        if (response.status === 401 || response.status === 407) return refuse('unrelayable_challenge');
        headers.delete('www-authenticate');
      } else {
        headers.set('www-authenticate', relayed);
        exposeAuthenticate(headers);
      }
    }
    const proxyChallenges = response.headers.get('proxy-authenticate');
    if (checked.relayProxyAuthenticate && proxyChallenges !== null) {
      const relayed = relayChallenges(proxyChallenges, { resourceMetadata: 'keep', maxLength: maxChallengeLength, onDiagnostic });
      if (relayed === undefined) headers.delete('proxy-authenticate');
      else headers.set('proxy-authenticate', relayed);
    }
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) allowCredentialHeaders(headers, aliases);

    const bodyless = request.method === 'HEAD' || [101, 204, 205, 304].includes(response.status);
    if (bodyless) await response.body?.cancel().catch(() => {});
    return new Response(bodyless ? null : response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
