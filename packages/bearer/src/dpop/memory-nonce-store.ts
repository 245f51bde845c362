import type { NonceStore } from '../stores/nonce-store';
import { encodeBase64url } from './base64url';
import { BoundedExpiryMap, maxEntriesOption } from './bounded-expiry-map';

/** Options of {@link memoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /** The most nonces kept at once (default 10 000); past it the oldest is forgotten (its holder gets a new one). */
  maxEntries?: number | undefined;
}

/**
 * The default DPoP nonce store (RFC 9449 §8, §9): 128-bit random nonces from Web Crypto, base64url, kept in this
 * process's memory, bounded. Forgetting a nonce early costs its client one `use_dpop_nonce` retry, never an
 * acceptance, so a full store drops its oldest nonce. For several instances, use a shared {@link NonceStore}.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-9 RFC 9449 §9
 * @example
 * ```ts
 * import { memoryNonceStore } from '@authheaders/bearer/dpop';
 *
 * const nonceStore = memoryNonceStore();
 * const nonce = await nonceStore.issue(120_000);
 * (await nonceStore.expiresAt(nonce))! > Date.now(); // true
 * ```
 */
export function memoryNonceStore(options: MemoryNonceStoreOptions = {}): NonceStore & { readonly size: number } {
  const entries = new BoundedExpiryMap(maxEntriesOption(options?.maxEntries, 10_000, 'maxEntries'), Date.now);
  return {
    get size() {
      return entries.size;
    },
    issue(ttlMs) {
      if (!entries.makeRoom()) entries.dropOldest();
      const nonce = encodeBase64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
      entries.set(nonce, ttlMs);
      return nonce;
    },
    expiresAt: (nonce) => entries.expiresAt(nonce),
  };
}
