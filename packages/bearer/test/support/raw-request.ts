// One request over a real socket with node:http, header values sent byte for byte (latin1), as a raw client would:
// the status, the headers and the body as text.
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; agent?: Agent | false } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: options.agent ?? false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
