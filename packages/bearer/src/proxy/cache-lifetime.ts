/**
 * How long a shared cache may keep a response, in milliseconds, from its `Cache-Control` (RFC 9111 §5.2.2):
 * `s-maxage` first (the proxy is a shared cache, §5.2.2.10), then `max-age`; 0 for `no-store`, `no-cache` or
 * `private`; `fallbackMs` when the field names no lifetime. Unknown directives are ignored, a malformed number is
 * no lifetime.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2 RFC 9111 §5.2.2
 */
export function cacheLifetimeMs(cacheControl: string | null, fallbackMs: number): number {
  if (cacheControl === null) return fallbackMs;
  const directives = new Map<string, string>();
  for (const part of cacheControl.split(',')) {
    const [name = '', value = ''] = part.split('=', 2).map((s) => s.trim());
    const key = name.toLowerCase();
    if (key !== '' && !directives.has(key)) directives.set(key, value.replace(/^"(.*)"$/, '$1'));
  }
  if (directives.has('no-store') || directives.has('no-cache') || directives.has('private')) return 0;
  for (const name of ['s-maxage', 'max-age']) {
    const value = directives.get(name);
    if (value !== undefined) return /^\d{1,9}$/.test(value) ? Number(value) * 1000 : 0;
  }
  return fallbackMs;
}
