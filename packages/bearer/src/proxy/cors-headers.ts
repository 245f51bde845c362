/** Adds `names` to a comma-separated list of field names, once each, compared case-insensitively (RFC 9110 §5.1). */
export function mergeFieldNames(list: string | null, names: readonly string[]): string {
  const present = (list ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const lower = new Set(present.map((name) => name.toLowerCase()));
  for (const name of names) if (!lower.has(name.toLowerCase())) present.push(name), lower.add(name.toLowerCase());
  return present.join(', ');
}

/**
 * Lets a browser's script read the challenge of a relayed response: `WWW-Authenticate` added to the upstream's
 * `Access-Control-Expose-Headers` (a `*` there does not count for requests with credentials, so the name is added
 * next to it).
 *
 * @see https://fetch.spec.whatwg.org/#http-access-control-expose-headers Fetch, CORS protocol
 */
export function exposeAuthenticate(headers: Headers): void {
  headers.set('access-control-expose-headers', mergeFieldNames(headers.get('access-control-expose-headers'), ['WWW-Authenticate']));
}

/**
 * Completes an upstream's answer to a CORS preflight that allowed the origin: `Authorization` and the configured
 * alias headers added to `Access-Control-Allow-Headers`, so a browser may send the token through the proxy.
 */
export function allowCredentialHeaders(headers: Headers, aliases: readonly string[]): void {
  if (!headers.has('access-control-allow-origin')) return;
  headers.set('access-control-allow-headers', mergeFieldNames(headers.get('access-control-allow-headers'), ['Authorization', ...aliases]));
}
