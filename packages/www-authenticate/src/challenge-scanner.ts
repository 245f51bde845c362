import { AuthHeaderSyntaxError, describeCode, renderFault } from './auth-header-syntax-error';
import {
  BACKSLASH,
  CHAR_CLASSES,
  COMMA,
  DQUOTE,
  EQUALS,
  QDTEXT,
  QUOTED_PAIR,
  SP,
  TCHAR,
  TOKEN68,
  WHITESPACE,
} from './char-classes';
import type { AuthHeaderSyntaxErrorCode, Challenge, Credentials, Diagnostic } from './types';

/*
 * The single-pass scanner behind parseChallenges and parseCredentials.
 *
 * It walks char codes and passes indexes; the only strings it creates are schemes, names and values. Every position
 * is visited a bounded number of times (a look-ahead re-reads at most one token and its whitespace, a lenient repair
 * at most one list element), so the cost is linear in the length of the field whatever it holds.
 *
 * In strict mode the first fault throws AuthHeaderSyntaxError. In lenient mode the same fault is recorded as a
 * Diagnostic with the same code and offset, and the scanner applies the repair written next to it.
 *
 * The scan state lives in the module's registers below rather than in an object: the scan is synchronous and runs
 * no user code (diagnostics are delivered after it ends), so one scan at a time is all there can be, and plain
 * variables keep the hot loop and the bundle small.
 */

let input = '';
let length = 0;
let position = 0;
let lenient = false;
/** Offsets from here on are shown redacted in error messages (credentials carry secrets after their scheme). */
let redactFrom = Infinity;
let diagnostics: Diagnostic[] = [];

function begin(field: string, isLenient: boolean, redactAfter: number): void {
  input = field;
  length = field.length;
  position = 0;
  lenient = isLenient;
  redactFrom = redactAfter;
  diagnostics = [];
}

/** Ends a scan: releases the input and hands the recorded diagnostics to `onDiagnostic`, in order. */
function end(onDiagnostic: ((diagnostic: Diagnostic) => void) | undefined): void {
  const recorded = diagnostics;
  input = '';
  diagnostics = [];
  if (onDiagnostic !== undefined) for (const diagnostic of recorded) onDiagnostic(diagnostic);
}

/** Reports a fault: throws in strict mode; in lenient mode records it and returns, so the caller can repair. */
function fault(code: AuthHeaderSyntaxErrorCode, offset: number): void {
  if (!lenient) throw new AuthHeaderSyntaxError(code, offset, renderFault(input, offset, redactFrom));
  diagnostics.push({ code, offset, message: describeCode(code) });
}

function classOf(code: number): number {
  return code < 128 ? CHAR_CLASSES[code]! : 0;
}

/** OWS = *( SP / HTAB ) (RFC 9110 §5.6.3). Returns the index after it. */
function skipWhitespace(index: number): number {
  while (index < length && (classOf(input.charCodeAt(index)) & WHITESPACE) !== 0) index++;
  return index;
}

/** Returns the index after the longest run of tchar from `index` (RFC 9110 §5.6.2). */
function skipToken(index: number): number {
  while (index < length && (classOf(input.charCodeAt(index)) & TCHAR) !== 0) index++;
  return index;
}

/** Skips empty list elements, OWS and commas: a recipient ignores them (RFC 9110 §5.6.1). */
function skipEmptyElements(): void {
  while (position < length) {
    const code = input.charCodeAt(position);
    if (code !== COMMA && (classOf(code) & WHITESPACE) === 0) return;
    position++;
  }
}

/** True when an auth-param starts at `index`: `token BWS "="` (RFC 9110 §11.2). */
function startsAuthParam(index: number): boolean {
  const tokenEnd = skipToken(index);
  if (tokenEnd === index) return false;
  const next = skipWhitespace(tokenEnd);
  return next < length && input.charCodeAt(next) === EQUALS;
}

/**
 * If a token68 (RFC 9110 §11.2) starts at `index` and is all that stands before the next comma or the end, returns
 * the index after it (padding included); otherwise -1.
 *
 * This settles the grammar's one ambiguity: `Scheme abc=` and `Scheme abc==` are token68 (an auth-param needs a
 * value), while `Scheme abc=def` and `Scheme abc = "def"` are auth-params.
 */
function token68End(index: number): number {
  let stop = index;
  while (stop < length && (classOf(input.charCodeAt(stop)) & TOKEN68) !== 0) stop++;
  if (stop === index) return -1;
  while (stop < length && input.charCodeAt(stop) === EQUALS) stop++;
  const next = skipWhitespace(stop);
  return next === length || input.charCodeAt(next) === COMMA ? stop : -1;
}

/** Lenient repair: skips one malformed list element, up to the next comma outside a quoted-string, or the end. */
function skipElement(): void {
  let quoted = false;
  while (position < length) {
    const code = input.charCodeAt(position);
    if (quoted) {
      if (code === BACKSLASH) position++;
      else if (code === DQUOTE) quoted = false;
    } else if (code === DQUOTE) {
      quoted = true;
    } else if (code === COMMA) {
      return;
    }
    position++;
  }
  position = length;
}

/**
 * Reads a quoted-string whose opening `"` is at `position` and returns its unescaped content.
 *
 * ```abnf
 * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
 * ```
 * A quoted-pair stands for the character after the backslash, whatever it is (`\n` is `n`): HTTP has no other
 * escapes (RFC 9110 §5.6.4).
 *
 * Lenient repairs: a control character is kept; an unterminated string ends at the end of the field.
 */
function readQuotedString(): string {
  const open = position;
  let index = open + 1;
  let segmentStart = index;
  let value = '';
  while (index < length) {
    const code = input.charCodeAt(index);
    if (code === DQUOTE) {
      position = index + 1;
      return value + input.slice(segmentStart, index);
    }
    if (code === BACKSLASH) {
      if (index + 1 === length) break;
      if ((classOf(input.charCodeAt(index + 1)) & QUOTED_PAIR) === 0 && input.charCodeAt(index + 1) < 128) {
        fault('invalid-char', index + 1);
      }
      value += input.slice(segmentStart, index);
      segmentStart = index + 1;
      index += 2;
      continue;
    }
    if (code < 128 && (CHAR_CLASSES[code]! & QDTEXT) === 0) fault('invalid-char', index);
    index++;
  }
  fault('unterminated-quoted-string', open);
  position = length;
  return value + input.slice(segmentStart, length);
}

/**
 * Reads an auth-param value at `position` (after `BWS "=" BWS`): `token / quoted-string` (RFC 9110 §11.2).
 *
 * Lenient repairs, as browsers do: an unquoted value runs to the next comma (`realm=My Realm` reads `My Realm`,
 * `uri=/a/b` reads `/a/b`) unless that stretch holds `=` or `"` (then it is more than one value); an empty value
 * reads as `""`.
 */
function readParamValue(): string {
  const start = position;
  if (start < length && input.charCodeAt(start) === DQUOTE) return readQuotedString();
  const tokenEnd = skipToken(start);
  if (tokenEnd > start) {
    const next = skipWhitespace(tokenEnd);
    // A missing comma before another param (`a=b c=d`) is reported by the caller, which finds no comma.
    if (!lenient || next === length || input.charCodeAt(next) === COMMA || startsAuthParam(next)) {
      position = tokenEnd;
      return input.slice(start, tokenEnd);
    }
  } else {
    fault('expected-value', start);
  }
  let stop = start;
  let clean = true;
  while (stop < length) {
    const code = input.charCodeAt(stop);
    if (code === COMMA) break;
    if (code === EQUALS || code === DQUOTE) clean = false;
    stop++;
  }
  if (!clean) {
    position = tokenEnd;
    return input.slice(start, tokenEnd);
  }
  if (tokenEnd > start) fault('expected-comma', tokenEnd);
  let valueEnd = stop;
  while (valueEnd > start && (classOf(input.charCodeAt(valueEnd - 1)) & WHITESPACE) !== 0) valueEnd--;
  position = stop;
  return input.slice(start, valueEnd);
}

/**
 * Reads the `#auth-param` list of one challenge, starting at a name. Stops at the end of the field or at the start
 * of the next challenge (its separating comma consumed).
 */
function readParams(params: Record<string, string>): void {
  for (;;) {
    const nameStart = position;
    const nameEnd = skipToken(nameStart);
    const equals = skipWhitespace(nameEnd);
    if (nameEnd === nameStart) {
      fault('expected-param-name', nameStart);
      skipElement(); // lenient: drop this element, keep the rest of the challenge
    } else if (equals === length || input.charCodeAt(equals) !== EQUALS) {
      fault('expected-equals', equals);
      skipElement();
    } else {
      position = skipWhitespace(equals + 1);
      const value = readParamValue();
      const name = input.slice(nameStart, nameEnd).toLowerCase();
      if (params[name] === undefined) params[name] = value;
      else fault('duplicate-param', nameStart); // lenient: the first one wins
    }
    position = skipWhitespace(position);
    if (position === length) return;
    if (input.charCodeAt(position) === COMMA) {
      skipEmptyElements();
      if (position === length || !startsAuthParam(position)) return; // the next challenge starts here
    } else {
      fault('expected-comma', position);
      // Lenient: a missing comma. A param goes on with this challenge; anything else starts the next one.
      if (!startsAuthParam(position)) return;
    }
  }
}

/** Where the last token68 read ended (padding included). */
let lastToken68End = -1;

/**
 * Reads one challenge (or credentials) at `position`:
 * ```abnf
 * challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * ```
 * (RFC 9110 §11.3). Returns undefined when, in lenient mode, the element held no challenge and was skipped.
 */
function readChallenge(): Challenge | undefined {
  const schemeStart = position;
  const schemeEnd = skipToken(schemeStart);
  if (schemeEnd === schemeStart) {
    fault('expected-scheme', schemeStart);
    skipElement();
    return undefined;
  }
  const scheme = input.slice(schemeStart, schemeEnd);
  const params = Object.create(null) as Record<string, string>;
  let spacesEnd = schemeEnd;
  while (spacesEnd < length && input.charCodeAt(spacesEnd) === SP) spacesEnd++;
  const start = skipWhitespace(spacesEnd);
  if (start === length) {
    position = length;
    return { scheme, params };
  }
  const next = input.charCodeAt(start);
  if (next === EQUALS) {
    // `name=value` where a challenge should start: an auth-param that belongs to no auth-scheme.
    fault('expected-scheme', schemeStart);
    skipElement();
    return undefined;
  }
  if (next === COMMA) {
    position = start + 1;
    // With SP after the scheme, the #auth-param list may open with empty elements: `Basic , realm=x`.
    if (spacesEnd > schemeEnd) {
      skipEmptyElements();
      if (position < length && startsAuthParam(position)) readParams(params);
    }
    return { scheme, params };
  }
  if (start !== spacesEnd || spacesEnd === schemeEnd) {
    if ((classOf(input.charCodeAt(schemeEnd)) & WHITESPACE) === 0) {
      // A scheme glued to something that is not a token character: lenient skips the whole element.
      fault('invalid-char', schemeEnd);
      skipElement();
      return undefined;
    }
    fault('expected-space', schemeEnd); // 1*SP is required, HTAB is not SP; lenient accepts any OWS
  }
  const token68Stop = token68End(start);
  if (token68Stop === -1) {
    position = start;
    readParams(params);
    return { scheme, params };
  }
  position = lastToken68End = token68Stop;
  // After a token68 only the list may go on; a `name=value` there would be a param of this challenge.
  position = skipWhitespace(position);
  if (position < length) {
    position++; // token68End guarantees a comma here
    for (;;) {
      skipEmptyElements();
      if (position === length || !startsAuthParam(position)) break;
      fault('token68-with-params', position);
      skipElement(); // lenient: drop the stray param
    }
  }
  return { scheme, token68: input.slice(start, token68Stop), params };
}

/** Scans a challenge list (RFC 9110 §5.6.1 `#challenge`). */
export function scanChallenges(
  field: string,
  isLenient: boolean,
  maxLength: number,
  onDiagnostic: ((diagnostic: Diagnostic) => void) | undefined,
): Challenge[] {
  begin(field, isLenient, Infinity);
  const challenges: Challenge[] = [];
  if (length > maxLength) {
    fault('too-long', maxLength);
  } else {
    for (;;) {
      skipEmptyElements();
      if (position === length) break;
      const challenge = readChallenge();
      if (challenge !== undefined) challenges.push(challenge);
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
  begin(field, isLenient, Infinity);
  position = skipWhitespace(0);
  redactFrom = skipToken(position);
  let credentials: Credentials | undefined;
  if (length > maxLength) {
    fault('too-long', maxLength);
  } else if (position === length) {
    fault('empty-credentials', position);
  } else {
    credentials = readChallenge();
    // After a token68 only OWS may follow; after auth-params, empty list elements may (RFC 9110 §5.6.1).
    let rest = credentials?.token68 === undefined ? position : lastToken68End;
    while (rest < length) {
      const code = input.charCodeAt(rest);
      if ((classOf(code) & WHITESPACE) === 0 && (code !== COMMA || credentials?.token68 !== undefined)) {
        fault('invalid-char', rest);
        break;
      }
      rest++;
    }
  }
  end(onDiagnostic);
  return credentials ?? { scheme: '', params: Object.create(null) as Record<string, string> };
}
