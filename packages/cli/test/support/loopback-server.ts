import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  origin: string;
  close(): Promise<void>;
}

/** An HTTP server on an ephemeral port of 127.0.0.1, with `origin` known before the first request. */
export async function startLoopbackServer(
  handler: (req: IncomingMessage, res: ServerResponse, origin: string) => void | Promise<void>,
): Promise<LoopbackServer> {
  let origin = '';
  const server = createServer((req, res) => void handler(req, res, origin));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** RFC 8414 metadata for an authorization server at `origin`; `overrides` replace members (undefined removes). */
export function authorizationServerMetadata(origin: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const document: Record<string, unknown> = {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    registration_endpoint: `${origin}/register`,
    jwks_uri: `${origin}/jwks`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    ...overrides,
  };
  for (const [key, value] of Object.entries(document)) if (value === undefined) delete document[key];
  return document;
}
