import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { classifyAddress } from './address-class';
import { secretRedactor } from './redact-secrets';
import { refuseAddress, refuseUrl, type UrlPolicy } from './url-policy';

/** One request the check made (one hop of a redirect chain), as shown in its trace. Never holds a credential. */
export interface TraceEntry {
  step: string;
  method: 'GET' | 'POST';
  url: string;
  /** The header that carried the `--token`, when one did (its name only). */
  credential?: string;
  status?: number;
  /** `Location` of a redirect. */
  location?: string;
  /** `WWW-Authenticate` of the answer, joined as RFC 9110 §5.3 allows, when there was one. */
  wwwAuthenticate?: string;
  contentType?: string;
  /** What went wrong on the wire (refused, reset, DNS, TLS, timeout, header overflow). */
  error?: string;
  timedOut?: boolean;
  /** The answer's header section was larger than {@link MAX_HEADER_BYTES}. */
  headerOverflow?: boolean;
  /** Why the URL policy did not let this request out (it was not sent). */
  refused?: string;
  ms: number;
}

/** The outcome of one logical request, after redirects. */
export interface FetchResult {
  /** The last hop. */
  entry: TraceEntry;
  /** The body, read up to {@link MAX_BODY_BYTES}; undefined when the request failed or was not sent. */
  body?: string;
  bodyTooLarge?: boolean;
  /**
   * Set when the URL policy stopped the request: `redirect` for a later hop, `address` (private, link-local,
   * metadata, reserved) or `url` (scheme, origin) for the first one.
   */
  refusal?: { kind: 'url' | 'address' | 'redirect'; reason: string; url: string };
  /** The whole check's time budget ran out before or during this request. */
  budgetExhausted?: boolean;
}

/** Resolves a host name to addresses; the check connects to exactly the address it checked. */
export type LookupFunction = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/** The system resolver (`dns.lookup`, all addresses). */
export const systemLookup: LookupFunction = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Bodies larger than this are not read: a metadata document is a few kilobytes. */
export const MAX_BODY_BYTES = 1_048_576;
/** Answers whose header section is larger than this are reported as a header overflow. */
export const MAX_HEADER_BYTES = 16_384;
/** Redirects followed by hand, each hop checked against the URL policy. */
export const MAX_REDIRECTS = 5;

export interface FetcherOptions {
  policy: UrlPolicy;
  /** The budget of the whole check, in milliseconds. */
  budgetMs: number;
  lookup?: LookupFunction;
  onProgress?: (line: string) => void;
  /**
   * Strings (the token) replaced by `[redacted]` in the progress lines, which are printed as they happen, in every
   * form `secretRedactor` knows (percent-encoded, hex, base64). What the trace and the results record stays as
   * received, so that the rules judge what the server sent; the finished report is redacted as a whole
   * (`CheckContext.finish`).
   */
  secrets?: readonly string[];
}

/** What one request carries besides its method and URL. */
export interface FetchInit {
  headers?: Record<string, string>;
  body?: string;
  /** The name of the header that carries a credential (it is dropped on a redirect to another origin). */
  credential?: string;
}

/** The one place the check fetches: URL policy, address policy, redirects by hand, budget, size caps. */
export interface Fetcher {
  fetch(step: string, method: 'GET' | 'POST', url: string, init?: FetchInit): Promise<FetchResult>;
  /** Every hop sent or refused, in order. */
  readonly trace: TraceEntry[];
  remainingMs(): number;
  /** Resolves the target and records its address class in the policy; an error text when it cannot be resolved. */
  resolveTarget(url: URL): Promise<string | undefined>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class BudgetTimeout extends Error {
  override readonly name = 'TimeoutError';
}

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body?: string;
  bodyTooLarge?: boolean;
}

/** The longest delay a Node timer holds (2^31 − 1 ms); a longer one fires at once, with a TimeoutOverflowWarning. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A timer delay for `ms` of budget: at least 1 ms, and never past what a timer holds (the deadline still rules). */
function timerDelay(ms: number): number {
  return Math.min(Math.max(ms, 1), MAX_TIMER_MS);
}

function headerText(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}

function bareHost(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function sendOnce(url: URL, address: string, method: string, init: FetchInit, timeoutMs: number, readBody: boolean): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const https = url.protocol === 'https:';
    const host = bareHost(url);
    const headers: Record<string, string> = { host: url.host, ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const request = (https ? httpsRequest : httpRequest)({
      host: address,
      port: url.port === '' ? (https ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      agent: false,
      maxHeaderSize: MAX_HEADER_BYTES,
      ...(https && isIP(host) === 0 ? { servername: host } : {}),
    });
    // The timer settles the request itself: once a socket has left the request (a protocol switch), destroying the
    // request emits nothing, and the check would wait forever.
    const timer = setTimeout(() => {
      const timeout = new BudgetTimeout('budget exhausted');
      request.destroy(timeout);
      finish(timeout);
    }, timerDelay(timeoutMs));
    const finish = (error: unknown, answer?: RawAnswer) => {
      clearTimeout(timer);
      if (answer !== undefined) resolve(answer);
      else reject(error);
    };
    request.on('error', (error) => finish(error));
    // A 101 answer takes the socket out of HTTP, and nothing here asked for it.
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      finish(new Error(`the server switched protocols (${response.statusCode ?? 101}) without being asked`));
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const contentType = headerText(response.headers['content-type'])?.toLowerCase() ?? '';
      // An event stream (an MCP server's GET) may never end, and a redirect's body is not needed.
      if (!readBody || contentType.startsWith('text/event-stream') || REDIRECTS.has(status)) {
        response.destroy();
        finish(undefined, { status, headers: response.headers });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_BODY_BYTES) {
          response.destroy();
          finish(undefined, { status, headers: response.headers, bodyTooLarge: true });
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => finish(undefined, { status, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => finish(error));
    });
    request.end(init.body);
  });
}

function describeError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== undefined) return `${code}${message ? `: ${message}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetTimeout('budget exhausted')), timerDelay(ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Builds the fetcher of one check. Network failures, refusals and timeouts come back as results, never thrown. */
export function createFetcher(options: FetcherOptions): Fetcher {
  const { policy } = options;
  const lookup = options.lookup ?? systemLookup;
  const deadline = performance.now() + options.budgetMs;
  const remainingMs = () => Math.round(deadline - performance.now());
  const trace: TraceEntry[] = [];
  const redact = secretRedactor(options.secrets ?? []);
  const progress = (line: string) => options.onProgress?.(redact(line));

  const resolve = async (url: URL): Promise<{ address: string; family: number }> => {
    const host = bareHost(url);
    const [first] = await withTimeout(lookup(host), remainingMs());
    if (first === undefined) throw new Error(`no address for ${host}`);
    return first;
  };

  const fetchChecked = async (step: string, method: 'GET' | 'POST', start: string, init: FetchInit = {}): Promise<FetchResult> => {
    let url = new URL(start);
    let currentMethod = method;
    let currentInit = init;
    for (let hop = 0; ; hop++) {
      const entry: TraceEntry = { step, method: currentMethod, url: url.href, ms: 0 };
      if (currentInit.credential !== undefined) entry.credential = currentInit.credential;
      const began = performance.now();
      const refuse = (reason: string, kind: 'url' | 'address'): FetchResult => {
        entry.refused = reason;
        trace.push(entry);
        progress(`✗ ${currentMethod} ${entry.url}: refused, ${reason}`);
        return { entry, refusal: { kind: hop === 0 ? kind : 'redirect', reason, url: entry.url } };
      };
      if (hop > MAX_REDIRECTS) return refuse(`more than ${MAX_REDIRECTS} redirects`, 'url');
      const urlRefusal = refuseUrl(url, policy);
      if (urlRefusal !== undefined) return refuse(urlRefusal, 'url');
      if (remainingMs() <= 0) {
        entry.error = `not sent: the check's ${options.budgetMs} ms budget is spent`;
        entry.timedOut = true;
        trace.push(entry);
        return { entry, budgetExhausted: true };
      }
      progress(`→ ${currentMethod} ${entry.url}`);
      try {
        // An address literal is judged before anything is resolved; a name, on the address it resolves to.
        const literal = classifyAddress(bareHost(url));
        const literalRefusal = literal === undefined ? undefined : refuseAddress(literal, policy);
        if (literalRefusal !== undefined) return refuse(`${bareHost(url)} is ${literalRefusal}`, 'address');
        const { address } = await resolve(url);
        const cls = classifyAddress(address) ?? 'public';
        const addressRefusal = refuseAddress(cls, policy);
        if (addressRefusal !== undefined) return refuse(`${address} is ${addressRefusal}`, 'address');
        const answer = await sendOnce(url, address, currentMethod, currentInit, remainingMs(), true);
        entry.ms = Math.round(performance.now() - began);
        entry.status = answer.status;
        const challenge = headerText(answer.headers['www-authenticate']);
        if (challenge !== undefined) entry.wwwAuthenticate = challenge;
        const contentType = headerText(answer.headers['content-type']);
        if (contentType !== undefined) entry.contentType = contentType;
        const location = headerText(answer.headers.location);
        trace.push(entry);
        progress(`← ${answer.status} ${currentMethod} ${entry.url} (${entry.ms} ms)`);
        if (REDIRECTS.has(answer.status) && location !== undefined) {
          entry.location = location;
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            return { entry, refusal: { kind: 'redirect', reason: 'the Location is not a URL', url: entry.location } };
          }
          // As fetch does: 303, and 301/302 of a POST, become a GET without a body; a credential stays on its origin.
          if (answer.status === 303 || (currentMethod === 'POST' && (answer.status === 301 || answer.status === 302))) {
            currentMethod = 'GET';
            const { body: _dropped, ...rest } = currentInit;
            currentInit = rest;
          }
          if (next.origin !== url.origin && currentInit.credential !== undefined) {
            const headers = { ...currentInit.headers };
            delete headers[currentInit.credential];
            currentInit = { ...(currentInit.body === undefined ? {} : { body: currentInit.body }), headers };
          }
          url = next;
          continue;
        }
        if (answer.bodyTooLarge === true) return { entry, bodyTooLarge: true };
        return { entry, body: answer.body ?? '' };
      } catch (error) {
        entry.ms = Math.round(performance.now() - began);
        if (error instanceof BudgetTimeout) {
          entry.timedOut = true;
          entry.error = `no answer within the check's ${options.budgetMs} ms budget`;
        } else if ((error as { code?: string }).code === 'HPE_HEADER_OVERFLOW') {
          entry.headerOverflow = true;
          entry.error = `the answer's header section is larger than ${MAX_HEADER_BYTES} bytes`;
        } else {
          entry.error = describeError(error);
        }
        trace.push(entry);
        progress(`✗ ${currentMethod} ${entry.url}: ${entry.error}`);
        return entry.timedOut === true ? { entry, budgetExhausted: true } : { entry };
      }
    }
  };

  return {
    fetch: fetchChecked,
    trace,
    remainingMs,
    async resolveTarget(url) {
      try {
        const { address } = await resolve(url);
        policy.targetClass = classifyAddress(address) ?? 'public';
        return undefined;
      } catch (error) {
        return error instanceof BudgetTimeout ? `no address within the check's ${options.budgetMs} ms budget` : describeError(error);
      }
    },
  };
}
