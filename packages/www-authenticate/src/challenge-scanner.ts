import { AuthHeaderSyntaxError, describeCode, renderFault } from './auth-header-syntax-error';
import {
  BACKSLASH,
  CHAR_CLASSES,
  COMMA,
  DQUOTE,
  EQUALS,
  isWhitespace,
  QDTEXT,
  QUOTED_PAIR,
  SP,
  TCHAR,
  TOKEN68,
} from './char-classes';
import type { AuthHeaderSyntaxErrorCode, Challenge, Credentials, Diagnostic } from './types';

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
/** Offsets from here on are shown redacted in error messages (credentials carry secrets after their scheme). */
let redactFrom = Infinity;
/** Recorded in lenient mode only; allocated on the first repair. */
let diagnostics: Diagnostic[] | undefined;
/** Where the last read that returns a value (a string or a challenge) ended. */
let cursor = 0;
/** Where the last token68 read ended (padding included). */
let lastToken68End = -1;

function begin(field: string, isLenient: boolean): void {
  input = field;
  lenient = isLenient;
  redactFrom = Infinity;
  diagnostics = undefined;
}

/** Ends a scan: releases the input and hands the recorded diagnostics to `onDiagnostic`, in order. */
function end(onDiagnostic: ((diagnostic: Diagnostic) => void) | undefined): void {
  const recorded = diagnostics;
  input = '';
  diagnostics = undefined;
  if (recorded !== undefined && onDiagnostic !== undefined) for (const diagnostic of recorded) onDiagnostic(diagnostic);
}

/** Reports a fault: throws in strict mode; in lenient mode records it and returns, so the caller can repair. */
function fault(code: AuthHeaderSyntaxErrorCode, offset: number): void {
  if (!lenient) throw new AuthHeaderSyntaxError(code, offset, renderFault(input, offset, redactFrom));
  (diagnostics ??= []).push({ code, offset, message: describeCode(code) });
}

/** OWS = *( SP / HTAB ) (RFC 9110 §5.6.3). */
function skipWhitespace(s: string, i: number): number {
  while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
  return i;
}

/** The longest run of tchar (RFC 9110 §5.6.2). */
function skipToken(s: string, i: number): number {
  while (i < s.length) {
    const code = s.charCodeAt(i);
    if (code >= 128 || (CHAR_CLASSES[code]! & TCHAR) === 0) break;
    i++;
  }
  return i;
}

/** Empty list elements, OWS and commas: a recipient ignores them (RFC 9110 §5.6.1). */
function skipEmptyElements(s: string, i: number): number {
  while (i < s.length) {
    const code = s.charCodeAt(i);
    if (code !== COMMA && !isWhitespace(code)) break;
    i++;
  }
  return i;
}

/** True when an auth-param starts at `i`: `token BWS "="` (RFC 9110 §11.2). */
function startsAuthParam(s: string, i: number): boolean {
  const tokenEnd = skipToken(s, i);
  if (tokenEnd === i) return false;
  return s.charCodeAt(skipWhitespace(s, tokenEnd)) === EQUALS;
}

/**
 * If a token68 (RFC 9110 §11.2) starts at `i` and is all that stands before the next comma or the end, returns the
 * position after it (padding included); otherwise -1.
 *
 * This settles the grammar's one ambiguity: `Scheme abc=` and `Scheme abc==` are token68 (an auth-param needs a
 * value), while `Scheme abc=def` and `Scheme abc = "def"` are auth-params.
 */
function token68End(s: string, i: number): number {
  let stop = i;
  while (stop < s.length) {
    const code = s.charCodeAt(stop);
    if (code >= 128 || (CHAR_CLASSES[code]! & TOKEN68) === 0) break;
    stop++;
  }
  if (stop === i) return -1;
  while (s.charCodeAt(stop) === EQUALS) stop++;
  return endsElement(s, stop) ? stop : -1;
}

/** True when only OWS stands between `i` and the next comma or the end. */
function endsElement(s: string, i: number): boolean {
  i = skipWhitespace(s, i);
  return i === s.length || s.charCodeAt(i) === COMMA;
}

/** Lenient repair: skips one malformed list element, up to the next comma outside a quoted-string, or the end. */
function skipElement(s: string, i: number): number {
  let quoted = false;
  for (; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (quoted) {
      if (code === BACKSLASH) i++;
      else if (code === DQUOTE) quoted = false;
    } else if (code === DQUOTE) {
      quoted = true;
    } else if (code === COMMA) {
      return i;
    }
  }
  return s.length;
}

/**
 * Reads a quoted-string whose opening `"` is at `open` and returns its unescaped content.
 *
 * ```text
 * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
 * ```
 * A quoted-pair stands for the character after the backslash, whatever it is (`\n` is `n`): HTTP has no other
 * escapes (RFC 9110 §5.6.4).
 *
 * Lenient repairs: a control character is kept; an unterminated string ends at the end of the field.
 */
function readQuotedString(s: string, open: number): string {
  let escaped = false;
  for (let i = open + 1; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === DQUOTE) {
      cursor = i + 1;
      return unescape(s.slice(open + 1, i), escaped);
    }
    if (code === BACKSLASH) {
      if (i + 1 === s.length) break;
      const next = s.charCodeAt(i + 1);
      if (next < 128 && (CHAR_CLASSES[next]! & QUOTED_PAIR) === 0) fault('invalid-char', i + 1);
      escaped = true;
      i++;
    } else if (code < 128 && (CHAR_CLASSES[code]! & QDTEXT) === 0) {
      fault('invalid-char', i);
    }
  }
  fault('unterminated-quoted-string', open);
  cursor = s.length;
  return unescape(s.slice(open + 1), escaped);
}

/**
 * Replaces each quoted-pair by the character it stands for, in one pass: the segments between backslashes are
 * collected and joined once. A trailing lone backslash, possible only in a lenient unterminated string, is dropped.
 */
function unescape(content: string, escaped: boolean): string {
  if (!escaped) return content;
  const segments: string[] = [];
  let start = 0;
  for (let i = content.indexOf('\\'); i !== -1; i = content.indexOf('\\', i + 2)) {
    segments.push(content.slice(start, i));
    start = i + 1;
  }
  segments.push(content.slice(start));
  return segments.join('');
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
  const tokenEnd = skipToken(s, start);
  cursor = tokenEnd;
  if (tokenEnd > start) {
    const next = skipWhitespace(s, tokenEnd);
    // A missing comma before another param (`a=b c=d`) is reported by the caller, which finds no comma.
    if (!lenient || next === s.length || s.charCodeAt(next) === COMMA || startsAuthParam(s, next)) {
      return s.slice(start, tokenEnd);
    }
  } else {
    fault('expected-value', start);
  }
  let stop = start;
  let clean = true;
  for (; stop < s.length; stop++) {
    const code = s.charCodeAt(stop);
    if (code === COMMA) break;
    if (code === EQUALS || code === DQUOTE) clean = false;
  }
  if (!clean) return s.slice(start, tokenEnd);
  if (tokenEnd > start) fault('expected-comma', tokenEnd);
  let valueEnd = stop;
  while (valueEnd > start && isWhitespace(s.charCodeAt(valueEnd - 1))) valueEnd--;
  cursor = stop;
  return s.slice(start, valueEnd);
}

/**
 * Reads the `#auth-param` list of one challenge, starting at a name. Returns the end of the field or the start of
 * the next challenge (its separating comma consumed).
 */
function readParams(s: string, i: number, params: Record<string, string>): number {
  let nameEnd = skipToken(s, i);
  let equals = skipWhitespace(s, nameEnd);
  for (;;) {
    const nameStart = i;
    if (nameEnd === nameStart) {
      fault('expected-param-name', nameStart);
      i = skipElement(s, i); // lenient: drop this element, keep the rest of the challenge
    } else if (s.charCodeAt(equals) !== EQUALS) {
      fault('expected-equals', equals);
      i = skipElement(s, i);
    } else {
      const value = readParamValue(s, skipWhitespace(s, equals + 1));
      i = cursor;
      const name = s.slice(nameStart, nameEnd).toLowerCase();
      if (params[name] === undefined) params[name] = value;
      else fault('duplicate-param', nameStart); // lenient: the first one wins
    }
    i = skipWhitespace(s, i);
    if (i === s.length) return i;
    if (s.charCodeAt(i) === COMMA) {
      i = skipEmptyElements(s, i);
    } else {
      fault('expected-comma', i); // lenient: a missing comma
    }
    // A param goes on with this challenge (`token BWS "="`, RFC 9110 §11.2); anything else starts the next one.
    nameEnd = skipToken(s, i);
    equals = skipWhitespace(s, nameEnd);
    if (nameEnd === i || s.charCodeAt(equals) !== EQUALS) return i;
  }
}

/**
 * Params are collected in an object whose prototype is an empty null-prototype object (so no name, `__proto__`
 * included, can reach an inherited property or setter) and handed out with a null prototype. V8 keeps such an object
 * in fast mode while it fills, where adding keys to an `Object.create(null)` object is several times slower.
 */
const ParamBag = function ParamBag() {} as unknown as new () => Record<string, string>;
ParamBag.prototype = Object.create(null) as object;

function finish(params: Record<string, string>): Record<string, string> {
  return Object.setPrototypeOf(params, null) as Record<string, string>;
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
  const schemeEnd = skipToken(s, schemeStart);
  if (schemeEnd === schemeStart) {
    fault('expected-scheme', schemeStart);
    cursor = skipElement(s, schemeStart);
    return undefined;
  }
  const scheme = s.slice(schemeStart, schemeEnd);
  const params = new ParamBag();
  let spacesEnd = schemeEnd;
  while (s.charCodeAt(spacesEnd) === SP) spacesEnd++;
  const start = skipWhitespace(s, spacesEnd);
  const next = s.charCodeAt(start);
  if (start === s.length) {
    cursor = start;
    return { scheme, params: finish(params) };
  }
  if (next === EQUALS) {
    // `name=value` where a challenge should start: an auth-param that belongs to no auth-scheme.
    fault('expected-scheme', schemeStart);
    cursor = skipElement(s, schemeStart);
    return undefined;
  }
  if (next === COMMA) {
    cursor = start + 1;
    // With SP after the scheme, the #auth-param list may open with empty elements: `Basic , realm=x`.
    if (spacesEnd > schemeEnd) {
      const paramsStart = skipEmptyElements(s, cursor);
      if (startsAuthParam(s, paramsStart)) cursor = readParams(s, paramsStart, params);
    }
    return { scheme, params: finish(params) };
  }
  if (start !== spacesEnd || spacesEnd === schemeEnd) {
    if (!isWhitespace(s.charCodeAt(schemeEnd))) {
      // A scheme glued to something that is not a token character: lenient skips the whole element.
      fault('invalid-char', schemeEnd);
      cursor = skipElement(s, schemeStart);
      return undefined;
    }
    fault('expected-space', schemeEnd); // 1*SP is required, HTAB is not SP; lenient accepts any OWS
  }
  // Most challenges carry params (`name=value`): settle that with the name scan the params need anyway, and look
  // for a token68 only when the name runs straight into `=` padding before a comma or the end (or has no `=`).
  const nameEnd = skipToken(s, start);
  let token68Stop = nameEnd;
  while (s.charCodeAt(token68Stop) === EQUALS) token68Stop++;
  if (token68Stop === nameEnd) token68Stop = token68End(s, start);
  else if (!endsElement(s, token68Stop) || token68End(s, start) !== token68Stop) token68Stop = -1;
  if (token68Stop === -1) {
    cursor = readParams(s, start, params);
    return { scheme, params: finish(params) };
  }
  lastToken68End = token68Stop;
  // After a token68 only the list may go on; a `name=value` there would be a param of this challenge.
  let i = skipWhitespace(s, token68Stop);
  if (i < s.length) {
    i++; // token68End guarantees a comma here
    for (;;) {
      i = skipEmptyElements(s, i);
      if (i === s.length || !startsAuthParam(s, i)) break;
      fault('token68-with-params', i);
      i = skipElement(s, i); // lenient: drop the stray param
    }
  }
  cursor = i;
  return { scheme, token68: s.slice(start, token68Stop), params: finish(params) };
}

/** Scans a challenge list (RFC 9110 §5.6.1 `#challenge`). */
export function scanChallenges(
  field: string,
  isLenient: boolean,
  maxLength: number,
  onDiagnostic: ((diagnostic: Diagnostic) => void) | undefined,
): Challenge[] {
  begin(field, isLenient);
  const challenges: Challenge[] = [];
  if (field.length > maxLength) {
    fault('too-long', maxLength);
  } else {
    let i = skipEmptyElements(field, 0);
    while (i < field.length) {
      const challenge = readChallenge(field, i);
      if (challenge !== undefined) challenges.push(challenge);
      i = skipEmptyElements(field, cursor);
    }
  }
  end(onDiagnostic);
  return challenges;
}

/**
 * Scans one credentials value (RFC 9110 §11.4): a single challenge-shaped value with no list around it. Error
 * messages redact everything after the scheme.
 */
export function scanCredentials(
  field: string,
  isLenient: boolean,
  maxLength: number,
  onDiagnostic: ((diagnostic: Diagnostic) => void) | undefined,
): Credentials {
  begin(field, isLenient);
  const start = skipWhitespace(field, 0);
  redactFrom = skipToken(field, start);
  let credentials: Credentials | undefined;
  if (field.length > maxLength) {
    fault('too-long', maxLength);
  } else if (start === field.length) {
    fault('empty-credentials', start);
  } else {
    credentials = readChallenge(field, start);
    // After a token68 only OWS may follow; after auth-params, empty list elements may (RFC 9110 §5.6.1).
    const token68 = credentials?.token68 !== undefined;
    for (let rest = token68 ? lastToken68End : cursor; rest < field.length; rest++) {
      const code = field.charCodeAt(rest);
      if (!isWhitespace(code) && (code !== COMMA || token68)) {
        fault('invalid-char', rest);
        break;
      }
    }
  }
  end(onDiagnostic);
  return credentials ?? { scheme: '', params: Object.create(null) as Record<string, string> };
}
