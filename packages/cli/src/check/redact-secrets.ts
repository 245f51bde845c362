const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of each secret (the `--token`) with `[redacted]` in every string and member name of
 * `value`, at any depth, in place. Run on the finished report, after the rules have judged the answers as received
 * (redacting an answer first would change the verdict when the token also occurs in it: `--token mcp`). It also
 * catches what only appears once a document is decoded: a server that echoes the token in JSON with escapes
 * (`"abc\/def"`, `"\u0061bc"`) would otherwise see it printed by `--json`, which shows the documents as parsed.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const used = secrets.filter((secret) => secret.length > 0);
  if (used.length === 0) return value;
  const redact = (text: string) => (used.some((secret) => text.includes(secret)) ? used.reduce((t, s) => t.split(s).join(REDACTED), text) : text);
  const seen = new WeakSet<object>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return redact(node);
    if (node === null || typeof node !== 'object' || seen.has(node)) return node;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const cleanKey = redact(key);
      const cleanValue = visit(record[key]);
      if (cleanKey !== key) {
        delete record[key];
        // defineProperty, not assignment: a member named `__proto__` stays a member.
        Object.defineProperty(record, cleanKey, { value: cleanValue, enumerable: true, writable: true, configurable: true });
      } else if (cleanValue !== record[key]) {
        // An own data member (JSON.parse makes `__proto__` one) is set as such, never through a setter.
        Object.defineProperty(record, key, { value: cleanValue, enumerable: true, writable: true, configurable: true });
      }
    }
    return node;
  };
  return visit(value) as T;
}
