import type { Challenge } from './types';

/**
 * Returns the first challenge whose auth-scheme matches `scheme`, compared case-insensitively (RFC 9110 §11.1), or
 * undefined. The challenge may stand anywhere in the list.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.1 RFC 9110 §11.1
 * @example
 * ```ts
 * findChallenge(parseChallenges('Basic realm="x", Bearer realm="y"'), 'bearer')?.params.realm; // 'y'
 * ```
 */
export function findChallenge(challenges: readonly Challenge[], scheme: string): Challenge | undefined {
  const wanted = scheme.toLowerCase();
  for (const challenge of challenges) {
    if (challenge.scheme.length === wanted.length && challenge.scheme.toLowerCase() === wanted) return challenge;
  }
  return undefined;
}
