/**
 * The response headers of a refusal a browser-based client must be able to read cross-origin. A script sees only
 * the CORS-safelisted response headers unless the response lists the others in `Access-Control-Expose-Headers`:
 * without it, `response.headers.get('WWW-Authenticate')` is null and the client cannot find `resource_metadata`.
 * With the `dpop` option the engine lists `DPoP-Nonce` after these, merged the same way (RFC 9449 §8).
 *
 * @see https://fetch.spec.whatwg.org/#http-access-control-expose-headers Fetch: Access-Control-Expose-Headers
 */
export const CORS_EXPOSED_HEADERS: readonly string[] = Object.freeze(['WWW-Authenticate']);

/**
 * The value of `Access-Control-Expose-Headers` with `names` added to what the response already lists (a string, a
 * list of lines or nothing), each name once whatever its case, in first-seen order. A `*` already there is kept
 * (it covers every header, except on a request with credentials).
 *
 * @see https://fetch.spec.whatwg.org/#http-access-control-expose-headers Fetch: Access-Control-Expose-Headers
 */
export function mergeExposedHeaders(existing: unknown, names: readonly string[]): string {
  const lines = existing == null ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  const merged: string[] = [];
  const seen = new Set<string>();
  // A name holds no comma: a list value given as a name (an answer's own exposed list) is split too.
  for (const name of [...lines, ...names].flatMap((line) => line.split(','))) {
    const trimmed = name.trim();
    const key = trimmed.toLowerCase();
    if (trimmed !== '' && !seen.has(key)) {
      seen.add(key);
      merged.push(trimmed);
    }
  }
  return merged.join(', ');
}

/**
 * `headers` for an answer that may list `Access-Control-Expose-Headers` already (`existing`, what an earlier CORS
 * layer set, a string, a list of lines or nothing): ours merged into it by {@link mergeExposedHeaders}, since
 * setting ours alone would replace it. Used for a refusal's headers and a success's (a fresh `DPoP-Nonce`) alike.
 */
export function withExposedHeaders(headers: Readonly<Record<string, string>>, existing: unknown): Readonly<Record<string, string>> {
  const ours = headers['access-control-expose-headers'];
  return ours === undefined || existing == null ? headers : { ...headers, 'access-control-expose-headers': mergeExposedHeaders(existing, [ours]) };
}

/**
 * Whether a request is a CORS preflight: `OPTIONS` with `Access-Control-Request-Method`. It never carries
 * credentials, so the middleware lets it through untouched for the application's CORS handling to answer.
 *
 * @see https://fetch.spec.whatwg.org/#cors-preflight-request Fetch: CORS-preflight request
 */
export function isCorsPreflight(method: string | undefined, requestMethodHeader: unknown): boolean {
  return method === 'OPTIONS' && requestMethodHeader != null && requestMethodHeader !== '';
}

/** The `cors` option, checked when the middleware is built: a TypeError naming it, never its value. */
export function corsOption(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') throw new TypeError('cors must be a boolean');
  return value;
}
