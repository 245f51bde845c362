import { scanChallenges } from './challenge-scanner';
import type { Challenge, ParseOptions } from './types';

/**
 * Parses a `WWW-Authenticate` or `Proxy-Authenticate` field: a list of challenges.
 *
 * ```text
 * WWW-Authenticate = #challenge
 * challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * auth-param       = token BWS "=" BWS ( token / quoted-string )
 * ```
 *
 * - `null`, `undefined`, `""`, `","` and `", ,"` give `[]`: empty list elements are ignored (RFC 9110 §5.6.1).
 * - An array is the field's lines, combined as one list (RFC 9110 §5.3, see {@link joinFieldLines}).
 * - Scheme and parameter names are case-insensitive (RFC 9110 §11.1, §11.2): names are lower-cased in `params`;
 *   the scheme is kept as written (compare it with {@link findChallenge}).
 * - Strict (default): the first fault throws {@link AuthHeaderSyntaxError} with a stable `code` and `offset`,
 *   including a parameter named twice in one challenge (RFC 9110 §11.2) and a field longer than `maxLength`.
 * - Lenient: never throws for a string; each repair is reported to `onDiagnostic`. See the package README for the
 *   list of repairs.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1 RFC 9110 §11.6.1
 * @example
 * ```ts
 * const [basic, newauth] = parseChallenges('Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""');
 * basic.params.realm;   // 'simple'
 * newauth.params.title; // 'Login to "apps"'
 * ```
 */
export function parseChallenges(
  field: string | readonly string[] | null | undefined,
  options?: ParseOptions,
): Challenge[] {
  return scanChallenges(field ?? '', options);
}
