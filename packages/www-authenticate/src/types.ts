/**
 * One challenge of a `WWW-Authenticate` / `Proxy-Authenticate` field, or one credentials value of an
 * `Authorization` / `Proxy-Authorization` field.
 *
 * ```text
 * challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.3 RFC 9110 §11.3 (challenge)
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.4 RFC 9110 §11.4 (credentials)
 */
export interface Challenge {
  /** The auth-scheme as written in the header. Compare it case-insensitively (RFC 9110 §11.1). */
  scheme: string;
  /** Present only for the token68 form, exactly as written (`=` padding kept). */
  token68?: string;
  /**
   * The auth-params. A null-prototype object: names are lower-cased (RFC 9110 §11.2 makes them
   * case-insensitive), values are unquoted and unescaped. `{}` when there are none.
   */
  params: Record<string, string>;
}

/** `Authorization` / `Proxy-Authorization` values share the challenge grammar (RFC 9110 §11.4). */
export type Credentials = Challenge;

/** A repair the lenient parser made, or a problem the strict parser reports before it throws. */
export interface Diagnostic {
  /** Stable machine-readable code, the same set as {@link AuthHeaderSyntaxErrorCode}. */
  code: AuthHeaderSyntaxErrorCode;
  /** Offset (UTF-16 code units) into the parsed field where the problem starts. */
  offset: number;
  /** The code in words (`expected comma`), for people. Never contains header content. */
  message: string;
}

/** Stable codes of {@link AuthHeaderSyntaxError} and {@link Diagnostic}. */
export type AuthHeaderSyntaxErrorCode =
  | 'too-long'
  | 'expected-scheme'
  | 'expected-space'
  | 'expected-comma'
  | 'expected-param-name'
  | 'expected-equals'
  | 'expected-value'
  | 'invalid-char'
  | 'unterminated-quoted-string'
  | 'duplicate-param'
  | 'token68-with-params'
  | 'empty-credentials';

export interface ParseOptions {
  /**
   * Recover from the malformed headers real servers send instead of throwing, reporting each repair to
   * {@link ParseOptions.onDiagnostic}. Lenient parsing never throws for any string. Default `false`.
   */
  lenient?: boolean;
  /**
   * Longest field (all lines joined) accepted, in UTF-16 code units. Default 65536. A negative value or one that is not
   * a number reads as 0: a bad option never lifts the limit.
   */
  maxLength?: number;
  /** Called for every repair the lenient parser makes (and never in strict mode, which throws instead). */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
}

export interface SerializeOptions {
  /**
   * `'minimal'` (default) quotes a value only when it is not a token, except `realm`, which RFC 9110 §11.5 requires
   * as a quoted-string; `'always'` quotes every value.
   */
  quote?: 'minimal' | 'always';
  /** Refuse non-ASCII characters (obs-text) in values. Default `false`. */
  asciiOnly?: boolean;
}
