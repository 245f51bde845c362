import { AuthHeaderSyntaxError, describeFault, renderFault } from './auth-header-syntax-error';
import {
  BACKSLASH,
  COMMA,
  DQUOTE,
  EMPTY_ELEMENTS,
  EQUALS,
  hasClass,
  LENIENT_VALUE,
  QDTEXT,
  QUOTED_PAIR,
  skipClass,
  SP,
  TCHAR,
  TOKEN68,
  WHITESPACE,
} from './char-classes';
import { joinFieldLines } from './field-lines';
import { DEFAULT_MAX_LENGTH } from './parse-options';
import { refuse } from './refuse';
import type { AuthHeaderSyntaxErrorCode, Challenge, Credentials, Diagnostic, ParseOptions } from './types';

/*
 * The single-pass scanner behind parseChallenges and parseCredentials.
 *
 * It walks char codes and passes indexes (`s` is the field, `i` a position; helpers return the position after what
 * they read); the only strings it creates are schemes, names and values (and, for a field with line breaks, its
 * unfolded copy). Every position is visited a bounded number of times (a look-ahead re-reads at most two tokens and
 * the whitespace after them, a lenient repair at most one list element), so the cost is linear in the length of the field whatever it holds.
 *
 * In strict mode the first fault throws AuthHeaderSyntaxError. In lenient mode the same fault is recorded as a
 * Diagnostic with the same code and offset, and the scanner applies the repair written next to it.
 *
 * What is not passed around lives in the registers below. The scan is synchronous and runs no user code
 * (diagnostics are delivered after it ends), so there is only ever one scan at a time.
 */

/** The field as given, for error snippets. */
let shown = '';
let lenient: boolean | undefined;
/** Set for credentials: how an error snippet hides characters of the field (credentials carry secrets). */
let masker: Masker | undefined;

/** Given a field, how {@link renderFault} shows each of its characters. */
type Masker = (field: string) => (char: string, index: number) => string;
/** Recorded in lenient mode, for `onDiagnostic`, and in strict mode the line breaks only (see {@link scan}). */
let diagnostics: Diagnostic[] = [];
/** Whether diagnostics are recorded: in strict mode, or when lenient mode has an `onDiagnostic` to deliver them to. */
let recording: unknown;
/** Where the last read that returns a value (a string or a challenge) ended. */
let cursor: number;
/**
 * For field lines given as an array, where each line ends in the joined field, from the line the last quoted-string
 * started on (see {@link readQuotedString}).
 */
let lineEnds: number[];

/**
 * Runs `read` over `field` and delivers the diagnostics. `field` is refused before any of its content is read when it
 * is longer than `options.maxLength` (`too-long`). The registers are released in a `finally` block, so no field stays
 * reachable from this module after a throw.
 *
 * Line breaks: both modes read the field with its line breaks unfolded ({@link unfoldLines}), lenient mode as its
 * repair, strict mode to find its first fault: a fault before the first line break is thrown, else the line break is
 * (`invalid-char`). So strict mode throws exactly the first diagnostic lenient mode reports.
 */
function scan<T>(
  lines: string | readonly string[],
  options: ParseOptions | undefined,
  read: (s: string) => T,
  mask?: Masker,
): T | undefined {
  const maxLength = options?.maxLength ?? DEFAULT_MAX_LENGTH;
  // Checked first, in both modes, before field lines are joined: a bad option is a caller's bug, never read as a
  // limit. Infinity lifts the limit.
  if (!(maxLength >= 0 && Math.floor(maxLength) === maxLength)) refuse('maxLength', 'be an integer >= 0');
  const field = joinFieldLines(lines);
  let end = -2;
  lineEnds = typeof lines == 'string' ? [] : lines.map((text) => (end += text.length + 2));
  lenient = options?.lenient;
  recording = !lenient || options?.onDiagnostic;
  masker = mask;
  try {
    if (field.length > maxLength) return void fault('too-long', maxLength);
    shown = field;
    // Strict mode reads no further than the first LF that ends a list element (see `unfoldLines`): the fault it throws
    // is there or before it, and no read before that LF looks past the comma it stands for.
    let s = lenient ? field : field.slice(0, field.search(/\n(?![\t ])/) + 1 || undefined);
    if (s.includes('\n') || s.includes('\r')) s = unfoldLines(s);
    const lineBreak = diagnostics[0]?.offset;
    try {
      const result = read(s);
      if (lenient || lineBreak === undefined) return result;
    } catch (error) {
      if (lenient || !((error as AuthHeaderSyntaxError).offset >= lineBreak!)) throw error;
    }
    fault('invalid-char', lineBreak!); // throws: strict mode
    return undefined;
  } finally {
    shown = '';
    const recorded = diagnostics;
    diagnostics = [];
    // In offset order: the line-break repairs are recorded before the rest; the sort is stable.
    if (lenient) for (const diagnostic of recorded.sort((a, b) => a.offset - b.offset)) options!.onDiagnostic!(diagnostic);
  }
}

/** Reports a fault: throws in strict mode; in lenient mode records it and returns, so the caller can repair. */
function fault(code: AuthHeaderSyntaxErrorCode, offset: number, name?: string): void {
  if (!lenient) {
    // A too-long field is refused before `shown` is set: no snippet, nothing of it read.
    throw new AuthHeaderSyntaxError(code, offset, renderFault(shown, offset, masker?.(shown)), name);
  }
  record(code, offset, name);
}

/**
 * Records a diagnostic, unless nobody will read it (lenient mode without `onDiagnostic`): a long malformed field then
 * costs no memory per repair.
 */
function record(code: AuthHeaderSyntaxErrorCode, offset: number, name?: string): void {
  if (recording) diagnostics.push({ code, offset, message: describeFault(code, name) });
}

/**
 * Hides credentials in an error snippet: every character but HTAB, SP, `,`, `=`, `"` and `\` is shown as `*` (the
 * shape stays readable, the secret does not), after the first token when SP follows it (that token is the scheme,
 * RFC 9110 §11.4), else from the first character (a credential sent without a scheme is all secret).
 */
function maskCredentials(field: string): (char: string, index: number) => string {
  const start = skipClass(field, 0, WHITESPACE);
  const tokenEnd = skipClass(field, start, TCHAR);
  const from = field.charCodeAt(tokenEnd) === SP ? tokenEnd : start;
  return (char, index) => (index < from || '\t ,="\\'.includes(char) ? char : '*');
}

/**
 * Lenient repair of line breaks outside quoted-strings, as browsers read them, keeping every offset: CRLF or LF
 * followed by SP or HTAB is obs-fold (RFC 9112 §5.2) and reads as whitespace; any other CRLF or LF separates list
 * elements and reads as a comma; a bare CR reads as SP (RFC 9112 §2.2). Each is recorded as `invalid-char`, in both
 * modes: strict mode unfolds a field only to find where its first fault is. Inside a quoted-string a line break is a
 * control character like any other (see {@link readQuotedString}).
 *
 * The pattern matches a whole quoted-string (kept as it is) or one line break; its alternatives are disjoint and it
 * has no nested quantifier, so it runs in linear time.
 */
function unfoldLines(field: string): string {
  const unfolded = field.replace(
    /("(?:[^"\\]|\\[^])*"?)|(\r?\n(?=[\t ])|\r(?!\n))|\r?\n/g,
    (match, quoted: string | undefined, whitespace: string | undefined, offset: number) => {
      if (quoted) return quoted;
      record('invalid-char', offset);
      // obs-fold or a bare CR: as many SP; any other line break: a comma (and SP for CRLF), so offsets stay.
      return whitespace ? ' '.repeat(match.length) : match[1] ? ', ' : ',';
    },
  );
  // A successful match keeps its subject reachable (RegExp.input): one on an empty string lets the field go.
  /$/.test('');
  return unfolded;
}

/** True when an auth-param starts at `i`: `token BWS "="` (RFC 9110 §11.2). */
function startsAuthParam(s: string, i: number): boolean {
  const tokenEnd = skipClass(s, i, TCHAR);
  return tokenEnd > i && s.charCodeAt(skipClass(s, tokenEnd, WHITESPACE)) === EQUALS;
}

/**
 * If a token68 (RFC 9110 §11.2) starts at `i` and is all that stands before the next comma or the end, returns the
 * position after it (padding included); otherwise -1. `i` must be at a character that is neither OWS, `,` nor `=`
 * (where {@link readChallenge} calls it), so an empty token68 is never taken for one.
 *
 * This settles the grammar's one ambiguity: `Scheme abc=` and `Scheme abc==` are token68 (an auth-param needs a
 * value), while `Scheme abc=def` and `Scheme abc = "def"` are auth-params.
 */
function token68End(s: string, i: number): number {
  let stop = skipClass(s, i, TOKEN68);
  while (s.charCodeAt(stop) === EQUALS) stop++;
  // Only OWS may stand between it and the next comma or the end.
  const next = skipClass(s, stop, WHITESPACE);
  return next === s.length || s.charCodeAt(next) === COMMA ? stop : -1;
}

/**
 * Reports a fault at `offset` and, once lenient mode has recorded it, applies the usual repair: skips the malformed
 * list element that starts at `i`, up to the next comma outside a quoted-string, or the end. Returns where it stopped.
 */
function skipMalformed(s: string, code: AuthHeaderSyntaxErrorCode, offset: number, i: number): number {
  fault(code, offset);
  let quoted: boolean | undefined;
  for (; i < s.length; i++) {
    const char = s.charCodeAt(i);
    if (char === COMMA && !quoted) break;
    if (char === DQUOTE) quoted = !quoted;
    else if (char === BACKSLASH && quoted && ++i === s.length) break;
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
 * escapes (RFC 9110 §5.6.4). A value with escapes is built from the runs between them, joined once: linear in time,
 * with no regular expression over the field.
 *
 * A quoted-string ends with the field line it starts on, when the field was given as its lines: it is
 * `unterminated-quoted-string` at the end of that line if it runs on (RFC 9110 §5.3: each line is a list of its own,
 * neither line would be valid alone, and read together they would hide a parameter of one inside a value of the
 * other).
 *
 * Lenient repairs: a control character (CR, LF, NUL, any CTL but HTAB, escaped or not) is replaced with SP, as RFC
 * 9110 §5.5 allows, so none reaches a value; an unterminated string ends at the end of its line or field (a lone
 * backslash at its very end is dropped), reported there, where the closing `"` is missing; after the end of a line,
 * the next line starts a list element.
 */
function readQuotedString(s: string, open: number): string {
  // Quoted-strings are read in offset order, so the lines before this one are done with: linear in their number.
  while (lineEnds[0]! <= open) lineEnds.shift();
  s = s.slice(0, lineEnds[0]);
  // The runs between rewrites, only for a value that needs one: joined once, so the work is linear.
  let parts: string[] | undefined;
  let copied = open + 1;
  let i = open;
  for (;;) {
    i = skipClass(s, i + 1, QDTEXT);
    const code = s.charCodeAt(i);
    if (i === s.length || code === DQUOTE) break;
    (parts ??= []).push(s.slice(copied, i));
    copied = i + 1;
    if (code === BACKSLASH && ++i === s.length) break;
    // Not qdtext, or a backslash before something a quoted-pair cannot carry: a control character.
    if (code !== BACKSLASH || !hasClass(s.charCodeAt(i), QUOTED_PAIR)) {
      fault('invalid-char', i);
      parts.push(' ');
      copied = i + 1;
    }
  }
  const last = s.slice(copied, i);
  if (i < s.length) i++;
  else fault('unterminated-quoted-string', i);
  cursor = i;
  return parts ? parts.join('') + last : last;
}

/**
 * Reads an auth-param value at `start` (after `BWS "=" BWS`): `token / quoted-string` (RFC 9110 §11.2).
 *
 * Lenient repairs, as browsers and the Azure SDKs read what real servers send. An unquoted value that is not a token
 * runs on over {@link LENIENT_VALUE} (qdtext but OWS and `,`: no `"`, `\` or control character), so `uri=/a/b` reads
 * `/a/b` and `authorization_uri=https://login.example/tenant/oauth2/authorize` the full URI. After OWS with no comma,
 * the next word goes on with the value, OWS kept as sent, as browsers read `realm=My API` (their tokenizers end an
 * unquoted value only at a comma), unless it opens
 * - another param of the same challenge, `token=` ({@link continuesParams}): `a=b c=d`, Azure's shape;
 * - or a challenge, `token OWS token BWS "="`: `realm=b Basic realm=c`.
 *
 * The look-ahead reads at most two tokens and the OWS between them, so each character is read a bounded number of
 * times. An empty value reads as `""`. A quoted value is never continued.
 */
function readParamValue(s: string, start: number): string {
  if (s.charCodeAt(start) === DQUOTE) return readQuotedString(s, start);
  let end = skipClass(s, start, TCHAR);
  if (end === start) fault('expected-value', start);
  for (
    let next = skipClass(s, end, WHITESPACE), wordEnd;
    (wordEnd = skipClass(s, next, LENIENT_VALUE)) > next &&
    !continuesParams(s, next) &&
    !startsAuthParam(s, skipClass(s, skipClass(s, next, TCHAR), WHITESPACE));
    next = skipClass(s, (end = wordEnd), WHITESPACE)
  ) {
    // Where the strict parser, having read a token, looks for a comma (strict mode throws here). After an empty value,
    // `expected-value` alone reports the word read as the value.
    if (next > start) fault('expected-comma', next);
  }
  cursor = end;
  return s.slice(start, end);
}

/**
 * Lenient: whether what follows a missing comma (`i`, after a value and OWS) is another param of the same challenge,
 * as in Azure's `authorization_uri=https://… resource_id=https://…`: a token directly followed by `=`, unless it is a
 * token68 whose padding ends at the end, a comma or OWS (`Basic realm=b abc==`). Anything else starts the next
 * challenge (after an unquoted value, {@link readParamValue} has first read what goes on with it).
 */
function continuesParams(s: string, i: number): boolean {
  const nameEnd = skipClass(s, i, TCHAR);
  let padEnd = nameEnd;
  while (s.charCodeAt(padEnd) === EQUALS) padEnd++;
  return (
    padEnd > nameEnd &&
    nameEnd > i &&
    (skipClass(s, i, TOKEN68) < nameEnd || (padEnd < s.length && !hasClass(s.charCodeAt(padEnd), EMPTY_ELEMENTS)))
  );
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
      i = skipMalformed(s, 'expected-param-name', i, i);
    } else if (s.charCodeAt(equals) !== EQUALS) {
      i = skipMalformed(s, 'expected-equals', equals, i);
    } else {
      const name = s.slice(i, nameEnd).toLowerCase();
      // Checked before the value is read, so faults arrive in offset order. A keyed load, not `in`: on a fresh string
      // key V8 runs `in` through a slow path, 25-40% of the whole parse on realistic headers. Values are never
      // undefined and `params` has no prototype, so the two tests agree.
      const duplicate = params[name] != null;
      if (duplicate) fault('duplicate-param', i, name); // lenient: the first one wins
      const value = readParamValue(s, skipClass(s, equals + 1, WHITESPACE));
      if (!duplicate) params[name] = value;
      i = cursor;
    }
    i = skipClass(s, i, WHITESPACE);
    if (i === s.length) return i;
    if (s.charCodeAt(i) !== COMMA) {
      fault('expected-comma', i); // lenient: a missing comma
      if (!continuesParams(s, i)) return i;
    } else {
      i = skipClass(s, i, EMPTY_ELEMENTS);
      // A param goes on with this challenge (`token BWS "="`, RFC 9110 §11.2); anything else starts the next one.
      if (!startsAuthParam(s, i)) return i;
    }
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
    cursor = skipMalformed(s, 'expected-scheme', schemeStart, schemeStart);
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
      cursor = skipMalformed(s, 'invalid-char', schemeEnd, schemeStart);
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
      // this challenge. `cursor` stays after the token68 and its OWS unless such params are dropped.
      cursor = skipClass(s, stop, WHITESPACE);
      for (let i; startsAuthParam(s, (i = skipClass(s, cursor, EMPTY_ELEMENTS))); ) {
        cursor = skipMalformed(s, 'token68-with-params', i, i); // lenient: drop the stray param
      }
    }
  }
  return challenge;
}

/** Reads a challenge list (RFC 9110 §5.6.1 `#challenge`). */
function readChallenges(s: string): Challenge[] {
  const challenges: Challenge[] = [];
  for (let i = skipClass(s, 0, EMPTY_ELEMENTS); i < s.length; i = skipClass(s, cursor, EMPTY_ELEMENTS)) {
    const challenge = readChallenge(s, i);
    if (challenge) challenges.push(challenge);
  }
  return challenges;
}

/** Scans a challenge list (RFC 9110 §5.6.1 `#challenge`). */
export function scanChallenges(field: string | readonly string[], options: ParseOptions | undefined): Challenge[] {
  return scan(field, options, readChallenges) ?? [];
}

/** Reads one credentials value: a single challenge-shaped value with no list around it. */
function readCredentials(s: string): Credentials | undefined {
  const start = skipClass(s, 0, WHITESPACE);
  if (start === s.length) {
    fault('empty-credentials', start);
    return undefined;
  }
  const credentials = readChallenge(s, start);
  // After auth-params, empty list elements may follow (RFC 9110 §5.6.1); after a token68 only OWS (or what is left
  // after dropped stray params).
  const rest = credentials?.token68 === undefined ? skipClass(s, cursor, EMPTY_ELEMENTS) : cursor;
  if (rest < s.length) fault('invalid-char', rest);
  return credentials;
}

/**
 * Scans one credentials value (RFC 9110 §11.4). Error messages redact everything after the scheme, or everything when
 * the field does not start with a scheme and SP.
 */
export function scanCredentials(field: string, options: ParseOptions | undefined): Credentials {
  return scan(field, options, readCredentials, maskCredentials) ?? { scheme: '', params: Object.create(null) as Record<string, string> };
}
