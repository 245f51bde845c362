/** Why a Redis store could not answer. */
export type RedisStoreFailure = 'timeout' | 'unavailable' | 'overloaded' | 'unexpected_reply' | 'local_full';

const MESSAGES: Readonly<Record<RedisStoreFailure, string>> = {
  timeout: 'Redis did not answer within commandTimeoutMs.',
  unavailable: 'Redis refused or failed the command.',
  overloaded: 'Too many Redis commands are pending (maxPendingCommands).',
  unexpected_reply: 'Redis answered with a reply of an unexpected shape.',
  local_full: 'Redis is unavailable and the local fallback store is full (localMaxEntries).',
};

/**
 * What a Redis store throws (or hands to `onError`) when it cannot answer. The DPoP middleware answers such a
 * request 503 with `Retry-After`, never accepting it (the contract of `ReplayCache` and `NonceStore`). The message
 * is fixed per `failure` and never holds a key, a nonce or a value; the client's own error, when there is one, is
 * the non-enumerable `cause`.
 *
 * @example
 * ```ts
 * import { RedisStoreError } from '@authheaders/bearer/redis';
 *
 * const error = new RedisStoreError('timeout', 'replay');
 * error.message; // 'Redis did not answer within commandTimeoutMs.'
 * ```
 */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
  /** Why the store could not answer. */
  readonly failure: RedisStoreFailure;
  /** Which store failed: the replay cache, the nonce store or the metadata cache. */
  readonly store: 'replay' | 'nonce' | 'metadata';

  constructor(failure: RedisStoreFailure, store: RedisStoreError['store'], cause?: unknown) {
    super(MESSAGES[failure], cause === undefined ? undefined : { cause });
    this.failure = failure;
    this.store = store;
  }
}
