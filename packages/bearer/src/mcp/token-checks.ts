/** A resource identifier as compared: serialized, without its fragment and without one trailing slash. */
function comparableResource(value: URL | string): string {
  const text = String(value);
  const hash = text.indexOf('#');
  const withoutFragment = hash === -1 ? text : text.slice(0, hash);
  return withoutFragment.endsWith('/') ? withoutFragment.slice(0, -1) : withoutFragment;
}

/**
 * Whether the token's audience is this resource, by the MCP SDK's rule: the same string once a fragment and one
 * trailing slash are set aside (RFC 8707 resource indicators). A token without a resource never matches.
 */
export function isSameResource(reported: URL | string | undefined, expected: URL): boolean {
  return reported !== undefined && reported !== '' && comparableResource(reported) === comparableResource(expected);
}

/** Why an unexpired-token check fails, in the MCP SDK's words, or undefined when `expiresAt` is fine. */
export function expiryProblem(expiresAt: unknown, nowSeconds: number): string | undefined {
  if (typeof expiresAt !== 'number' || Number.isNaN(expiresAt)) return 'Token has no expiration time';
  if (expiresAt < nowSeconds) return 'Token has expired';
  return undefined;
}
