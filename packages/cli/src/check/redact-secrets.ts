const REDACTED = '[redacted]';

/**
 * Encoded forms shorter than this are not looked for: the hex or base64 of a three-letter dev token (`--token mcp`)
 * is a few characters that occur by chance in any document. The secret itself is redacted whatever its length.
 */
const MIN_ENCODED_LENGTH = 8;

/** How many times percent-encoding is undone: once, and once more for a URL carried inside another URL's query. */
const PERCENT_LEVELS = 2;

/**
 * The base64 characters that depend on the secret's bytes alone, wherever they stand in a longer encoded text: one
 * run for each of the three alignments of the secret to the 3-byte groups of base64 (RFC 4648 §4), so a token
 * echoed inside an encoded JSON document or a JWT is found too. The characters that mix a byte of the secret with a
 * byte around it stay (at most 4 bits of the secret each).
 */
function base64Runs(bytes: Buffer): string[] {
  return [0, 1, 2].map((shift) =>
    Buffer.concat([Buffer.alloc(shift), bytes])
      .toString('base64')
      .slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6)),
  );
}

/** The encodings of some bytes a server may echo: hex in either case, base64 and base64url (RFC 4648 §4, §5). */
function encodings(bytes: Buffer): string[] {
  const base64 = [bytes.toString('base64'), ...base64Runs(bytes)];
  const base64url = base64.map((b) => b.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  return [bytes.toString('hex'), bytes.toString('hex').toUpperCase(), ...base64, ...base64url];
}

/**
 * The forms a server may echo a secret in: as it is, and the {@link encodings} of its bytes, as UTF-8 and, for a
 * secret with characters U+0080–U+00FF, as the Latin-1 bytes a header carries them as (RFC 9110 §5.5).
 * Percent-encoding (RFC 3986 §2.1) is undone in the text instead (see {@link secretRedactor}), so every mix of
 * escaped and plain characters is found.
 */
function secretForms(secret: string): string[] {
  const encoded = encodings(Buffer.from(secret, 'utf8'));
  if (/[\x80-\xff]/.test(secret) && !/[^\x00-\xff]/.test(secret)) encoded.push(...encodings(Buffer.from(secret, 'latin1')));
  return [secret, ...new Set(encoded.filter((form) => form.length >= MIN_ENCODED_LENGTH))];
}

/** A text and, for each of its code units, where it starts in the original text (`at(text.length)` is its end). */
interface View {
  text: string;
  at(index: number): number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The value of a hex digit's char code, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The octet of the escape `%XX` at `i`, or -1 when there is none. */
function escapedOctet(text: string, i: number): number {
  if (text.charCodeAt(i) !== 37) return -1;
  const high = hexDigit(text.charCodeAt(i + 1));
  const low = hexDigit(text.charCodeAt(i + 2));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * `view` with its percent-encoded octets decoded as UTF-8, each decoded character mapped to where its escapes start;
 * an escape that is not part of a valid UTF-8 sequence is kept as written. Linear in the length of the text, in two
 * typed arrays no longer than it (the decoded text is never longer than the text).
 */
function percentDecoded(view: View): View {
  const { text } = view;
  const units = new Uint16Array(text.length);
  const from = new Int32Array(text.length);
  let n = 0;
  const emit = (unit: number, at: number) => {
    units[n] = unit;
    from[n++] = at;
  };
  for (let i = 0; i < text.length; ) {
    const lead = escapedOctet(text, i);
    if (lead < 0x80) {
      // A character as written (lead is -1), or an escaped ASCII character.
      emit(lead < 0 ? text.charCodeAt(i) : lead, i);
      i += lead < 0 ? 1 : 3;
      continue;
    }
    const length = lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
    const octets = [lead];
    for (let k = 1; k < length && escapedOctet(text, i + 3 * k) >= 0; k++) octets.push(escapedOctet(text, i + 3 * k));
    let decoded: string | undefined;
    try {
      if (length > 0 && octets.length === length) decoded = UTF8.decode(Uint8Array.from(octets));
    } catch {
      // not UTF-8: the escape stays as written
    }
    if (decoded === undefined) {
      for (let k = 0; k < 3; k++) emit(text.charCodeAt(i + k), i + k);
      i += 3;
    } else {
      for (let k = 0; k < decoded.length; k++) emit(decoded.charCodeAt(k), i);
      i += 3 * length;
    }
  }
  return { text: UTF16.decode(units.subarray(0, n)), at: (index) => view.at(index < n ? from[index]! : text.length) };
}

/**
 * A function that replaces every form of each secret (the `--token`) with `[redacted]` in a string: the secret as
 * it is, its hex, base64 and base64url encodings ({@link secretForms}), and each of these percent-encoded in part or
 * whole, with either case of hex, once or twice (`?t=S3cr3t%2Btok%2Fen%3D`, `%252B`). Empty secrets are ignored.
 */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = secrets.filter((secret) => secret.length > 0).flatMap(secretForms);
  if (forms.length === 0) return (text) => text;
  return (text) => {
    if (!text.includes('%') && !forms.some((form) => text.includes(form))) return text;
    const spans: Array<[number, number]> = [];
    let view: View = { text, at: (index) => index };
    for (let level = 0; ; level++) {
      for (const form of forms) {
        for (let k = view.text.indexOf(form); k !== -1; k = view.text.indexOf(form, k + form.length)) {
          spans.push([view.at(k), view.at(k + form.length)]);
        }
      }
      if (level === PERCENT_LEVELS || !view.text.includes('%')) break;
      view = percentDecoded(view);
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let copied = 0;
    for (const [start, end] of spans) {
      if (end <= copied) continue;
      if (start >= copied) out += text.slice(copied, start) + REDACTED;
      copied = end;
    }
    return out + text.slice(copied);
  };
}

/**
 * Replaces every occurrence of each secret (the `--token`), in every form {@link secretRedactor} knows, with
 * `[redacted]` in every string and member name of `value`, at any depth, in place. Run on the finished report, after
 * the rules have judged the answers as received (redacting an answer first would change the verdict when the token
 * also occurs in it: `--token mcp`). It also catches what only appears once a document is decoded: a server that
 * echoes the token in JSON with escapes (`"abc\/def"`, `"\u0061bc"`) would otherwise see it printed by `--json`,
 * which shows the documents as parsed.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const redact = secretRedactor(secrets);
  const seen = new WeakSet<object>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return redact(node);
    if (node === null || typeof node !== 'object' || seen.has(node)) return node;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const cleanKey = redact(key);
      const cleanValue = visit(record[key]);
      if (cleanKey !== key) {
        delete record[key];
        // defineProperty, not assignment: a member named `__proto__` stays a member.
        Object.defineProperty(record, cleanKey, { value: cleanValue, enumerable: true, writable: true, configurable: true });
      } else if (cleanValue !== record[key]) {
        // An own data member (JSON.parse makes `__proto__` one) is set as such, never through a setter.
        Object.defineProperty(record, key, { value: cleanValue, enumerable: true, writable: true, configurable: true });
      }
    }
    return node;
  };
  return visit(value) as T;
}
