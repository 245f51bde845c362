import { declaredTooLarge, joinChunks, UnreadableBodyError } from '../json-body';

/**
 * Reads a Fetch request's body up to `max` bytes and returns them with a fresh `Request` that carries the same
 * bytes, for the handler (the original's body is used up). Past the limit the stream is cancelled. Rejects with
 * {@link UnreadableBodyError} (too large, a stream error).
 */
export async function readFetchBody(request: Request, max: number): Promise<{ bytes: Uint8Array; request: Request }> {
  if (request.body === null) return { bytes: new Uint8Array(0), request };
  if (declaredTooLarge(request.headers.get('content-length'), max)) throw new UnreadableBodyError('The request body is too large.');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > max) {
        reader.cancel().catch(() => {});
        throw new UnreadableBodyError('The request body is too large.');
      }
      chunks.push(value);
    }
  } catch (error) {
    throw error instanceof UnreadableBodyError ? error : new UnreadableBodyError('The request body could not be read.');
  }
  const bytes = joinChunks(chunks, length);
  // A fresh Request with the bytes read: the handler (an MCP transport) reads its body once more, from memory.
  return { bytes, request: new Request(request, { body: bytes as unknown as BodyInit }) };
}
