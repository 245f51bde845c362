import type { HeadersInput } from '../header-values';
import { TOKEN_CHARS, trimOws } from '../rfc9110-syntax';

/**
 * An alias value that the resolver reads as a malformed Bearer token (`!` is not in b64token). Not a comma: the
 * resolver splits a joined alias value on commas, back into its lines.
 */
const MALFORMED = 'Bearer !';

/**
 * Hono's `headerName` and `prefix` describe the carrier of the token: `<headerName>: <prefix> <token>` (`prefix: ''`
 * meaning the raw token). The engine knows `Authorization: Bearer` and legacy aliases whose value is
 * `Bearer <token>` or a raw token; this is the translation between the two, and nothing more.
 *
 * - `headerName` (other than Authorization) is a legacy alias read with `prefix` (`Bearer` by default, required).
 * - A `prefix` other than `Bearer` applies to every legacy alias, `headerName` and `legacyHeaderAliases` alike, so
 *   that `{ headerName: 'x-a', prefix: 'Bot' }` and `{ legacyHeaderAliases: ['x-a'], prefix: 'Bot' }` (what the
 *   deprecation warning and the codemod suggest) answer the same. With the `Bearer` prefix, `legacyHeaderAliases`
 *   keep the engine's own rule (`legacyAliasesBearerPrefixRequired`).
 * - Without any alias (or with `headerName: 'Authorization'`), a prefix other than `Bearer` applies to
 *   Authorization itself (`Authorization: Bot <token>`), under an alias name of its own.
 *
 * Returns `undefined` when there is nothing to translate. Otherwise `aliases` are the legacy aliases to add for the
 * engine, and `view(headers)` shows the request's headers with each prefixed alias's value rewritten to
 * `Bearer <token>` (or to a malformed value when the prefix is wrong), so the engine's rules (b64token, conflicts,
 * audit) apply to it unchanged.
 */
export function legacyCarrier(
  headerName: string | undefined,
  prefix: string,
  legacyHeaderAliases: unknown,
): { aliases: string[]; view: (headers: Headers) => HeadersInput } | undefined {
  if (headerName !== undefined && (typeof headerName !== 'string' || !TOKEN_CHARS.test(headerName))) {
    throw new TypeError('headerName must be a header name (RFC 9110 §5.1: token)');
  }
  if (typeof prefix !== 'string' || /[^\x21-\x7e ]/.test(prefix)) throw new TypeError('prefix must be printable US-ASCII');
  const lowerPrefix = prefix.toLowerCase();
  const header = headerName?.toLowerCase();
  const isBearer = lowerPrefix === 'bearer';
  // Names the engine will refuse (not strings, not header names) are left to it: it throws a TypeError for them.
  const listed = Array.isArray(legacyHeaderAliases)
    ? legacyHeaderAliases.filter((alias): alias is string => typeof alias === 'string').map((alias) => alias.toLowerCase())
    : [];
  const fromAuthorization = !isBearer && (header === 'authorization' || (header === undefined && listed.length === 0));
  // The resolver keeps `authorization` for Bearer; a non-Bearer prefix in Authorization gets a name of its own.
  const authorizationAlias = `authorization-${prefix === '' ? 'raw' : lowerPrefix.replace(/[^\w-]/g, '-')}`;
  const prefixed = new Map<string, string>(); // alias name -> the header it reads
  if (fromAuthorization) prefixed.set(authorizationAlias, 'authorization');
  if (header !== undefined && header !== 'authorization') prefixed.set(header, header);
  if (!isBearer) for (const alias of listed) if (alias !== 'authorization') prefixed.set(alias, alias);
  if (prefixed.size === 0) return undefined;

  const rewrite = (value: string | null, source: string): string | null => {
    const trimmed = trimOws(value ?? '');
    if (trimmed === '') return null;
    const inAuthorization = source === 'authorization';
    if (prefix === '') {
      // In Authorization, a Bearer credential is the engine's own.
      return inAuthorization && /^bearer( |$)/i.test(trimmed) ? null : `Bearer ${trimmed}`;
    }
    if (trimmed.slice(0, prefix.length).toLowerCase() === lowerPrefix && trimmed[prefix.length] === ' ') {
      // `trimmed` ends in no OWS, so trimming both ends of what follows the prefix trims its start only.
      const token = trimOws(trimmed.slice(prefix.length + 1));
      return token === '' ? MALFORMED : `Bearer ${token}`;
    }
    // In Authorization, another scheme (Bearer included) is not this carrier's; in a header of its own, it is wrong.
    return inAuthorization ? null : MALFORMED;
  };

  // A Fetch Headers joins an alias's lines with ", " (a token has no comma): each line is rewritten on its own, so
  // the resolver sees every line and two different ones are a conflict, as without a prefix.
  const rewriteLines = (value: string | null, source: string): string | null => {
    if (value === null || !value.includes(',')) return rewrite(value, source);
    const lines = value.split(',').map((line) => rewrite(line, source)).filter((line) => line !== null);
    return lines.length === 0 ? null : lines.join(', ');
  };

  // Once this carrier has taken an Authorization value (`Bot <token>`, `Bearer (v2) <token>`), the engine's own
  // Authorization rule must not read it too: a prefix that starts like Bearer would look like a malformed token.
  const takenFromAuthorization = (value: string | null) => fromAuthorization && rewrite(value, 'authorization') !== null;

  return {
    aliases: [...prefixed.keys()].filter((alias) => !listed.includes(alias)),
    view: (headers) => ({
      get: (name: string) => {
        const source = prefixed.get(name);
        if (source !== undefined) return source === 'authorization' ? rewrite(headers.get(source), source) : rewriteLines(headers.get(source), source);
        const value = headers.get(name);
        return name === 'authorization' && takenFromAuthorization(value) ? null : value;
      },
    }),
  };
}
