import { parseSecureUrl } from '../is-loopback-host';
import { TOKEN_CHARS, trimOws } from '../rfc9110-syntax';

/**
 * A host as `X-Forwarded-Host` or `Forwarded: host=` may carry it: a DNS name or IPv4 address, or a bracketed IPv6
 * address, with an optional port 1-65535; no userinfo, no path, one host (RFC 9110 §7.2 `uri-host [ ":" port ]`).
 */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::(\d{1,5}))?$/i;

/** True for `host[:port]` naming one host with a real port (RFC 9110 §7.2). */
export function isForwardedHost(value: string): boolean {
  const match = HOST.exec(value);
  if (match === null || value.length > 255) return false;
  const port = match[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
}

/** The last element of a comma-separated list field: what the proxy nearest to us added (RFC 9110 §5.6.1). */
function lastElement(value: string | null): string | undefined {
  if (value === null) return undefined;
  const element = trimOws(value.slice(value.lastIndexOf(',') + 1));
  return element === '' ? undefined : element;
}

/** `proto` and `host` of the last element of a `Forwarded` field (RFC 7239 §4), unquoted. */
function forwardedPair(value: string | null): { proto?: string; host?: string } {
  const element = lastElement(value);
  const pair: { proto?: string; host?: string } = {};
  for (const part of element?.split(';') ?? []) {
    const equals = part.indexOf('=');
    const name = trimOws(part.slice(0, equals)).toLowerCase();
    let v = trimOws(part.slice(equals + 1));
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    if ((name === 'proto' || name === 'host') && !Object.hasOwn(pair, name) && (name === 'host' || TOKEN_CHARS.test(v))) pair[name] = v;
  }
  return pair;
}

/**
 * The public origin a request reached, for a proxy behind another proxy: `configured` (the origin of `publicUrl`)
 * unless `trusted` says the immediate peer is a proxy we trust, in which case `Forwarded` (RFC 7239 §5.3, §5.4;
 * its last element, the one that peer added) or else `X-Forwarded-Proto` and `X-Forwarded-Host` (one value each) name
 * it. A forwarded value that is not `http`/`https` and one host with a real port is ignored, and so is plain http
 * off loopback: the configured origin is used, never a guess.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7239#section-4 RFC 7239 §4
 */
export function publicOrigin(headers: { get(name: string): string | null }, configured: URL, trusted: boolean): string {
  if (!trusted) return configured.origin;
  let { proto, host } = forwardedPair(headers.get('forwarded'));
  if (proto === undefined && host === undefined) {
    const xProto = headers.get('x-forwarded-proto');
    const xHost = headers.get('x-forwarded-host');
    // One value each: a list means a chain we cannot attribute, and then neither is believed.
    if (xProto?.includes(',') || xHost?.includes(',')) return configured.origin;
    proto = xProto === null ? undefined : trimOws(xProto);
    host = xHost === null ? undefined : trimOws(xHost);
  }
  const scheme = (proto ?? configured.protocol.slice(0, -1)).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return configured.origin;
  if (host !== undefined && !isForwardedHost(host)) return configured.origin;
  // https, or http on loopback only: the origin ends up in the challenges and the metadata clients follow.
  return parseSecureUrl(`${scheme}://${host ?? configured.host}`)?.origin ?? configured.origin;
}
