import { sha256Base64url } from './base64url';

/** The members of a public key that its RFC 7638 thumbprint hashes, by key type, in lexicographic order (§3.2). */
export const THUMBPRINT_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
  OKP: ['crv', 'kty', 'x'],
};

/**
 * The RFC 7638 SHA-256 thumbprint of a public JWK, base64url: the `jkt` a DPoP-bound token carries in its `cnf`
 * claim (RFC 9449 §6.1). Only the required members, in lexicographic order, without whitespace; the caller has
 * checked that each is a string.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7638#section-3 RFC 7638 §3
 */
export function jwkThumbprint(jwk: Readonly<Record<string, string>>): Promise<string> {
  return sha256Base64url(canonicalJwk(jwk));
}

/** The JSON a thumbprint hashes (RFC 7638 §3.3): the required members in order, no whitespace. */
export function canonicalJwk(jwk: Readonly<Record<string, string>>): string {
  const members = THUMBPRINT_MEMBERS[jwk.kty!] ?? [];
  // JSON.stringify of a string is the JSON string RFC 7638 §3.3 asks for.
  return `{${members.map((name) => `"${name}":${JSON.stringify(jwk[name])}`).join(',')}}`;
}
