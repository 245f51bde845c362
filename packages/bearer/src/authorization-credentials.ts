import { parseChallenges, parseCredentials, type Credentials } from '@authheaders/www-authenticate';
import { TOKEN_CHARS, trimOws } from './rfc9110-syntax';

/**
 * `Bearer` SP b64token, the whole line (RFC 6750 §2.1): exactly one credentials (RFC 9110 §11.4). The character
 * classes are disjoint, so matching is linear.
 */
const ONE_BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] [\w\-.~+/]+=*$/;

const COMMA = 0x2c;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const SP = 0x20;
const HTAB = 0x09;

/**
 * True when a comma-separated value has an empty element outside quoted-strings (`a,`, `, a`, `a, ,b`). RFC 9110
 * §5.6.1 lets a recipient skip empty list elements, but lines joined by a Fetch `Headers` never make one (each line
 * holds a credentials), so an empty element is a line that was not one credentials: `Bearer good,`.
 */
function hasEmptyElement(value: string): boolean {
  let empty = true; // nothing but OWS since the start or the last comma
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === COMMA) {
      if (empty) return true;
      empty = true;
    } else if (code !== SP && code !== HTAB) {
      empty = false;
      // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE: its commas are text. An unterminated one runs to
      // the end here, and the parser refuses it.
      if (code === DQUOTE) for (i++; i < value.length && value.charCodeAt(i) !== DQUOTE; i++) if (value.charCodeAt(i) === BACKSLASH) i++;
    }
  }
  return empty;
}

/**
 * The line with the spaces after its scheme written as one SP, when they start with SP: `Bearer <HTAB>abc` was
 * always read as `Bearer abc` here (SP and HTAB are the optional whitespace around a token, RFC 9110 §5.6.3), and
 * the strict grammar (`1*SP`) would refuse it. `Bearer<HTAB>abc` stays refused.
 */
function afterSchemeSpaces(line: string): string {
  let end = 0;
  while (end < line.length && TOKEN_CHARS.test(line[end]!)) end++; // auth-scheme = token
  if (end === 0 || line.charCodeAt(end) !== SP) return line;
  let next = end + 1;
  while (next < line.length && (line.charCodeAt(next) === SP || line.charCodeAt(next) === HTAB)) next++;
  return next === end + 1 ? line : `${line.slice(0, end)} ${line.slice(next)}`;
}

/**
 * The credentials of a request's `Authorization` field, or `undefined` when a field line is not exactly one
 * credentials. The field is not a list (RFC 9110 §11.6.2: `Authorization = credentials`), so each line is read with
 * the strict credentials parser (RFC 9110 §11.4): `Basic Zm9vOmJhcg==, Bearer good`, `Bearer good,` and
 * `Bearer good, x="evil` are each refused whole, and a comma inside another scheme's quoted-string
 * (`Digest username="x, Bearer stolen"`) stays that scheme's parameter. Empty lines are skipped.
 *
 * Where the headers' shape joined several lines into one value with `", "` (a Fetch `Headers`), the line boundaries
 * are lost: the value is read as a list of credentials, strictly, with no empty element, so that each element stands
 * for one line.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.4 RFC 9110 §11.4
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2 RFC 9110 §11.6.2
 */
export function authorizationCredentials(lines: readonly string[], joined: boolean): Credentials[] | undefined {
  const credentials: Credentials[] = [];
  for (const raw of lines) {
    const trimmed = trimOws(raw);
    // The usual line, `Bearer <b64token>`, is one credentials by its shape: no parser needed.
    if (ONE_BEARER.test(trimmed)) {
      credentials.push({ scheme: 'Bearer', token68: trimmed.slice(7), params: {} });
      continue;
    }
    const line = afterSchemeSpaces(trimmed);
    if (line === '') continue;
    try {
      if (!joined) credentials.push(parseCredentials(line));
      else if (hasEmptyElement(line)) return undefined;
      else credentials.push(...parseChallenges(line));
    } catch {
      // The parser's errors say nothing of the value; the caller answers `malformed`.
      return undefined;
    }
  }
  return credentials;
}
