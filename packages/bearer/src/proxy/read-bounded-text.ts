import { readBoundedBytes } from '../read-bounded-body';

/** A body longer than the bound: the stream is cancelled where it crossed it, the rest is never read. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor() {
    super('upstream body too large');
  }
}

/**
 * The body of `response` as UTF-8 text, reading at most `maxBytes`: a longer body throws {@link BodyTooLargeError}
 * after `maxBytes + 1` bytes at most, whatever `Content-Length` claims, and its stream is cancelled.
 */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new BodyTooLargeError();
  }
  if (response.body === null) return '';
  const bytes = await readBoundedBytes(response.body, maxBytes);
  if (bytes === undefined) throw new BodyTooLargeError();
  return new TextDecoder().decode(bytes);
}
