import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { readBoundedBytes } from '../read-bounded-body';

/** A JWK Set is a few kilobytes; an answer larger than this is not read into memory (RFC 7517 §5). */
export const MAX_JWKS_BYTES = 1_048_576;

/** Timings of {@link remoteKeySet}, in milliseconds; the defaults are jose's. */
export interface RemoteKeySetTimings {
  /** Time after the end of any fetch (good, failed, oversized or timed out) before the next may start. Default 30 s. */
  cooldownMs?: number;
  /** Longest a fetch may take, body included. Default 5 s. */
  timeoutMs?: number;
  /** Age after which a good key set is fetched again, on the next token (cooldown permitting). Default 10 min. */
  maxAgeMs?: number;
}

/**
 * Fetches `url` and reads a 200 answer of at most {@link MAX_JWKS_BYTES} as a JWK Set. No redirect is followed
 * (a 3xx is a failure, like any other status), and the timeout covers the body: a server that trickles bytes fails
 * like one that never answers.
 */
async function fetchKeySet(url: URL, timeoutMs: number): Promise<JSONWebKeySet> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual', headers: { accept: 'application/json' } });
  if (response.status !== 200 || response.body === null) {
    await response.body?.cancel();
    throw new Error(`the jwks_uri answered ${response.status}`);
  }
  const bytes = await readBoundedBytes(response.body, MAX_JWKS_BYTES);
  if (bytes === undefined) throw new RangeError(`the JWK Set is larger than ${MAX_JWKS_BYTES} bytes`);
  return JSON.parse(new TextDecoder().decode(bytes)) as JSONWebKeySet;
}

/**
 * The key resolver of a `jwks_uri`. jose's `createRemoteJWKSet` counts its cooldown from the last good fetch, so a
 * failing, hanging or oversized `jwks_uri` was fetched again for every token naming an unknown `kid` (10,104
 * fetches in 3 s from one client). Here:
 *
 * - every fetch, whatever its outcome, starts a cooldown (30 s) counted from its end: no token, whatever its `kid`,
 *   costs a fetch within it, so a `jwks_uri` sees at most one fetch per cooldown plus the time of one fetch;
 * - concurrent tokens share the fetch in flight (single flight);
 * - a failed fetch keeps the last good key set; with none, the token fails as `keys_unavailable`;
 * - a key set older than 10 min is fetched again on the next token, within the same cooldown.
 *
 * Time is read from `Date.now()`, as jose does.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2 RFC 8414 §2 (jwks_uri)
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-5 RFC 7517 §5 (JWK Set)
 */
export function remoteKeySet(url: URL, timings: RemoteKeySetTimings = {}): JWTVerifyGetKey {
  const { cooldownMs = 30_000, timeoutMs = 5_000, maxAgeMs = 600_000 } = timings;
  let keys: JWTVerifyGetKey | undefined;
  let fetchedAt = -Infinity;
  let lastAttemptEnd = -Infinity;
  let inFlight: Promise<void> | undefined;

  /** Joins the fetch in flight, or starts one when the cooldown allows; undefined when neither. */
  const refresh = (): Promise<void> | undefined => {
    if (inFlight === undefined && Date.now() - lastAttemptEnd < cooldownMs) return undefined;
    inFlight ??= fetchKeySet(url, timeoutMs)
      .then((jwks) => {
        keys = createLocalJWKSet(jwks); // throws for what is not a JWK Set: a failure like any other
        fetchedAt = Date.now();
      })
      // A failure keeps the last good key set; the token says keys_unavailable or unknown_key.
      .catch(() => {})
      .finally(() => {
        lastAttemptEnd = Date.now();
        inFlight = undefined;
      });
    return inFlight;
  };

  return async (protectedHeader, token) => {
    if (keys === undefined || Date.now() - fetchedAt >= maxAgeMs) await refresh();
    // Read after the await: another request's fetch may have set it.
    const current = keys as JWTVerifyGetKey | undefined;
    if (current === undefined) throw new Error('the JWK Set is unavailable');
    try {
      return await current(protectedHeader, token);
    } catch (error) {
      if ((error as { code?: unknown })?.code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
      const fetching = refresh();
      if (fetching === undefined) throw error;
      await fetching;
      return (keys ?? current)(protectedHeader, token);
    }
  };
}
