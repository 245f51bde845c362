/** One request the check made, as shown in its trace. Never holds a credential: the check sends none. */
export interface TraceEntry {
  step: string;
  method: 'GET' | 'POST';
  url: string;
  status?: number;
  /** `WWW-Authenticate` of the answer, joined as RFC 9110 §5.3 allows, when there was one. */
  wwwAuthenticate?: string;
  contentType?: string;
  /** What went wrong on the wire (refused, reset, DNS, TLS, timeout). */
  error?: string;
  timedOut?: boolean;
  ms: number;
}

export interface ProbeResult {
  entry: TraceEntry;
  /** The body, read up to {@link MAX_BODY_BYTES}; undefined when the request failed. */
  body?: string;
  bodyTooLarge?: boolean;
}

/** Bodies larger than this are not read: a metadata document is a few kilobytes. */
export const MAX_BODY_BYTES = 1_048_576;

export interface ProbeOptions {
  timeoutMs: number;
  fetch: typeof fetch;
  onProgress?: (line: string) => void;
}

async function readLimited(response: Response): Promise<{ body: string; tooLarge: boolean }> {
  if (response.body === null) return { body: '', tooLarge: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return { body: '', tooLarge: true };
    }
    chunks.push(value);
  }
  return { body: new TextDecoder().decode(Buffer.concat(chunks)), tooLarge: false };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends one request without credentials and records it. Network failures and timeouts come back as trace entries
 * with `error`, never as exceptions.
 */
export async function probe(
  step: string,
  method: 'GET' | 'POST',
  url: string,
  init: { headers?: Record<string, string>; body?: string },
  options: ProbeOptions,
): Promise<ProbeResult> {
  const started = performance.now();
  options.onProgress?.(`→ ${method} ${url}`);
  const entry: TraceEntry = { step, method, url, ms: 0 };
  try {
    const response = await options.fetch(url, {
      method,
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body }),
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    entry.status = response.status;
    const challenge = response.headers.get('www-authenticate');
    if (challenge !== null) entry.wwwAuthenticate = challenge;
    const contentType = response.headers.get('content-type');
    if (contentType !== null) entry.contentType = contentType;
    // An event stream (an MCP server's GET) may never end: note it and do not read it.
    const isStream = contentType?.toLowerCase().startsWith('text/event-stream') === true;
    if (isStream) await response.body?.cancel();
    const { body, tooLarge } = isStream ? { body: '', tooLarge: false } : await readLimited(response);
    entry.ms = Math.round(performance.now() - started);
    options.onProgress?.(`← ${response.status} ${method} ${url} (${entry.ms} ms)`);
    return tooLarge ? { entry, bodyTooLarge: true } : { entry, body };
  } catch (error) {
    entry.ms = Math.round(performance.now() - started);
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      entry.timedOut = true;
      entry.error = `no answer within ${options.timeoutMs} ms`;
    } else {
      entry.error = describeNetworkError(error);
    }
    options.onProgress?.(`✗ ${method} ${url}: ${entry.error}`);
    return { entry };
  }
}
