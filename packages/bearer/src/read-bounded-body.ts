/**
 * The bytes of `body`, reading at most `maxBytes`: undefined as soon as the body is longer (after `maxBytes + 1`
 * bytes at most, whatever a `Content-Length` claimed), its stream then cancelled. For answers of other servers
 * (a JWK Set, a metadata document) that must never be buffered whole.
 */
export async function readBoundedBytes(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
