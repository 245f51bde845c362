/**
 * True for hosts that name this machine: `localhost` (and `*.localhost`, RFC 6761 §6.3), 127.0.0.0/8 and `[::1]`.
 * Plain `http` URLs are accepted for these only.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Parses `value` as an absolute URL that uses https, or http on a loopback host. Returns undefined when it is not.
 */
export function parseSecureUrl(value: string | URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  return undefined;
}
