/**
 * Hop-by-hop fields (RFC 9110 §7.6.1) and the fields `fetch` sets itself: never copied from one connection to the
 * next. `proxy-authorization` is the client's credential for this proxy, not for the upstream.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'accept-encoding',
  'expect',
]);

/**
 * Headers that carry a credential in the wild besides `Authorization`: stripped on the way up unless listed in
 * `legacyHeaderAliases` (MCP 2025-11-25, Security Best Practices "Token Passthrough": a token goes only to the
 * resource it was issued for). `cookie` is the browser's, for the proxy's origin, never the upstream's.
 */
export const STRIPPED_CREDENTIAL_HEADERS: readonly string[] = [
  'cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-adcp-auth',
  'x-amz-security-token',
  'x-goog-api-key',
];

export interface ForwardRequestHeadersOptions {
  /** Alias headers forwarded to the upstream (lower-cased), the only credential headers besides `Authorization`. */
  legacyHeaderAliases: ReadonlySet<string>;
  /** Headers stripped besides the hop-by-hop ones (lower-cased): {@link STRIPPED_CREDENTIAL_HEADERS} and yours. */
  strip: ReadonlySet<string>;
  /** Forward `Cookie`. Default false. */
  forwardCookies: boolean;
}

/**
 * The request headers a relay sends to its upstream: the client's, minus hop-by-hop fields (those `Connection`
 * names too), minus `Cookie` and credential headers that are not configured aliases. `Authorization` goes on: the
 * relay sends it only to its one upstream origin and never follows a redirect with it.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-7.6.1 RFC 9110 §7.6.1
 */
export function forwardRequestHeaders(incoming: Headers, options: ForwardRequestHeadersOptions): Headers {
  const connection = new Set((incoming.get('connection') ?? '').split(',').map((name) => name.trim().toLowerCase()));
  const out = new Headers();
  incoming.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || connection.has(name)) return;
    if (name === 'cookie' ? !options.forwardCookies : options.strip.has(name) && !options.legacyHeaderAliases.has(name)) return;
    out.append(name, value);
  });
  return out;
}
