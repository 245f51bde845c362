/** What a `hashFunction` may return: a string (Hono's own hashes are hex strings) or bytes. */
export type TokenHash = string | ArrayBuffer | ArrayBufferView;

/** Hex of the bytes, or the string itself: one comparable string per hash. */
function hashText(hash: unknown): string | undefined {
  if (typeof hash === 'string') return hash;
  let bytes: Uint8Array | undefined;
  if (hash instanceof ArrayBuffer) bytes = new Uint8Array(hash);
  else if (ArrayBuffer.isView(hash)) bytes = new Uint8Array(hash.buffer, hash.byteOffset, hash.byteLength);
  if (bytes === undefined) return undefined;
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 through Web Crypto, which Node 20, Deno, Bun and workers all have: no `node:crypto`. */
async function sha256(value: string): Promise<ArrayBuffer> {
  return globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
}

/**
 * Compares two strings in time that depends only on their lengths, never on where they first differ. Hashes of one
 * function have one length, so comparing hashes reveals nothing of a configured token.
 */
function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}

/**
 * Checks a presented token against static tokens, as Hono's `token` option does: each side is hashed (SHA-256 by
 * default, or `hashFunction`) and the hashes are compared in constant time, every configured token every time (no
 * early exit that would tell which one matched). The configured tokens are checked and hashed once.
 */
export function staticTokenVerifier(
  tokens: string | readonly string[],
  hashFunction?: (value: string) => unknown,
): (token: string) => Promise<boolean> {
  const list: unknown[] = typeof tokens === 'string' ? [tokens] : Array.isArray(tokens) ? tokens : [undefined];
  if (list.some((token) => typeof token !== 'string' || token === '')) {
    throw new TypeError('token must be a non-empty string or an array of them');
  }
  if (hashFunction !== undefined && typeof hashFunction !== 'function') throw new TypeError('hashFunction must be a function');
  const hash = async (value: string) => hashText(await (hashFunction ?? sha256)(value));
  let expected: Promise<Array<string | undefined>> | undefined;
  return async (token) => {
    expected ??= Promise.all((list as string[]).map(hash));
    const [hashes, presented] = await Promise.all([expected, hash(token)]);
    let matched = false;
    for (const [i, configured] of hashes.entries()) {
      // A hash function that returns nothing comparable matches nothing; the originals are compared too, so a weak
      // user hash cannot let a collision in.
      const equal = configured !== undefined && presented !== undefined && constantTimeEqual(configured, presented);
      matched = (constantTimeEqual((list as string[])[i]!, token) && equal) || matched;
    }
    return matched;
  };
}
