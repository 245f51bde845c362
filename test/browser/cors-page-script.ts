// Runs in the browser, on a page of another origin than the API: calls a protected endpoint cross-origin and
// publishes what a browser-based client can read of its 401.
import { readBearerChallenge } from '@authheaders/bearer';

export interface CrossOriginProbe {
  status: number;
  header: string | null;
  scope: string[] | null;
  resourceMetadata: string | null;
}

async function probe(url: string): Promise<CrossOriginProbe> {
  // A JSON body makes the request non-simple: the browser sends a preflight first.
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'read_file', arguments: {} } }),
  });
  const challenge = readBearerChallenge(response);
  return { status: response.status, header: response.headers.get('www-authenticate'), scope: challenge?.scope ?? null, resourceMetadata: challenge?.resourceMetadata?.href ?? null };
}

if (typeof document !== 'undefined') {
  const api = new URL(location.href).searchParams.get('api')!;
  Promise.all([probe(`${api}/mcp`), probe(`${api}/hidden`)]).then(
    ([exposed, hidden]) => {
      (globalThis as { __results?: unknown }).__results = { exposed, hidden };
    },
    (error: unknown) => {
      (globalThis as { __results?: unknown }).__results = { error: String(error) };
    },
  );
}
