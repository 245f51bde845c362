import { protectedResourceMetadataUrl, type MetadataCache } from '@authheaders/bearer';
import { parseSecureUrl } from '../is-loopback-host';
import { TOKEN_CHARS } from '../rfc9110-syntax';
import { STRIPPED_CREDENTIAL_HEADERS } from './forward-request-headers';
import { memoryMetadataCache } from './memory-metadata-cache';
import type { RelayDiagnostic } from './relay-challenges';

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
export function peerAddress(address: string | undefined): string | undefined {
  return address?.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** {@link AuthRelayOptions} checked, with their defaults. */
export interface CheckedRelayOptions {
  upstream: URL;
  publicUrl: URL;
  upstreamMetadataUrl: URL;
  /** The `resource` values the upstream document may name: `upstream` as written and as parsed, and `publicUrl`. */
  expectedResources: string[];
  policy: 'rewrite' | 'keep' | 'drop';
  aliases: string[];
  strip: Set<string>;
  trusted: Set<string>;
  serveRootMetadata: boolean;
  forwardCookies: boolean;
  relayProxyAuthenticate: boolean;
  timeoutMs: number;
  maxChallengeLength: number;
  metadataMaxBytes: number;
  metadataTtlMs: number;
  metadataMaxTtlMs: number;
  metadataFailureBackoffMs: number;
  cache: MetadataCache;
  fetch: typeof fetch;
  onDiagnostic: (diagnostic: RelayDiagnostic) => void;
}

/** Checks every option of a relay when it is built: a TypeError naming the option, never its value. */
export function checkRelayOptions(options: AuthRelayOptions): CheckedRelayOptions {
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

  return {
    upstream,
    publicUrl,
    upstreamMetadataUrl,
    expectedResources: [String(options.upstream instanceof URL ? options.upstream.href : options.upstream), upstream.href, publicUrl.href],
    policy,
    aliases,
    strip,
    trusted,
    serveRootMetadata: options.serveRootMetadata === true,
    forwardCookies: options.forwardCookies === true,
    relayProxyAuthenticate: options.relayProxyAuthenticate === true,
    timeoutMs,
    maxChallengeLength,
    metadataMaxBytes: checkMs(options.metadataMaxBytes, 'metadataMaxBytes', 65_536),
    metadataTtlMs: checkMs(options.metadataTtlMs, 'metadataTtlMs', 300_000),
    metadataMaxTtlMs: checkMs(options.metadataMaxTtlMs, 'metadataMaxTtlMs', 3_600_000),
    metadataFailureBackoffMs: checkMs(options.metadataFailureBackoffMs, 'metadataFailureBackoffMs', 5_000),
    cache,
    fetch: upstreamFetch,
    onDiagnostic,
  };
}
