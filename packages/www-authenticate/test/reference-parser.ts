/*
 * A slow reference parser for challenge lists, written for reading rather than speed, straight from the ABNF of
 * RFC 9110 (§5.6.1 lists, §5.6.2 tokens, §5.6.4 quoted-strings, §11.2 auth-params and token68, §11.3 challenges):
 *
 *   WWW-Authenticate = #challenge
 *   challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param       = token BWS "=" BWS ( token / quoted-string )
 *   token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 *
 * It first cuts the field into list elements at commas outside quoted-strings, then reads each element whole. The
 * fast scanner must agree with it on what is accepted and on the result (strict mode only). Shared decisions, as the
 * package README states them: characters above 0x7F count as obs-text; an element `name=value` continues the
 * challenge before it only when that challenge opened its parameter list (its scheme was followed by SP).
 */
import type { Challenge } from '../src/index';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
const isOws = (c: string | undefined) => c === ' ' || c === '\t';

export class ReferenceSyntaxError extends Error {}

/** A quoted-string's content, unescaped, or throws when `text` is not exactly one quoted-string. */
function quotedString(text: string): string {
  if (text.length < 2 || text[0] !== '"' || text[text.length - 1] !== '"') throw new ReferenceSyntaxError('not a quoted-string');
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === '\\') {
      i++;
      if (i >= text.length - 1) throw new ReferenceSyntaxError('quoted-pair at the end');
      const next = text.charCodeAt(i);
      // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
      if (!(next === 9 || (next >= 0x20 && next !== 0x7f))) throw new ReferenceSyntaxError('bad quoted-pair');
      out += text[i];
    } else if (c === '"') {
      throw new ReferenceSyntaxError('quote inside a quoted-string');
    } else if (code === 9 || (code >= 0x20 && code !== 0x7f)) {
      // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
      out += c;
    } else {
      throw new ReferenceSyntaxError('control character in a quoted-string');
    }
  }
  return out;
}

/** `token BWS "=" BWS ( token / quoted-string )`, or undefined when the text is not one auth-param. */
function authParam(text: string): [string, string] | undefined {
  const equals = text.indexOf('=');
  if (equals === -1) return undefined;
  const name = text.slice(0, equals).replace(/[ \t]+$/, '');
  if (!TOKEN.test(name)) return undefined;
  let rest = text.slice(equals + 1);
  while (isOws(rest[0])) rest = rest.slice(1);
  if (TOKEN.test(rest)) return [name.toLowerCase(), rest];
  if (rest.startsWith('"')) {
    try {
      return [name.toLowerCase(), quotedString(rest)];
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Cuts the field at commas outside quoted-strings; each element keeps its surrounding whitespace. */
function listElements(field: string): string[] {
  const elements: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < field.length) current += field[++i];
      else if (c === '"') quoted = false;
    } else if (c === ',') {
      elements.push(current);
      current = '';
    } else {
      if (c === '"') quoted = true;
      current += c;
    }
  }
  if (quoted) throw new ReferenceSyntaxError('unterminated quoted-string');
  elements.push(current);
  return elements;
}

function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text[start])) start++;
  while (end > start && isOws(text[end - 1])) end--;
  return text.slice(start, end);
}

export function referenceParseChallenges(field: string): Challenge[] {
  const challenges: Challenge[] = [];
  // The challenge that the next auth-param element would belong to, if its parameter list is open.
  let open: Challenge | undefined;
  for (const raw of listElements(field)) {
    const element = trimOws(raw);
    if (element === '') continue;
    const param = authParam(element);
    if (param !== undefined) {
      if (open === undefined || open.token68 !== undefined) throw new ReferenceSyntaxError('auth-param outside a parameter list');
      if (param[0] in open.params) throw new ReferenceSyntaxError('duplicate parameter');
      open.params[param[0]] = param[1];
      continue;
    }
    // A new challenge: auth-scheme [ 1*SP ( token68 / auth-param ) ]
    let schemeEnd = 0;
    while (schemeEnd < element.length && TOKEN.test(element[schemeEnd]!)) schemeEnd++;
    const scheme = element.slice(0, schemeEnd);
    if (scheme === '') throw new ReferenceSyntaxError('expected a scheme');
    const challenge: Challenge = { scheme, params: Object.create(null) as Record<string, string> };
    challenges.push(challenge);
    const leftTrimmed = raw.slice(raw.length - raw.trimStart().length);
    const spaceAfterScheme = leftTrimmed[schemeEnd] === ' ';
    open = spaceAfterScheme ? challenge : undefined;
    if (schemeEnd === element.length) continue;
    if (element[schemeEnd] !== ' ') throw new ReferenceSyntaxError('1*SP expected after the scheme');
    let start = schemeEnd;
    while (element[start] === ' ') start++;
    const rest = element.slice(start);
    if (TOKEN68.test(rest) && authParam(rest) === undefined) {
      challenge.token68 = rest;
      continue;
    }
    const first = authParam(rest);
    if (first === undefined) throw new ReferenceSyntaxError('neither token68 nor auth-param after the scheme');
    challenge.params[first[0]] = first[1];
  }
  return challenges;
}

/**
 * The same for a field given as its lines (RFC 9110 §5.3): each line is a list of its own, so no line may end inside
 * a quoted-string; then the lines are one list, joined with `", "`.
 */
export function referenceParseFieldLines(field: string | readonly string[]): Challenge[] {
  const lines = typeof field === 'string' ? [field] : field;
  for (const line of lines) listElements(line);
  return referenceParseChallenges(lines.join(', '));
}
