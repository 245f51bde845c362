import { PROTECTED_RESOURCE_METADATA_PATH, protectedResourceMetadataUrl, type MetadataCache } from '@authheaders/bearer';
import { parseSecureUrl } from '../is-loopback-host';
import { TOKEN_CHARS } from '../rfc9110-syntax';
import { allowCredentialHeaders, exposeAuthenticate } from './cors-headers';
import { forwardRequestHeaders, STRIPPED_CREDENTIAL_HEADERS } from './forward-request-headers';
import { memoryMetadataCache } from './memory-metadata-cache';
import { publicOrigin } from './public-origin';
import { relayChallenges, type RelayDiagnostic } from './relay-challenges';
import { relayFailure } from './relay-failure';
import { upstreamMetadata, UpstreamMetadataError } from './upstream-metadata';

export interface AuthRelayOptions {
  /** The upstream resource: its URL behind the proxy (`http://10.1.2.3:3000/mcp`). Requests go to its origin only. */
  upstream: string | URL;
  /**
   * The resource's public URL, as clients reach the proxy (`https://mcp.example.com/mcp`): https, or http on a
   * loopback host. Its path is the prefix the relay serves; its origin is the public origin unless a trusted proxy
   * in front names another ({@link AuthRelayOptions.trustedProxies}).
   */
  publicUrl: string | URL;
  /**
   * `resource_metadata` of relayed challenges: `'rewrite'` (default) to the proxy's public metadata URL, `'keep'`
   * as the upstream wrote it, `'drop'`.
   */
  resourceMetadata?: 'rewrite' | 'keep' | 'drop';
  /** The upstream's metadata document. Default: the path-inserted well-known URL of `upstream` (RFC 9728 §3.1). */
  upstreamMetadataUrl?: string | URL;
  /** Also serve the metadata at the root well-known URL `/.well-known/oauth-protected-resource`. Default false. */
  serveRootMetadata?: boolean;
  /** Where relayed metadata is cached. Default: {@link memoryMetadataCache} of this relay. */
  metadataCache?: MetadataCache;
  /** Alias headers forwarded with `Authorization` (say `x-api-key`); credential headers not listed are stripped. */
  legacyHeaderAliases?: readonly string[];
  /** More request headers to strip besides `Cookie`, hop-by-hop fields and known credential headers. */
  stripHeaders?: readonly string[];
  /** Forward the client's `Cookie`. Default false. */
  forwardCookies?: boolean;
  /** Relay `Proxy-Authenticate` through the challenge relay (`resource_metadata` kept) too. Default: untouched. */
  relayProxyAuthenticate?: boolean;
  /**
   * Addresses of the proxies in front of this one whose `Forwarded` / `X-Forwarded-Proto` / `X-Forwarded-Host`
   * name the public origin. Default none: those headers are never believed.
   */
  trustedProxies?: readonly string[];
  /** Longest wait for the upstream's response headers (and for its metadata document), in ms. Default 30000. */
  timeoutMs?: number;
  /** Largest metadata document accepted from the upstream, in bytes. Default 65536. */
  metadataMaxBytes?: number;
  /** Metadata lifetime when the upstream sends no `Cache-Control`, in ms. Default 300000. */
  metadataTtlMs?: number;
  /** Longest metadata lifetime, whatever the upstream's `Cache-Control` says, in ms. Default 3600000. */
  metadataMaxTtlMs?: number;
  /** How long a failed metadata fetch is answered from memory before the upstream is asked again, in ms. Default 5000. */
  metadataFailureBackoffMs?: number;
  /** Longest upstream challenge field relayed, in UTF-16 code units. Default 8192. */
  maxChallengeLength?: number;
  /** Every repair made to an upstream challenge field, and why one was not relayed. */
  onDiagnostic?: (diagnostic: RelayDiagnostic) => void;
  /** The `fetch` used to reach the upstream. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/** The peer of a request, when the server knows it (Node's `req.socket.remoteAddress`, Deno's `info.remoteAddr`). */
export interface RelayPeer {
  remoteAddress?: string | undefined;
}

/** Response fields that belong to the upstream connection, or that `fetch` has made untrue by decoding the body. */
const RESPONSE_HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'trailer', 'upgrade', 'content-encoding', 'content-length'];

function checkUrl(value: unknown, option: string, secure: boolean): URL {
  const url = value instanceof URL || typeof value === 'string' ? (secure ? parseSecureUrl(value) : safeUrl(value)) : undefined;
  if (url === undefined || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError(`${option} must be an ${secure ? 'https URL (http: loopback only)' : 'http(s) URL'} without userinfo or fragment`);
  }
  return url;
}

function safeUrl(value: string | URL): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function checkMs(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`${option} must be a non-negative finite number`);
  return value;
}

function checkNames(value: unknown, option: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || !TOKEN_CHARS.test(name))) {
    throw new TypeError(`${option} must be an array of header names`);
  }
  return value.map((name: string) => name.toLowerCase());
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one peer. */
function peerAddress(address: string | undefined): string | undefined {
  return address?.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

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
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const upstream = checkUrl(options.upstream, 'upstream', false);
  if (upstream.search !== '') throw new TypeError('upstream must be a URL without a query');
  const publicUrl = checkUrl(options.publicUrl, 'publicUrl', true);
  if (publicUrl.search !== '') throw new TypeError('publicUrl must be a URL without a query');
  const upstreamMetadataUrl = checkUrl(options.upstreamMetadataUrl ?? protectedResourceMetadataUrl(upstream), 'upstreamMetadataUrl', false);
  if (upstreamMetadataUrl.origin !== upstream.origin) throw new TypeError('upstreamMetadataUrl must be on the origin of upstream');
  const policy = options.resourceMetadata ?? 'rewrite';
  if (policy !== 'rewrite' && policy !== 'keep' && policy !== 'drop') throw new TypeError("resourceMetadata must be 'rewrite', 'keep' or 'drop'");
  const aliases = checkNames(options.legacyHeaderAliases, 'legacyHeaderAliases');
  const strip = new Set([...STRIPPED_CREDENTIAL_HEADERS, ...checkNames(options.stripHeaders, 'stripHeaders')]);
  const trusted = new Set(
    (() => {
      const list = options.trustedProxies ?? [];
      if (!Array.isArray(list) || list.some((a) => typeof a !== 'string')) throw new TypeError('trustedProxies must be an array of addresses');
      return list.map((a: string) => peerAddress(a)!);
    })(),
  );
  for (const flag of ['serveRootMetadata', 'forwardCookies', 'relayProxyAuthenticate'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new TypeError(`${flag} must be a boolean`);
  }
  const timeoutMs = checkMs(options.timeoutMs, 'timeoutMs', 30_000);
  const maxChallengeLength = checkMs(options.maxChallengeLength, 'maxChallengeLength', 8192);
  if (options.onDiagnostic !== undefined && typeof options.onDiagnostic !== 'function') throw new TypeError('onDiagnostic must be a function');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new TypeError('fetch must be a function');
  const cache = options.metadataCache ?? memoryMetadataCache();
  if (typeof cache?.get !== 'function' || typeof cache.set !== 'function') throw new TypeError('metadataCache must have get and set');
  const upstreamFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const onDiagnostic = options.onDiagnostic ?? (() => {});

  const publicPath = publicUrl.pathname.replace(/\/$/, '');
  const upstreamPath = upstream.pathname.replace(/\/$/, '');
  const metadata = upstreamMetadata({
    url: upstreamMetadataUrl.href,
    expectedResources: [String(options.upstream instanceof URL ? options.upstream.href : options.upstream), upstream.href, publicUrl.href],
    cache,
    fetch: upstreamFetch,
    timeoutMs,
    maxBytes: checkMs(options.metadataMaxBytes, 'metadataMaxBytes', 65_536),
    defaultTtlMs: checkMs(options.metadataTtlMs, 'metadataTtlMs', 300_000),
    maxTtlMs: checkMs(options.metadataMaxTtlMs, 'metadataMaxTtlMs', 3_600_000),
    failureBackoffMs: checkMs(options.metadataFailureBackoffMs, 'metadataFailureBackoffMs', 5_000),
    now: Date.now,
  });

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
    const publicMetadataUrl = protectedResourceMetadataUrl(publicResource);
    const isMetadata = url.pathname === publicMetadataUrl.pathname || (options.serveRootMetadata === true && url.pathname === PROTECTED_RESOURCE_METADATA_PATH);
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
        headers: forwardRequestHeaders(request.headers, { legacyHeaderAliases: new Set(aliases), strip, forwardCookies: options.forwardCookies === true }),
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
    if (options.relayProxyAuthenticate === true && proxyChallenges !== null) {
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
