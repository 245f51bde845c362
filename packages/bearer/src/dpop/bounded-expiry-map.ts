/**
 * Keys with an expiry, at most `maxEntries` of them: the shared core of the in-memory replay cache and nonce store.
 * Entries are kept in insertion order; with one lifetime per store that is also expiry order, so expired entries
 * are dropped from the front, in amortized constant time.
 */
export class BoundedExpiryMap {
  readonly #entries = new Map<string, number>();
  constructor(
    readonly maxEntries: number,
    readonly now: () => number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** When `key` expires (ms since the epoch), or undefined when absent or expired. */
  expiresAt(key: string): number | undefined {
    const expiry = this.#entries.get(key);
    return expiry !== undefined && expiry > this.now() ? expiry : undefined;
  }

  /** Drops expired entries from the front; true when there is room for one more. */
  makeRoom(): boolean {
    const now = this.now();
    for (const [key, expiry] of this.#entries) {
      if (expiry > now && this.#entries.size < this.maxEntries) break;
      if (expiry > now) return false;
      this.#entries.delete(key);
    }
    return this.#entries.size < this.maxEntries;
  }

  /** Drops the oldest entry. */
  dropOldest(): void {
    for (const key of this.#entries.keys()) {
      this.#entries.delete(key);
      return;
    }
  }

  set(key: string, ttlMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, this.now() + ttlMs);
  }
}

/** Checks the `maxEntries` option of an in-memory store. */
export function maxEntriesOption(value: unknown, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw new TypeError(`${field} must be a whole number ≥ 1`);
  return value as number;
}
