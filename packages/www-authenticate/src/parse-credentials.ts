import { scanCredentials } from './challenge-scanner';
import type { Credentials, ParseOptions } from './types';

/**
 * Parses one `Authorization` or `Proxy-Authorization` value.
 *
 * ```text
 * Authorization = credentials
 * credentials   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * ```
 *
 * The grammar is that of a single challenge, without the list around it: a second credentials value in the same
 * field is an error. Error messages redact the field: every character that could be part of a secret is shown as
 * `*`, so a token never reaches a log through an error.
 *
 * Strict (default) throws {@link AuthHeaderSyntaxError}; an empty field is `empty-credentials`. Lenient never throws
 * for a string and returns `{ scheme: '', params: {} }` for an empty field, after reporting it.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.4 RFC 9110 §11.4
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2 RFC 9110 §11.6.2
 * @example
 * ```ts
 * parseCredentials('Basic dXNlcjpwYXNz').token68; // 'dXNlcjpwYXNz'
 * parseCredentials('Digest username="Mufasa", realm="http-auth@example.org"').params.username; // 'Mufasa'
 * ```
 */
export function parseCredentials(field: string, options?: ParseOptions): Credentials {
  if (typeof field !== 'string') throw new TypeError('field must be a string');
  return scanCredentials(field, options);
}
