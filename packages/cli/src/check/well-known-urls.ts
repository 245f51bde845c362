import { protectedResourceMetadataUrl } from '@authheaders/bearer';

export interface MetadataCandidate {
  url: string;
  /** True for the URL the challenge's `resource_metadata` gave. */
  fromHint: boolean;
}

/**
 * Where an MCP client looks for protected resource metadata, in order: the challenge's `resource_metadata`
 * (RFC 9728 §5.1), the well-known URL with the resource's path inserted (§3.1), then the root well-known URL.
 * Duplicates are dropped.
 */
export function protectedResourceMetadataCandidates(resource: URL, hint: string | undefined): MetadataCandidate[] {
  const candidates: MetadataCandidate[] = [];
  const add = (url: string, fromHint: boolean) => {
    if (!candidates.some((c) => c.url === url)) candidates.push({ url, fromHint });
  };
  if (hint !== undefined) add(hint, true);
  add(protectedResourceMetadataUrl(resource).href, false);
  add(new URL('/.well-known/oauth-protected-resource', resource.origin).href, false);
  return candidates;
}

/**
 * Where authorization server metadata lives for an issuer, in the order MCP clients try: RFC 8414 §3.1 (path
 * inserted after the well-known prefix), then OpenID Connect Discovery with the path inserted, then appended.
 */
export function authorizationServerMetadataUrls(issuer: URL): string[] {
  let end = issuer.pathname.length;
  while (end > 0 && issuer.pathname[end - 1] === '/') end--;
  const path = issuer.pathname.slice(0, end);
  const origin = issuer.origin;
  if (path === '') return [`${origin}/.well-known/oauth-authorization-server`, `${origin}/.well-known/openid-configuration`];
  return [
    `${origin}/.well-known/oauth-authorization-server${path}`,
    `${origin}/.well-known/openid-configuration${path}`,
    `${origin}${path}/.well-known/openid-configuration`,
  ];
}
