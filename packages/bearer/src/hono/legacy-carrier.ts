import type { HeadersInput } from '../header-values';

/** token = 1*tchar (RFC 9110 §5.6.2): what a header name is. */
const HEADER_NAME = /^[!#$%&'*+\-.^`|~\w]+$/;

/** An alias value that the resolver reads as a malformed Bearer token (a comma is not in b64token). */
const MALFORMED = 'Bearer ,';

/**
 * Hono's `headerName` and `prefix` describe one carrier: `<headerName>: <prefix> <token>` (`prefix: ''` meaning the
 * raw token). The engine knows `Authorization: Bearer` and legacy aliases whose value is `Bearer <token>` or a raw
 * token; this is the translation between the two, and nothing more. When the carrier is plain
 * `Authorization: Bearer` there is nothing to translate and `undefined` is returned.
 *
 * Otherwise the carrier becomes one legacy alias (`alias`), and `view(headers)` shows the request's headers with
 * that alias's value rewritten to `Bearer <token>` (or to a malformed value when the prefix is wrong), so the
 * engine's rules (b64token, conflicts, audit) apply to it unchanged.
 */
export function legacyCarrier(
  headerName: string | undefined,
  prefix: string,
): { alias: string; view: (headers: Headers) => HeadersInput } | undefined {
  if (headerName !== undefined && (typeof headerName !== 'string' || !HEADER_NAME.test(headerName))) {
    throw new TypeError('headerName must be a header name (RFC 9110 §5.1: token)');
  }
  if (typeof prefix !== 'string' || /[^\x21-\x7e ]/.test(prefix)) throw new TypeError('prefix must be printable US-ASCII');
  const source = (headerName ?? 'authorization').toLowerCase();
  const lowerPrefix = prefix.toLowerCase();
  if (source === 'authorization' && lowerPrefix === 'bearer') return undefined;
  // The resolver keeps `authorization` for Bearer; a non-Bearer prefix in Authorization gets a name of its own.
  const fromAuthorization = source === 'authorization';
  const alias = fromAuthorization ? `authorization-${prefix === '' ? 'raw' : lowerPrefix.replace(/[^\w-]/g, '-')}` : source;

  const rewrite = (value: string | null): string | null => {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') return null;
    if (prefix === '') {
      // In Authorization, a Bearer credential is the engine's own.
      return fromAuthorization && /^bearer( |$)/i.test(trimmed) ? null : `Bearer ${trimmed}`;
    }
    if (trimmed.slice(0, prefix.length).toLowerCase() === lowerPrefix && trimmed[prefix.length] === ' ') {
      const token = trimmed.slice(prefix.length + 1).trimStart();
      return token === '' ? MALFORMED : `Bearer ${token}`;
    }
    // In Authorization, another scheme (Bearer included) is not this carrier's; in a header of its own, it is wrong.
    return fromAuthorization ? null : MALFORMED;
  };

  // Once this carrier has taken an Authorization value (`Bot <token>`, `Bearer (v2) <token>`), the engine's own
  // Authorization rule must not read it too: a prefix that starts like Bearer would look like a malformed token.
  const takenFromAuthorization = (value: string | null) => fromAuthorization && rewrite(value) !== null;

  return {
    alias,
    view: (headers) => ({
      get: (name: string) => {
        if (name === alias) return rewrite(headers.get(source));
        const value = headers.get(name);
        return name === 'authorization' && takenFromAuthorization(value) ? null : value;
      },
    }),
  };
}
