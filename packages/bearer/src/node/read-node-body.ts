import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { declaredTooLarge, joinChunks, parseJsonBytes, UnreadableBodyError } from '../json-body';

/**
 * Reads a Node request stream (or Fastify's payload stream) up to `max` bytes, by events: past the limit it stops
 * listening without destroying the stream, so the 400 still reaches the client, and Node discards the rest.
 * Resolves the bytes, or rejects with {@link UnreadableBodyError} (too large, aborted, a stream error).
 */
export function readNodeBody(stream: Readable, contentLength: string | undefined, max: number): Promise<Uint8Array> {
  if (declaredTooLarge(contentLength, max)) return Promise.reject(new UnreadableBodyError('The request body is too large.'));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    const finish = (error?: UnreadableBodyError) => {
      stream.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error === undefined) resolve(joinChunks(chunks, length));
      else reject(error);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      length += bytes.length;
      if (length > max) {
        stream.pause();
        finish(new UnreadableBodyError('The request body is too large.'));
      } else chunks.push(bytes);
    };
    const onEnd = () => finish();
    const onError = () => finish(new UnreadableBodyError('The request body could not be read.'));
    // Closed before its end: the client went away, or the stream was destroyed.
    const onClose = () => finish(new UnreadableBodyError('The request body could not be read.'));
    stream.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Whether a Node request announces a body (RFC 9112 §6.3): a `Transfer-Encoding`, or a `Content-Length` above 0. */
export function hasNodeBody(headers: IncomingMessage['headers']): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The parsed JSON body of a Node request, for the engine: `req.body` when a body parser (Express's `express.json()`)
 * has set it, else the stream read here (at most `max` bytes) and parsed, then left in `req.body` for the handler
 * and the MCP transport (`transport.handleRequest(req, res, req.body)`), which must not read the stream again.
 */
export async function nodeJsonBody(req: IncomingMessage & { body?: unknown }, max: number): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  if (!hasNodeBody(req.headers) || req.readableEnded) return undefined;
  const body = parseJsonBytes(await readNodeBody(req, req.headers['content-length'], max));
  req.body = body;
  return body;
}
