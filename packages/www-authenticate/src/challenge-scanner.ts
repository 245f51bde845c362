import { AuthHeaderSyntaxError, renderFault } from './auth-header-syntax-error';
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
import type { AuthHeaderSyntaxErrorCode, Challenge, Diagnostic } from './types';

/**
 * The single-pass scanner behind {@link parseChallenges} and {@link parseCredentials}.
 *
 * It walks char codes and passes indexes; the only strings it creates are schemes, names and values. Every position
 * is visited a bounded number of times (a look-ahead re-reads at most one token and its whitespace), so the cost is
 * linear in the length of the field whatever it holds.
 *
 * In strict mode the first fault throws {@link AuthHeaderSyntaxError}. In lenient mode the same fault is reported
 * as a {@link Diagnostic} with the same code and offset, and the scanner applies the repair described next to it.
 */
export interface ScanState {
  readonly input: string;
  readonly length: number;
  position: number;
  /** Where the last token68 read ended (its padding included), or -1. */
  token68End: number;
  readonly lenient: boolean;
  /**
   * Error messages show the input from this offset on redacted (credentials may carry secrets after their scheme);
   * `Infinity` shows it all.
   */
  readonly redactFrom: number;
  readonly onDiagnostic: ((diagnostic: Diagnostic) => void) | undefined;
}

export function createScanState(
  input: string,
  lenient: boolean,
  redactFrom: number,
  onDiagnostic: ((diagnostic: Diagnostic) => void) | undefined,
): ScanState {
  return { input, length: input.length, position: 0, token68End: -1, lenient, redactFrom, onDiagnostic };
}

/**
 * Reports a fault: throws in strict mode, tells `onDiagnostic` in lenient mode (and then returns, so the caller can
 * repair).
 */
export function fault(state: ScanState, code: AuthHeaderSyntaxErrorCode, offset: number, reason: string): void {
  if (!state.lenient) {
    throw new AuthHeaderSyntaxError(code, offset, reason, renderFault(state.input, offset, state.redactFrom));
  }
  state.onDiagnostic?.({ code, offset, message: reason });
}

function classOf(code: number): number {
  return code < 128 ? CHAR_CLASSES[code]! : 0;
}

/** OWS = *( SP / HTAB ) (RFC 9110 §5.6.3). Returns the index after it. */
function skipWhitespace(input: string, index: number, length: number): number {
  while (index < length && (classOf(input.charCodeAt(index)) & WHITESPACE) !== 0) index++;
  return index;
}

/** Returns the index after the longest run of tchar starting at `index` (RFC 9110 §5.6.2). */
function skipToken(input: string, index: number, length: number): number {
  while (index < length && (classOf(input.charCodeAt(index)) & TCHAR) !== 0) index++;
  return index;
}

/**
 * Skips empty list elements: `OWS` and commas (RFC 9110 §5.6.1: a recipient accepts and ignores empty elements).
 */
export function skipEmptyElements(state: ScanState): void {
  const { input, length } = state;
  let index = state.position;
  while (index < length) {
    const code = input.charCodeAt(index);
    if (code !== COMMA && (classOf(code) & WHITESPACE) === 0) break;
    index++;
  }
  state.position = index;
}

/** True when an auth-param starts at `index`: `token BWS "="` (RFC 9110 §11.2). */
function startsAuthParam(input: string, index: number, length: number): boolean {
  const end = skipToken(input, index, length);
  if (end === index) return false;
  const next = skipWhitespace(input, end, length);
  return next < length && input.charCodeAt(next) === EQUALS;
}

/**
 * If a token68 (RFC 9110 §11.2) starts at `index` and is the whole of what stands before the next comma or the end,
 * returns the index after it (padding included); otherwise -1.
 *
 * This settles the grammar's one ambiguity: `Scheme abc=` and `Scheme abc==` are token68 (an auth-param needs a
 * value), while `Scheme abc=def` and `Scheme abc = "def"` are auth-params.
 */
function token68End(input: string, index: number, length: number): number {
  let end = index;
  while (end < length && (classOf(input.charCodeAt(end)) & TOKEN68) !== 0) end++;
  if (end === index) return -1;
  while (end < length && input.charCodeAt(end) === EQUALS) end++;
  const next = skipWhitespace(input, end, length);
  return next === length || input.charCodeAt(next) === COMMA ? end : -1;
}

/**
 * Skips one malformed list element in lenient mode: up to the next comma outside a quoted-string, or the end.
 */
function skipElement(state: ScanState): void {
  const { input, length } = state;
  let index = state.position;
  let quoted = false;
  while (index < length) {
    const code = input.charCodeAt(index);
    if (quoted) {
      if (code === BACKSLASH) index++;
      else if (code === DQUOTE) quoted = false;
    } else if (code === DQUOTE) {
      quoted = true;
    } else if (code === COMMA) {
      break;
    }
    index++;
  }
  state.position = Math.min(index, length);
}

/**
 * Reads a quoted-string whose opening `"` is at `state.position` and returns its unescaped content.
 *
 * ```abnf
 * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
 * ```
 * A quoted-pair stands for the character after the backslash, whatever it is (`\n` is `n`): HTTP has no other
 * escapes. @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.4 RFC 9110 §5.6.4
 *
 * Lenient repairs: a control character is kept as it is; an unterminated string ends at the end of the field.
 */
function readQuotedString(state: ScanState): string {
  const { input, length } = state;
  const open = state.position;
  let index = open + 1;
  let segmentStart = index;
  let value = '';
  while (index < length) {
    const code = input.charCodeAt(index);
    if (code === DQUOTE) {
      state.position = index + 1;
      return value + input.slice(segmentStart, index);
    }
    if (code === BACKSLASH) {
      const escaped = index + 1 < length ? input.charCodeAt(index + 1) : -1;
      if (escaped === -1) break;
      if (escaped < 128 && (CHAR_CLASSES[escaped]! & QUOTED_PAIR) === 0) {
        fault(state, 'invalid-char', index + 1, 'A control character cannot be escaped in a quoted-string (RFC 9110 §5.6.4).');
      }
      value += input.slice(segmentStart, index);
      segmentStart = index + 1;
      index += 2;
      continue;
    }
    if (code < 128 && (CHAR_CLASSES[code]! & QDTEXT) === 0) {
      fault(state, 'invalid-char', index, 'A control character is not allowed in a quoted-string (RFC 9110 §5.6.4).');
    }
    index++;
  }
  fault(state, 'unterminated-quoted-string', open, 'The quoted-string has no closing double quote (RFC 9110 §5.6.4).');
  state.position = length;
  return value + input.slice(segmentStart, length);
}

/**
 * Reads the value of an auth-param at `state.position` (after `BWS "=" BWS`): `token / quoted-string`.
 *
 * Lenient repairs, as browsers do: an unquoted value runs to the next comma (so `realm=My Realm` reads as
 * `My Realm`, `uri=/a/b` as `/a/b`) unless that stretch looks like the start of another param or challenge; an
 * empty value is read as `""`.
 */
function readParamValue(state: ScanState): string {
  const { input, length } = state;
  const start = state.position;
  if (start < length && input.charCodeAt(start) === DQUOTE) return readQuotedString(state);
  const end = skipToken(input, start, length);
  const next = skipWhitespace(input, end, length);
  if (end > start && (next === length || input.charCodeAt(next) === COMMA || !state.lenient)) {
    state.position = end;
    return input.slice(start, end);
  }
  if (end > start && startsAuthParam(input, next, length)) {
    // `a=b c=d`: a missing comma; the caller reports it when it finds no comma after this value.
    state.position = end;
    return input.slice(start, end);
  }
  if (!state.lenient) {
    fault(state, 'expected-value', start, 'Expected a token or a quoted-string as the parameter value (RFC 9110 §11.2).');
  }
  // Lenient: take everything up to the next comma, unless it holds `=` or `"` (then it is more than one value).
  let stop = start;
  let clean = true;
  while (stop < length) {
    const code = input.charCodeAt(stop);
    if (code === COMMA) break;
    if (code === EQUALS || code === DQUOTE) clean = false;
    stop++;
  }
  if (!clean && end > start) {
    state.position = end;
    return input.slice(start, end);
  }
  let valueEnd = stop;
  while (valueEnd > start && (classOf(input.charCodeAt(valueEnd - 1)) & WHITESPACE) !== 0) valueEnd--;
  if (!clean) valueEnd = start;
  if (valueEnd === start) {
    fault(state, 'expected-value', start, 'Expected a token or a quoted-string as the parameter value; read it as empty (RFC 9110 §11.2).');
    state.position = start;
    return '';
  }
  if (end === start) {
    fault(state, 'expected-value', start, 'Read an unquoted value with non-token characters up to the next comma (RFC 9110 §11.2).');
  } else {
    fault(state, 'expected-comma', end, 'Read an unquoted value with spaces or non-token characters up to the next comma (RFC 9110 §11.2).');
  }
  state.position = stop;
  return input.slice(start, valueEnd);
}

/** What ends one challenge: the list goes on (a comma was consumed or, in lenient mode, assumed) or the field ends. */
function expectListSeparator(state: ScanState, after: string): void {
  const { input, length } = state;
  const index = skipWhitespace(input, state.position, length);
  state.position = index;
  if (index === length) return;
  if (input.charCodeAt(index) === COMMA) {
    state.position = index + 1;
    return;
  }
  fault(state, 'expected-comma', index, `Expected a comma or the end of the field after ${after} (RFC 9110 §5.6.1).`);
}

/**
 * Reads the `#auth-param` list of one challenge, starting at a name. Stops at the end of the field or before the
 * next challenge (the separating comma consumed).
 */
function readParams(state: ScanState, params: Record<string, string>): void {
  const { input, length } = state;
  for (;;) {
    const nameStart = state.position;
    const nameEnd = skipToken(input, nameStart, length);
    let index = skipWhitespace(input, nameEnd, length);
    if (nameEnd === nameStart || index >= length || input.charCodeAt(index) !== EQUALS) {
      if (nameEnd === nameStart) {
        fault(state, 'expected-param-name', nameStart, 'Expected an auth-param name (RFC 9110 §11.2).');
      } else {
        fault(state, 'expected-equals', index, 'Expected "=" after the auth-param name (RFC 9110 §11.2).');
      }
      // Lenient: drop this element, keep the rest of the challenge.
      skipElement(state);
    } else {
      index = skipWhitespace(input, index + 1, length);
      state.position = index;
      const value = readParamValue(state);
      const name = input.slice(nameStart, nameEnd).toLowerCase();
      if (params[name] === undefined) {
        params[name] = value;
      } else {
        fault(state, 'duplicate-param', nameStart, `The auth-param "${name}" appears twice in one challenge (RFC 9110 §11.2); lenient parsing keeps the first.`);
      }
    }
    // After a param: OWS, then a comma, the end, or (lenient) a missing comma.
    const afterValue = skipWhitespace(input, state.position, length);
    state.position = afterValue;
    if (afterValue === length) return;
    if (input.charCodeAt(afterValue) === COMMA) {
      skipEmptyElements(state);
      if (state.position === length) return;
      if (!startsAuthParam(input, state.position, length)) return; // the next challenge starts here
      continue;
    }
    fault(state, 'expected-comma', afterValue, 'Expected a comma between auth-params (RFC 9110 §5.6.1).');
    // Lenient: a missing comma. Another param goes on with this challenge; anything else starts the next one.
    if (!startsAuthParam(input, afterValue, length)) return;
  }
}

/**
 * After a token68 or a bare scheme, a following `name=value` would be an auth-param of a challenge that has none.
 * Strict: `token68-with-params`. Lenient: the stray params are skipped, each reported.
 */
function rejectStrayParams(state: ScanState): void {
  const { input, length } = state;
  for (;;) {
    skipEmptyElements(state);
    if (state.position === length || !startsAuthParam(input, state.position, length)) return;
    fault(state, 'token68-with-params', state.position, 'A challenge with a token68 cannot also carry auth-params (RFC 9110 §11.3).');
    skipElement(state);
  }
}

/**
 * Reads one challenge (or credentials) at `state.position`:
 * ```abnf
 * challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.3 RFC 9110 §11.3
 *
 * Returns undefined when, in lenient mode, no scheme could be read here (the element was skipped).
 */
export function readChallenge(state: ScanState): Challenge | undefined {
  const { input, length } = state;
  const schemeStart = state.position;
  const schemeEnd = skipToken(input, schemeStart, length);
  if (schemeEnd === schemeStart) {
    fault(state, 'expected-scheme', schemeStart, 'Expected an auth-scheme token (RFC 9110 §11.1).');
    skipElement(state);
    return undefined;
  }
  const scheme = input.slice(schemeStart, schemeEnd);
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const challenge: Challenge = { scheme, params };

  let index = schemeEnd;
  while (index < length && input.charCodeAt(index) === SP) index++;
  const spaced = index > schemeEnd;
  const afterSpaces = skipWhitespace(input, index, length);
  if (afterSpaces === length) {
    state.position = length;
    return challenge;
  }
  const next = input.charCodeAt(afterSpaces);
  if (next === EQUALS) {
    // `name=value` where a challenge should start: an auth-param that belongs to no challenge.
    fault(state, 'expected-scheme', schemeStart, 'Found an auth-param where a challenge should start: it belongs to no auth-scheme (RFC 9110 §11.3).');
    skipElement(state);
    return undefined;
  }
  if (next === COMMA) {
    if (spaced) {
      // `Scheme ,, name=value`: the #auth-param list may open with empty elements (RFC 9110 §5.6.1).
      state.position = afterSpaces;
      skipEmptyElements(state);
      if (state.position < length && startsAuthParam(input, state.position, length)) readParams(state, params);
    } else {
      state.position = afterSpaces + 1;
    }
    return challenge;
  }
  if (!spaced || afterSpaces !== index) {
    if ((classOf(input.charCodeAt(schemeEnd)) & WHITESPACE) !== 0) {
      // 1*SP is required; HTAB is not SP. Lenient: accept any OWS.
      fault(state, 'expected-space', schemeEnd, 'Only spaces may separate the auth-scheme from what follows (RFC 9110 §11.3: 1*SP).');
    } else {
      fault(state, 'invalid-char', schemeEnd, 'Unexpected character in the auth-scheme (RFC 9110 §11.1: auth-scheme = token).');
      // Lenient: a scheme glued to garbage is garbage; skip the whole element.
      skipElement(state);
      return undefined;
    }
  }
  index = afterSpaces;
  const token68Stop = token68End(input, index, length);
  if (token68Stop !== -1) {
    const token68 = input.slice(index, token68Stop);
    state.position = token68Stop;
    state.token68End = token68Stop;
    expectListSeparator(state, 'the token68');
    rejectStrayParams(state);
    return { scheme, token68, params };
  }
  state.position = index;
  readParams(state, params);
  return challenge;
}
