/**
 * The shapes request headers come in:
 * - a Fetch `Headers` (or anything with `get(name)`),
 * - Node's `IncomingHttpHeaders` or `headersDistinct` (lower-case keys, string or string[] values),
 * - a raw-headers array `[name, value, name, value, ...]` as Node's `rawHeaders`,
 * - a plain record with keys in any case.
 */
export type HeadersInput =
  | { get(name: string): string | null }
  | readonly string[]
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Every value of header `name` (lower-case) in `headers`, one entry per field line where the shape keeps lines
 * apart. A Fetch `Headers` joins lines with `", "`: the caller splits where the grammar allows.
 */
export function headerValues(headers: HeadersInput, name: string): string[] {
  if (Array.isArray(headers)) {
    const values: string[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const key = String(headers[i]);
      if (key.length === name.length && key.toLowerCase() === name) values.push(String(headers[i + 1]));
    }
    return values;
  }
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value === null ? [] : [value];
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const values: string[] = [];
  const push = (value: string | readonly string[] | undefined) => {
    if (typeof value === 'string') values.push(value);
    else if (Array.isArray(value)) for (const v of value) values.push(String(v));
  };
  if (Object.hasOwn(record, name)) push(record[name]);
  for (const key of Object.keys(record)) {
    // The length test spares a lower-cased copy of every other header name on each request.
    if (key.length === name.length && key !== name && key.toLowerCase() === name) push(record[key]);
  }
  return values;
}

/** True when `headers` joins a field's lines into one value (a Fetch `Headers`): the line boundaries are lost. */
export function joinsFieldLines(headers: HeadersInput): boolean {
  return !Array.isArray(headers) && typeof (headers as { get?: unknown }).get === 'function';
}
