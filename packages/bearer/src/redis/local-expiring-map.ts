/**
 * The bounded, expiring in-process map behind `onStoreError: 'allow-local'`: what an instance remembers on its
 * own while Redis cannot answer. Insertion order is (nearly) expiry order, so a sweep stops at the first live entry.
 */
export class LocalExpiringMap {
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** The live value of `key`, or undefined. */
  get(key: string, now = Date.now()): string | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /**
   * Keeps `value` until `expiresAt`. When full of live entries: with `evict`, drops the oldest; without, keeps
   * nothing and returns false (a replay cache must not forget a proof to make room for another).
   */
  set(key: string, value: string, expiresAt: number, evict: boolean, now = Date.now()): boolean {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      for (const [oldest, entry] of this.#entries) {
        if (entry.expiresAt > now) break;
        this.#entries.delete(oldest);
      }
      if (this.#entries.size >= this.#maxEntries) {
        if (!evict) return false;
        this.#entries.delete(this.#entries.keys().next().value!);
      }
    }
    this.#entries.set(key, { value, expiresAt });
    return true;
  }
}
