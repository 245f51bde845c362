/** How many bytes of a request body the middleware reads by default to find the operation's scopes: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** A body the middleware could not read as JSON: too large, cut short, not UTF-8 or not JSON. Answered 400. */
export class UnreadableBodyError extends Error {
  override readonly name = 'UnreadableBodyError';
}

/** The `maxBodyBytes` option, checked when the middleware is built: a TypeError naming it, never its value. */
export function maxBodyBytesOption(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (!(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)) throw new TypeError('maxBodyBytes must be a positive integer');
  return value;
}

/** A declared `Content-Length` past the limit: refused before a byte is read. */
export function declaredTooLarge(contentLength: string | null | undefined, max: number): boolean {
  return contentLength != null && contentLength !== '' && Number(contentLength) > max;
}

/**
 * The JSON value of a body's bytes: undefined for an empty body (a request without one), an
 * {@link UnreadableBodyError} for bytes that are not UTF-8 (RFC 8259 §8.1) or not JSON. `JSON.parse` makes a
 * `__proto__` key an own member, never the prototype.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8259#section-8.1 RFC 8259 §8.1
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new UnreadableBodyError('The request body is not JSON.');
  }
}

/** Joins the chunks read into one buffer. */
export function joinChunks(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
