/**
 * The schemes of the IANA HTTP Authentication Scheme Registry (RFC 9110 §16.4.1; RFC 7236 and each scheme's RFC),
 * lower-cased, and two unregistered ones every proxy log shows (`NTLM`, AWS Signature Version 4).
 */
const KNOWN_SCHEMES = new Set([
  'basic', // RFC 7617
  'bearer', // RFC 6750
  'concealed', // RFC 9729
  'digest', // RFC 7616
  'dpop', // RFC 9449
  'gnap', // RFC 9635
  'hoba', // RFC 7486
  'mutual', // RFC 8120
  'negotiate', // RFC 4559
  'oauth', // RFC 5849
  'privatetoken', // RFC 9577
  'scram-sha-1', // RFC 7804
  'scram-sha-256', // RFC 7804
  'vapid', // RFC 8292
  'ntlm',
  'aws4-hmac-sha256',
]);

/** Where the first token of a credentials value stands, after OWS: `[start, end)` (RFC 9110 §5.6.2 tchar). */
function firstToken(field: string): [number, number] {
  const start = field.length - field.replace(/^[ \t]+/, '').length;
  const end = start + (/^[!#$%&'*+.^_`|~0-9A-Za-z-]*/.exec(field.slice(start))?.[0].length ?? 0);
  return [start, end];
}

/**
 * Whether `authheaders parse --credentials` may show the first token of `field` as its scheme: when it is a known
 * scheme, or when the whole value parsed strictly (the rest is a token68 or auth-params, RFC 9110 §11.4). A first
 * token followed by SP is not always a scheme: `sk_live_… "x` is a secret with garbage after it, and printing it as
 * the scheme would print the secret.
 */
export function showsScheme(field: string, parsedStrictly: boolean): boolean {
  const [start, end] = firstToken(field);
  return parsedStrictly || KNOWN_SCHEMES.has(field.slice(start, end).toLowerCase());
}

/**
 * The message of a credentials syntax error with the first token shown as `*` too, one for one so the `^` marker
 * stays under the fault, unless it is a known scheme. The parser hides everything after the first token when SP
 * follows it and shows that token as the scheme. The message's snippet shows `field` one character (UTF-16 code
 * unit) for one from 32 characters before the fault (`AuthHeaderSyntaxError` in `@authheaders/www-authenticate`).
 */
export function maskUnknownScheme(message: string, field: string, offset: number): string {
  if (showsScheme(field, false)) return message;
  const lines = message.split('\n');
  if (lines.length !== 3) return message; // no snippet (a field over maxLength)
  const snippetStart = Math.max(0, offset - 32);
  const [start, end] = firstToken(field);
  const indent = '  '.length;
  lines[1] = lines[1]!
    .split('')
    .map((char, i) => (i >= indent && i - indent + snippetStart >= start && i - indent + snippetStart < end ? '*' : char))
    .join('');
  return lines.join('\n');
}
