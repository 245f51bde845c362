import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayPeer } from './create-auth-relay';

/** Node's request as a Fetch `Request`: its path on a placeholder origin (the relay reads only the path and query). */
function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A field Node accepted and Fetch does not (a name that is not a token): not forwarded.
    }
  }
  const method = req.method ?? 'GET';
  const iterator = (req as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const body =
    method === 'GET' || method === 'HEAD'
      ? null
      : new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { done, value } = await iterator.next();
            if (done) controller.close();
            else controller.enqueue(value as Uint8Array);
          },
          cancel() {
            req.destroy();
          },
        });
  const path = (req.url ?? '/').startsWith('/') ? req.url ?? '/' : '/';
  return new Request(new URL(path, 'http://relay.invalid'), { method, headers, body, signal, duplex: 'half' } as RequestInit);
}

/**
 * Serves a Fetch handler such as {@link createAuthRelay}'s from Node's `http` server: the request's body is streamed
 * in, the response's streamed out chunk by chunk as it arrives (Server-Sent Events are not buffered), the socket's
 * address is the handler's `peer`, and a client that goes away aborts the upstream request.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createAuthRelay, toNodeListener } from '@authheaders/bearer/proxy';
 * const relay = createAuthRelay({ upstream: 'http://10.1.2.3:3000/mcp', publicUrl: 'https://mcp.example.com/mcp' });
 * createServer(toNodeListener(relay)).listen(8080);
 * ```
 */
export function toNodeListener(
  handler: (request: Request, peer?: RelayPeer) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  if (typeof handler !== 'function') throw new TypeError('handler must be a function');
  return (req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    void (async () => {
      const response = await handler(toRequest(req, controller.signal), { remoteAddress: req.socket.remoteAddress });
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') headers.push([name, value]);
      });
      for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
      res.writeHead(response.status, response.statusText, headers.flat());
      res.flushHeaders();
      if (response.body === null) return void res.end();
      const reader = response.body.getReader();
      controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    })().catch(() => {
      if (!res.headersSent) {
        res.statusCode = 502;
        res.end();
      } else res.destroy();
    });
  };
}
