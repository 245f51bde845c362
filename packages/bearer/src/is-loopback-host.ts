/**
 * True for hosts that name this machine: `localhost` (and `*.localhost`, RFC 6761 §6.3), 127.0.0.0/8 and `[::1]`.
 * Plain `http` URLs are accepted for these only.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^(\[::1\]|127(\.\d{1,3}){3})$/.test(host);
}

/**
 * Parses `value` as an absolute URL that uses https, or http on a loopback host, without userinfo. Returns undefined
 * when it is not (undefined included).
 */
export function parseSecureUrl(value: string | URL | undefined): URL | undefined {
  let url: URL;
  try {
    url = new URL(value!); // undefined throws as well
  } catch {
    return undefined;
  }
  // Userinfo is a credential in a URL that every client would see (RFC 9110 §4.2.4).
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url;
  return undefined;
}

/** {@link parseSecureUrl}'s URL as a string, or a TypeError naming `field`. */
export function secureUrl(value: string | URL, field: string): string {
  const url = parseSecureUrl(value);
  if (url === undefined) throw new TypeError(`${field} must be an https URL without userinfo (http: loopback only)`);
  return url.href;
}
