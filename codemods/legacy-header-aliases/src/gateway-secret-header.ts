/**
 * Header names that carry a gateway's or a proxy's shared secret rather than the client's own token: the gateway
 * adds the header to every request it forwards, while the client's own `Authorization` passes through untouched.
 * `X-RapidAPI-Proxy-Secret` (RapidAPI), `X-Relay-Secret`, `X-Internal-Secret`, `X-Origin-Verify` (a CDN's origin
 * check). A migrated middleware would read the client's `Authorization: Bearer` first and refuse the gateway's
 * requests that carry one.
 */
export function isGatewaySecretHeader(headerName: string): boolean {
  const name = headerName.toLowerCase();
  return name.includes('secret') || name.startsWith('x-rapidapi-') || name === 'x-origin-verify';
}
