import type { MetadataCache, ProtectedResourceMetadata } from '@authheaders/bearer';
import { cacheLifetimeMs } from './cache-lifetime';
import { readBoundedText } from './read-bounded-text';
import { relayProtectedResourceMetadata } from './relay-protected-resource-metadata';

/** Why the upstream's metadata could not be had: 502 (a bad answer) or 504 (no answer in time). No content. */
export class UpstreamMetadataError extends Error {
  override readonly name = 'UpstreamMetadataError';
  readonly status: 502 | 504;
  constructor(status: 502 | 504) {
    super(status === 504 ? 'upstream metadata: no answer in time' : 'upstream metadata: unusable answer');
    this.status = status;
  }
}

export interface UpstreamMetadataOptions {
  /** The upstream document's URL, fixed by configuration (never read from an upstream header). */
  url: string;
  /** The `resource` values the upstream document may name. */
  expectedResources: readonly string[];
  cache: MetadataCache;
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  /** Lifetime when the upstream sends no `Cache-Control`; and the longest kept whatever it sends. */
  defaultTtlMs: number;
  maxTtlMs: number;
  /** How long a failed fetch is remembered: requests in that time are answered without asking the upstream again. */
  failureBackoffMs: number;
  now: () => number;
}

/**
 * The upstream's protected resource metadata, relayed for one public resource URL: from the cache when it holds a
 * valid document (a throwing cache, or a document that no longer validates, is a miss), else fetched once for all
 * the requests that miss together (one fetch in flight per relay; a cache that does not answer within the timeout is a
 * miss too), validated, then cached for the upstream's
 * `Cache-Control` lifetime. A failed fetch is remembered for `failureBackoffMs`: meanwhile every request gets the
 * same error at once, so a broken upstream is asked once per backoff, not once per request.
 */
export function upstreamMetadata(options: UpstreamMetadataOptions): (publicResource: string) => Promise<ProtectedResourceMetadata> {
  let inFlight: Promise<string> | undefined;
  let failure: { until: number; status: 502 | 504 } | undefined;
  const relay = (text: string, publicUrl: string) => relayProtectedResourceMetadata(text, { publicUrl, expectedResources: options.expectedResources, maxLength: options.maxBytes });

  /** The cached text; a cache that throws, answers something else than a string, or not within `timeoutMs`: a miss. */
  async function cached(): Promise<string | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const text = await Promise.race([
        options.cache.get(options.url),
        new Promise<undefined>((resolve) => (timer = setTimeout(resolve, options.timeoutMs, undefined))),
      ]);
      return typeof text === 'string' ? text : undefined;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async function fetchText(): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await options.fetch(options.url, { redirect: 'manual', headers: { accept: 'application/json' }, signal: controller.signal });
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => {});
        throw new UpstreamMetadataError(502);
      }
      const text = await readBoundedText(response, options.maxBytes);
      relay(text, options.expectedResources[0]!); // validated before it is cached
      const ttl = Math.min(cacheLifetimeMs(response.headers.get('cache-control'), options.defaultTtlMs), options.maxTtlMs);
      if (ttl > 0) {
        // The cache is an optimisation, never a gate: not awaited (a store that hangs holds nothing up), a throw ignored.
        try {
          void Promise.resolve(options.cache.set(options.url, text, ttl)).catch(() => {});
        } catch {
          // A synchronous throw, likewise.
        }
      }
      return text;
    } catch (error) {
      throw error instanceof UpstreamMetadataError ? error : new UpstreamMetadataError(controller.signal.aborted ? 504 : 502);
    } finally {
      clearTimeout(timer);
    }
  }

  return async (publicResource) => {
    const hit = await cached();
    if (hit !== undefined) {
      try {
        return relay(hit, publicResource);
      } catch {
        // A cached document that no longer validates (a shared store written by someone else): a miss.
      }
    }
    if (failure !== undefined && failure.until > options.now()) throw new UpstreamMetadataError(failure.status);
    inFlight ??= fetchText().then(
      (text) => {
        inFlight = undefined;
        failure = undefined;
        return text;
      },
      (error: UpstreamMetadataError) => {
        inFlight = undefined;
        failure = { until: options.now() + options.failureBackoffMs, status: error.status };
        throw error;
      },
    );
    return relay(await inFlight, publicResource);
  };
}
