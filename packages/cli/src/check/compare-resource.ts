/** How a metadata document's `resource` relates to the URL the client used (RFC 9728 §3.3). */
export type ResourceRelation = 'same' | 'trailing-slash' | 'fragment' | 'parent' | 'mismatch';

const trimSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/**
 * Compares `resource` with the resource URL. RFC 9728 §3.3 compares exactly; MCP clients also accept the origin or
 * a parent path of the URL (the root well-known URL describes the origin), so `parent` is told apart from a mismatch,
 * and the two mistakes seen in practice (a trailing slash, a fragment) are named.
 */
export function compareResource(resource: string, url: URL): ResourceRelation {
  if (!URL.canParse(resource)) return 'mismatch';
  const parsed = new URL(resource);
  if (parsed.hash !== '' || resource.includes('#')) return 'fragment';
  if (parsed.href === url.href) return 'same';
  if (parsed.origin !== url.origin || parsed.search !== url.search && parsed.search !== '') return 'mismatch';
  if (parsed.search === url.search && trimSlash(parsed.pathname) === trimSlash(url.pathname)) return 'trailing-slash';
  const base = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
  if (parsed.search === '' && url.pathname.startsWith(base)) return 'parent';
  return 'mismatch';
}
