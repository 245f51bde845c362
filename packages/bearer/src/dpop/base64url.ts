/**
 * base64url without padding (RFC 7515 §2, RFC 4648 §5), the encoding of every JWS part and of a JWK thumbprint.
 *
 * ```text
 * base64url = *( ALPHA / DIGIT / "-" / "_" )
 * ```
 */
const BASE64URL = /^[\w-]*$/;

/** The bytes of a base64url string, or undefined when it is not one (padding, `+`, `/` and a length of 4n+1 refused). */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `bytes` as base64url, unpadded. */
export function encodeBase64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i++) binary += String.fromCharCode(view[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url(SHA-256(`text` as UTF-8)): the `ath` of a token (RFC 9449 §4.2), a thumbprint (RFC 7638 §3). */
export async function sha256Base64url(text: string): Promise<string> {
  return encodeBase64url(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
