import { createScanState, fault, readChallenge } from './challenge-scanner';
import { CHAR_CLASSES, COMMA, isTchar, WHITESPACE } from './char-classes';
import { resolveMaxLength } from './parse-options';
import type { Credentials, ParseOptions } from './types';

function isWhitespace(code: number): boolean {
  return code < 128 && (CHAR_CLASSES[code]! & WHITESPACE) !== 0;
}

/**
 * Parses one `Authorization` or `Proxy-Authorization` value.
 *
 * ```abnf
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
  if (typeof field !== 'string') throw new TypeError('The credentials field must be a string.');
  const maxLength = resolveMaxLength(options);
  // Redact everything after the scheme (the first token after leading whitespace) in error messages.
  let schemeEnd = 0;
  while (schemeEnd < field.length && isWhitespace(field.charCodeAt(schemeEnd))) schemeEnd++;
  while (schemeEnd < field.length && isTchar(field.charCodeAt(schemeEnd))) schemeEnd++;
  const state = createScanState(field, options?.lenient === true, schemeEnd, options?.onDiagnostic);
  const empty = (): Credentials => ({ scheme: '', params: Object.create(null) as Record<string, string> });
  if (field.length > maxLength) {
    fault(state, 'too-long', maxLength, `The field is longer than the ${maxLength} characters allowed (options.maxLength).`);
    return empty();
  }
  while (state.position < state.length && isWhitespace(field.charCodeAt(state.position))) state.position++;
  if (state.position === state.length) {
    fault(state, 'empty-credentials', state.position, 'The credentials field is empty (RFC 9110 §11.4).');
    return empty();
  }
  const credentials = readChallenge(state) ?? empty();
  // After a token68 only OWS may follow; after auth-params, empty list elements may (RFC 9110 §5.6.1).
  let rest = credentials.token68 === undefined ? state.position : state.token68End;
  while (rest < state.length) {
    const code = field.charCodeAt(rest);
    if (!isWhitespace(code) && (code !== COMMA || credentials.token68 !== undefined)) {
      fault(state, 'invalid-char', rest, 'Only one credentials value may stand in the field (RFC 9110 §11.4).');
      break;
    }
    rest++;
  }
  return credentials;
}
