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
 * Compares two strings of one length in time that depends only on that length, never on where they first differ.
 * Strings of different lengths are unequal at once: hashes of one function have one length, so this reveals nothing
 * of a configured token, and a long presented token costs one pass (when hashing it), not one per configured token.
 */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
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
  // An empty list would refuse every request, with nothing to say why.
  if (list.length === 0 || list.some((token) => typeof token !== 'string' || token === '')) {
    throw new TypeError('token must be a non-empty string or a non-empty array of them');
  }
  if (hashFunction !== undefined && typeof hashFunction !== 'function') throw new TypeError('hashFunction must be a function');
  const hash = async (value: string) => hashText(await (hashFunction ?? sha256)(value));
  let expected: Promise<Array<string | undefined>> | undefined;
  return async (token) => {
    expected ??= Promise.all((list as string[]).map(hash));
    const [hashes, presented] = await Promise.all([expected, hash(token)]);
    // Every configured hash is compared, whichever matches: no early exit that would tell which one did.
    let matched = false;
    for (const [i, configured] of hashes.entries()) {
      // A hash function that returns nothing comparable matches nothing. The original is compared too, only where
      // the hash matched: a weak user hash cannot let a collision in, and a long presented token is not walked once
      // per configured token.
      const equal = configured !== undefined && presented !== undefined && constantTimeEqual(configured, presented);
      matched = (equal && constantTimeEqual((list as string[])[i]!, token)) || matched;
    }
    return matched;
  };
}
