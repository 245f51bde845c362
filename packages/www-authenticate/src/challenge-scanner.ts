import { AuthHeaderSyntaxError, describeCode, redactAfter, renderFault } from './auth-header-syntax-error';
import {
  BACKSLASH,
  COMMA,
  COMMA_CLASS,
  DQUOTE,
  EQUALS,
  hasClass,
  QDTEXT,
  QUOTED_PAIR,
  skipClass,
  SP,
  TCHAR,
  TOKEN68,
  WHITESPACE,
} from './char-classes';
import { trimWhitespace } from './field-lines';
import { DEFAULT_MAX_LENGTH } from './parse-options';
import type { AuthHeaderSyntaxErrorCode, Challenge, Credentials, Diagnostic, ParseOptions } from './types';

/*
 * The single-pass scanner behind parseChallenges and parseCredentials.
 *
 * It walks char codes and passes indexes (`s` is the field, `i` a position; helpers return the position after what
 * they read); the only strings it creates are schemes, names and values. Every position is visited a bounded number
 * of times (a look-ahead re-reads at most one token and its whitespace, a lenient repair at most one list element),
 * so the cost is linear in the length of the field whatever it holds.
 *
 * In strict mode the first fault throws AuthHeaderSyntaxError. In lenient mode the same fault is recorded as a
 * Diagnostic with the same code and offset, and the scanner applies the repair written next to it.
 *
 * What is not passed around lives in the registers below. The scan is synchronous and runs no user code
 * (diagnostics are delivered after it ends), so there is only ever one scan at a time.
 */

/** The field being scanned, for error snippets. */
let input = '';
let lenient = false;
/** Set for credentials: how the field is shown in an error snippet, redacted (credentials carry secrets). */
let redact: ((field: string) => string) | undefined;
/** Recorded in lenient mode only. */
let diagnostics: Diagnostic[] = [];
/** Where the last read that returns a value (a string or a challenge) ended. */
let cursor = 0;

/**
 * Starts a scan of `field`. Returns false, after reporting `too-long`, when the field is longer than
 * `options.maxLength`: such a field is not scanned at all.
 */
function begin(field: string, options: ParseOptions | undefined, redactField?: (field: string) => string): boolean {
  const maxLength = options?.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!(maxLength >= 0)) throw new TypeError('options.maxLength must be >= 0');
  input = field;
  lenient = !!options?.lenient;
  redact = redactField;
  diagnostics = [];
  if (field.length <= maxLength) return true;
  fault('too-long', maxLength);
  return false;
}

/** Ends a scan: releases the input and hands the recorded diagnostics to `onDiagnostic`, in order. */
function end(options: ParseOptions | undefined): void {
  input = '';
  for (const diagnostic of diagnostics) options?.onDiagnostic?.(diagnostic);
}

/** Reports a fault: throws in strict mode; in lenient mode records it and returns, so the caller can repair. */
function fault(code: AuthHeaderSyntaxErrorCode, offset: number): void {
  if (!lenient) throw new AuthHeaderSyntaxError(code, offset, renderFault(redact ? redact(input) : input, offset));
  diagnostics.push({ code, offset, message: describeCode(code) });
}

/** Empty list elements, OWS and commas: a recipient ignores them (RFC 9110 §5.6.1). */
const EMPTY_ELEMENTS = WHITESPACE | COMMA_CLASS;

/** True when an auth-param starts at `i`: `token BWS "="` (RFC 9110 §11.2). */
function startsAuthParam(s: string, i: number): boolean {
  const tokenEnd = skipClass(s, i, TCHAR);
  return tokenEnd > i && s.charCodeAt(skipClass(s, tokenEnd, WHITESPACE)) === EQUALS;
}

/** True when only OWS stands between `i` and the next comma or the end. */
function endsElement(s: string, i: number): boolean {
  i = skipClass(s, i, WHITESPACE);
  return i === s.length || s.charCodeAt(i) === COMMA;
}

/**
 * If a token68 (RFC 9110 §11.2) starts at `i` and is all that stands before the next comma or the end, returns the
 * position after it (padding included); otherwise -1.
 *
 * This settles the grammar's one ambiguity: `Scheme abc=` and `Scheme abc==` are token68 (an auth-param needs a
 * value), while `Scheme abc=def` and `Scheme abc = "def"` are auth-params.
 */
function token68End(s: string, i: number): number {
  let stop = skipClass(s, i, TOKEN68);
  if (stop === i) return -1;
  while (s.charCodeAt(stop) === EQUALS) stop++;
  return endsElement(s, stop) ? stop : -1;
}

/**
 * Reports a fault at `offset` and, once lenient mode has recorded it, applies the usual repair: skips the malformed
 * list element that starts at `i`, up to the next comma outside a quoted-string, or the end. Returns where it stopped.
 */
function skipMalformed(code: AuthHeaderSyntaxErrorCode, offset: number, i: number): number {
  fault(code, offset);
  let quoted = false;
  for (; i < input.length; i++) {
    const char = input.charCodeAt(i);
    if (char === COMMA && !quoted) break;
    if (char === DQUOTE) quoted = !quoted;
    else if (char === BACKSLASH && quoted) i++;
  }
  return i;
}

/**
 * Reads a quoted-string whose opening `"` is at `open` and returns its unescaped content.
 *
 * ```text
 * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
 * ```
 * A quoted-pair stands for the character after the backslash, whatever it is (`\n` is `n`): HTTP has no other
 * escapes (RFC 9110 §5.6.4). Unescaping is one regex replace over the content: a backslash and the one character
 * after it, so the pass is linear and cannot backtrack.
 *
 * Lenient repairs: a control character is kept; an unterminated string ends at the end of the field (a lone
 * backslash at its very end is dropped).
 */
function readQuotedString(s: string, open: number): string {
  let i = open;
  let escaped = false;
  for (;;) {
    i = skipClass(s, i + 1, QDTEXT);
    const code = s.charCodeAt(i);
    if (i === s.length || code === DQUOTE) break;
    if (code === BACKSLASH) {
      escaped = true;
      if (++i === s.length) break;
    }
    // Not qdtext, or a backslash before something a quoted-pair cannot carry.
    if (code !== BACKSLASH || !hasClass(s.charCodeAt(i), QUOTED_PAIR)) fault('invalid-char', i);
  }
  const content = s.slice(open + 1, i);
  if (i < s.length) i++;
  else fault('unterminated-quoted-string', open);
  cursor = i;
  return escaped ? content.replace(/\\([^]?)/g, '$1') : content;
}

/**
 * Reads an auth-param value at `start` (after `BWS "=" BWS`): `token / quoted-string` (RFC 9110 §11.2).
 *
 * Lenient repairs, as browsers do: an unquoted value runs to the next comma (`realm=My Realm` reads `My Realm`,
 * `uri=/a/b` reads `/a/b`) unless that stretch holds `=` or `"` (then it is more than one value); an empty value
 * reads as `""`.
 */
function readParamValue(s: string, start: number): string {
  if (s.charCodeAt(start) === DQUOTE) return readQuotedString(s, start);
  const tokenEnd = skipClass(s, start, TCHAR);
  cursor = tokenEnd;
  if (tokenEnd > start) {
    // A missing comma before another param (`a=b c=d`) is reported by the caller, which finds no comma.
    const next = skipClass(s, tokenEnd, WHITESPACE);
    if (!lenient || endsElement(s, next) || startsAuthParam(s, next)) return s.slice(start, tokenEnd);
  } else {
    fault('expected-value', start);
  }
  const stretch = s.slice(start).split(',', 1)[0]!;
  if (/[="]/.test(stretch)) return s.slice(start, tokenEnd);
  if (tokenEnd > start) fault('expected-comma', tokenEnd);
  cursor = start + stretch.length;
  return trimWhitespace(stretch);
}

/**
 * Reads the `#auth-param` list of one challenge, starting at a name. Returns the end of the field or the start of
 * the next challenge (its separating comma consumed).
 */
function readParams(s: string, i: number, params: Record<string, string>): number {
  for (;;) {
    const nameEnd = skipClass(s, i, TCHAR);
    const equals = skipClass(s, nameEnd, WHITESPACE);
    // Lenient: a malformed element is dropped, the rest of the challenge kept.
    if (nameEnd === i) {
      i = skipMalformed('expected-param-name', i, i);
    } else if (s.charCodeAt(equals) !== EQUALS) {
      i = skipMalformed('expected-equals', equals, i);
    } else {
      const value = readParamValue(s, skipClass(s, equals + 1, WHITESPACE));
      const name = s.slice(i, nameEnd).toLowerCase();
      if (name in params) fault('duplicate-param', i); // lenient: the first one wins
      else params[name] = value;
      i = cursor;
    }
    i = skipClass(s, i, WHITESPACE);
    if (i === s.length) return i;
    if (s.charCodeAt(i) === COMMA) i = skipClass(s, i, EMPTY_ELEMENTS);
    else fault('expected-comma', i); // lenient: a missing comma
    // A param goes on with this challenge (`token BWS "="`, RFC 9110 §11.2); anything else starts the next one.
    if (!startsAuthParam(s, i)) return i;
  }
}

/**
 * Reads one challenge (or credentials) at `schemeStart`:
 * ```text
 * challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * ```
 * (RFC 9110 §11.3). Sets `cursor` after it (and after the comma that ends it). Returns undefined when, in lenient
 * mode, the element held no challenge and was skipped.
 */
function readChallenge(s: string, schemeStart: number): Challenge | undefined {
  const schemeEnd = skipClass(s, schemeStart, TCHAR);
  let spacesEnd = schemeEnd;
  while (s.charCodeAt(spacesEnd) === SP) spacesEnd++;
  const start = skipClass(s, spacesEnd, WHITESPACE);
  const next = s.charCodeAt(start);
  // A null-prototype object: no name, `__proto__` included, can reach an inherited property or setter.
  const params = Object.create(null) as Record<string, string>;
  const challenge: Challenge = { scheme: s.slice(schemeStart, schemeEnd), params };
  cursor = start;
  if (schemeEnd === schemeStart || next === EQUALS) {
    // No scheme, or `name=value` where a challenge should start: an auth-param that belongs to no auth-scheme.
    cursor = skipMalformed('expected-scheme', schemeStart, schemeStart);
    return undefined;
  }
  if (next === COMMA) {
    cursor++;
    // With SP after the scheme, the #auth-param list may open with empty elements: `Basic , realm=x`.
    const paramsStart = skipClass(s, cursor, EMPTY_ELEMENTS);
    if (spacesEnd > schemeEnd && startsAuthParam(s, paramsStart)) cursor = readParams(s, paramsStart, params);
  } else if (start < s.length) {
    if (start === schemeEnd) {
      // A scheme glued to something that is not a token character: lenient skips the whole element.
      cursor = skipMalformed('invalid-char', schemeEnd, schemeStart);
      return undefined;
    }
    // 1*SP is required, HTAB is not SP; lenient accepts any OWS.
    if (start !== spacesEnd || spacesEnd === schemeEnd) fault('expected-space', schemeEnd);
    const stop = token68End(s, start);
    if (stop < 0) {
      cursor = readParams(s, start, params);
    } else {
      challenge.token68 = s.slice(start, stop);
      // After a token68 only the list may go on (token68End saw to it); a `name=value` there would be a param of
      // this challenge.
      for (cursor = skipClass(s, stop, EMPTY_ELEMENTS); startsAuthParam(s, cursor); cursor = skipClass(s, cursor, EMPTY_ELEMENTS)) {
        cursor = skipMalformed('token68-with-params', cursor, cursor); // lenient: drop the stray param
      }
    }
  }
  return challenge;
}

/** Scans a challenge list (RFC 9110 §5.6.1 `#challenge`). */
export function scanChallenges(field: string, options: ParseOptions | undefined): Challenge[] {
  const challenges: Challenge[] = [];
  if (begin(field, options)) {
    for (let i = skipClass(field, 0, EMPTY_ELEMENTS); i < field.length; i = skipClass(field, cursor, EMPTY_ELEMENTS)) {
      const challenge = readChallenge(field, i);
      if (challenge) challenges.push(challenge);
    }
  }
  end(options);
  return challenges;
}

/** Shows credentials in an error snippet with everything after the scheme redacted. */
function redactCredentials(field: string): string {
  return redactAfter(field, skipClass(field, skipClass(field, 0, WHITESPACE), TCHAR));
}

/**
 * Scans one credentials value (RFC 9110 §11.4): a single challenge-shaped value with no list around it. Error
 * messages redact everything after the scheme.
 */
export function scanCredentials(field: string, options: ParseOptions | undefined): Credentials {
  const start = skipClass(field, 0, WHITESPACE);
  let credentials: Credentials | undefined;
  if (begin(field, options, redactCredentials)) {
    if (start === field.length) {
      fault('empty-credentials', start);
    } else {
      credentials = readChallenge(field, start);
      // After a token68 only OWS may follow; after auth-params, empty list elements may (RFC 9110 §5.6.1).
      const token68 = credentials?.token68;
      const rest =
        token68 === undefined
          ? skipClass(field, cursor, EMPTY_ELEMENTS)
          : skipClass(field, skipClass(field, skipClass(field, start, TCHAR), WHITESPACE) + token68.length, WHITESPACE);
      if (rest < field.length) fault('invalid-char', rest);
    }
  }
  end(options);
  return credentials ?? { scheme: '', params: Object.create(null) as Record<string, string> };
}
