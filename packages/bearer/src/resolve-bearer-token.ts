import { authorizationCredentials } from './authorization-credentials';
import { isB64token } from './b64token';
import { headerValues, joinsFieldLines, type HeadersInput } from './header-values';
import { TOKEN_CHARS, trimOws } from './rfc9110-syntax';

/** Options of {@link resolveBearerToken} and {@link createBearerTokenResolver}. */
export interface ResolveBearerTokenOptions {
  /**
   * Legacy headers that may also carry the token, checked in order after `Authorization`, which is always accepted
   * first. Header names, any case; they are lower-cased and de-duplicated. `authorization` is refused here: it is
   * always accepted.
   */
  legacyHeaderAliases?: readonly string[] | undefined;
  /** When true, an alias value must be `Bearer <token>`; when false (default) a raw token is accepted too. */
  legacyAliasesBearerPrefixRequired?: boolean | undefined;
  /**
   * What to do when carriers hold different tokens: `'prefer-authorization'` (default) uses Authorization and lists
   * the disagreeing aliases in `conflicts`; `'reject'` answers `conflict`.
   */
  onConflict?: 'prefer-authorization' | 'reject' | undefined;
}

/**
 * The outcome of resolving a request's bearer token. `token` is non-enumerable: logging or serializing a result
 * never shows it. No other field ever holds a token.
 */
export type BearerTokenResolution =
  | {
      ok: true;
      /** The access token (non-enumerable). */
      readonly token: string;
      /** `'authorization'` or the alias it came from. */
      source: string;
      /** Aliases that carried a different (or malformed) token and were overruled. */
      conflicts: string[];
      /** Other Authorization schemes seen (`Basic`, `DPoP`, ...), which fell through. */
      otherSchemes: string[];
    }
  | { ok: false; reason: 'missing'; otherSchemes: string[] }
  | { ok: false; reason: 'malformed'; source: string }
  | { ok: false; reason: 'conflict'; sources: string[] };

interface ResolvedOptions {
  aliases: readonly string[];
  prefixRequired: boolean;
  reject: boolean;
}

function resolveOptions(options: ResolveBearerTokenOptions): ResolvedOptions {
  const aliasesOption: unknown = options.legacyHeaderAliases ?? [];
  if (!Array.isArray(aliasesOption) || aliasesOption.some((alias) => typeof alias !== 'string' || !TOKEN_CHARS.test(alias))) {
    // A bare string is the usual slip when moving from headerName.
    const hint = typeof aliasesOption === 'string' ? `: did you mean ['${aliasesOption}']?` : '';
    throw new TypeError(`legacyHeaderAliases must be header names (RFC 9110 §5.1)${hint}`);
  }
  const aliases = [...new Set((aliasesOption as string[]).map((alias) => alias.toLowerCase()))];
  if (aliases.includes('authorization')) {
    throw new TypeError('legacyHeaderAliases must not list authorization (always accepted)');
  }
  const onConflict = options.onConflict ?? 'prefer-authorization';
  if (onConflict !== 'prefer-authorization' && onConflict !== 'reject') {
    throw new TypeError("onConflict must be 'prefer-authorization' or 'reject'");
  }
  const prefixRequired = options.legacyAliasesBearerPrefixRequired ?? false;
  // A truthy non-boolean ('yes') would otherwise mean false: raw tokens accepted where the caller asked for Bearer.
  if (typeof prefixRequired !== 'boolean') throw new TypeError('legacyAliasesBearerPrefixRequired must be a boolean');
  return { aliases, prefixRequired, reject: onConflict === 'reject' };
}

/**
 * What follows `Bearer` (any case) and its spaces; undefined when the value has another scheme; null when `Bearer`
 * is followed by something other than SP (RFC 6750 §2.1: `"Bearer" 1*SP b64token`).
 */
function afterBearerScheme(value: string): string | null | undefined {
  if (value.length < 6 || value.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  if (value.length === 6) return '';
  if (value.charCodeAt(6) === 0x20) return trimOws(value.slice(7));
  return TOKEN_CHARS.test(value[6]!) ? undefined : null;
}


/** An alias's token; `malformed` for a value that is not one; `conflict` for lines that carry different tokens. */
type AliasRead = { token: string } | { malformed: true } | { conflict: true } | undefined;

class ResolvedToken {
  readonly ok = true;
  readonly #token: string;
  constructor(
    token: string,
    readonly source: string,
    readonly conflicts: string[],
    readonly otherSchemes: string[],
  ) {
    this.#token = token;
  }
  get token(): string {
    return this.#token;
  }
}

/**
 * Every line of an alias is read, not the first only: two lines that carry different tokens are a conflict, as two
 * Authorization lines are, whether the lines come apart (Node's `rawHeaders`) or joined by a Fetch `Headers` (a
 * b64token has no comma, so a joined value splits back into its lines).
 */
function readAlias(headers: HeadersInput, alias: string, prefixRequired: boolean): AliasRead {
  let found: string | undefined;
  const joined = joinsFieldLines(headers);
  for (const line of headerValues(headers, alias)) {
    for (const raw of joined ? line.split(',') : [line]) {
      const value = trimOws(raw);
      if (value === '') continue;
      const afterScheme = afterBearerScheme(value);
      if (afterScheme === null || (afterScheme === undefined && prefixRequired)) return { malformed: true };
      const token = afterScheme ?? value;
      if (token === '') continue;
      if (!isB64token(token)) return { malformed: true };
      if (found !== undefined && found !== token) return { conflict: true };
      found = token;
    }
  }
  return found === undefined ? undefined : { token: found };
}

function resolveWith(headers: HeadersInput, options: ResolvedOptions): BearerTokenResolution {
  // 1. Authorization: Bearer <b64token> (RFC 6750 §2.1), always accepted and checked first. Each line is one
  // credentials (RFC 9110 §11.4): a Bearer token never rides inside another scheme's value or after it.
  const otherSchemes: string[] = [];
  const credentials = authorizationCredentials(headerValues(headers, 'authorization'), joinsFieldLines(headers));
  if (credentials === undefined) return { ok: false, reason: 'malformed', source: 'authorization' };
  let authorization: string | undefined;
  for (const { scheme, token68, params } of credentials) {
    if (scheme.toLowerCase() !== 'bearer') {
      if (!otherSchemes.includes(scheme)) otherSchemes.push(scheme);
      continue;
    }
    if (token68 === undefined) {
      // A bare "Bearer" falls through; "Bearer a=b" is not a b64token.
      if (Object.keys(params).length === 0) continue;
      return { ok: false, reason: 'malformed', source: 'authorization' };
    }
    if (!isB64token(token68)) return { ok: false, reason: 'malformed', source: 'authorization' };
    if (authorization !== undefined && authorization !== token68) return { ok: false, reason: 'conflict', sources: ['authorization'] };
    authorization = token68;
  }
  // A Bearer line next to a line of another scheme: a gateway that checked the other one must not pass the Bearer one.
  if (authorization !== undefined && otherSchemes.length > 0) return { ok: false, reason: 'conflict', sources: ['authorization'] };
  // 2. Legacy aliases in the order given; the first non-empty value wins when Authorization had none.
  let winner: { token: string; source: string } | undefined;
  const conflicts: string[] = [];
  if (authorization !== undefined) winner = { token: authorization, source: 'authorization' };
  for (const alias of options.aliases) {
    const read = readAlias(headers, alias, options.prefixRequired);
    if (read === undefined) continue;
    if ('conflict' in read) {
      // Lines of one alias that disagree: nothing to prefer between them, unless a carrier before it decided.
      if (winner === undefined) return { ok: false, reason: 'conflict', sources: [alias] };
      conflicts.push(alias);
    } else if ('malformed' in read) {
      if (winner === undefined) return { ok: false, reason: 'malformed', source: alias };
      conflicts.push(alias);
    } else if (winner === undefined) {
      winner = { token: read.token, source: alias };
    } else if (read.token !== winner.token) {
      conflicts.push(alias);
    }
  }
  // 3. Nothing found.
  if (winner === undefined) return { ok: false, reason: 'missing', otherSchemes };
  // 4. The same token in several carriers is fine; different ones are a conflict.
  if (conflicts.length > 0 && options.reject) return { ok: false, reason: 'conflict', sources: [winner.source, ...conflicts] };
  return new ResolvedToken(winner.token, winner.source, conflicts, otherSchemes) as BearerTokenResolution;
}

/**
 * Checks `options` once and returns a resolver for request headers. See {@link resolveBearerToken}.
 *
 * @example
 * ```ts
 * const resolve = createBearerTokenResolver({ legacyHeaderAliases: ['x-api-key'] });
 * const result = resolve(new Headers({ 'x-api-key': 'mF_9.B5f-4.1JqM' }));
 * if (result.ok) console.log(result.source); // 'x-api-key' (the token itself is never logged)
 * ```
 */
export function createBearerTokenResolver(options: ResolveBearerTokenOptions = {}): (headers: HeadersInput) => BearerTokenResolution {
  const resolved = resolveOptions(options);
  return (headers) => resolveWith(headers, resolved);
}

const resolvedCache = new WeakMap<ResolveBearerTokenOptions, ResolvedOptions>();
const NO_OPTIONS = resolveOptions({});

/**
 * Finds a request's bearer token.
 *
 * 1. `Authorization: Bearer <b64token>` (RFC 6750 §2.1) is always accepted and checked first. The scheme is
 *    case-insensitive. Each field line must be exactly one credentials (RFC 9110 §11.4, §11.6.2), read with the
 *    strict parser of `@authheaders/www-authenticate`: anything else (`Basic Zm9vOmJhcg==, Bearer good`,
 *    `Bearer good,`) is `malformed`, and a Bearer token inside another scheme's parameters is never seen. An empty
 *    value, a bare `Bearer` or another scheme falls through (other schemes are listed in `otherSchemes`); `Bearer`
 *    with something that is not a b64token is `malformed`; a Bearer line next to a line of another scheme is a
 *    `conflict`. A Fetch `Headers` joins lines with `", "`: its value is read as a list of credentials with no
 *    empty element, one per line.
 * 2. Then each of `legacyHeaderAliases`, in order: the first alias with a non-empty value wins, trimmed of SP and HTAB (RFC 9110
 *    §5.6.3; any other whitespace makes the token malformed), with a leading
 *    `Bearer ` stripped (required with `legacyAliasesBearerPrefixRequired`). Alias tokens are b64tokens too.
 * 3. Nothing found: `missing`.
 * 4. The same token in several carriers is fine. Different tokens: Authorization wins and the aliases are listed in
 *    `conflicts`, or with `onConflict: 'reject'` the result is `conflict`. Two different Authorization lines are
 *    always a `conflict`; so are two lines of one alias with different tokens, unless a carrier checked before it
 *    decided (then the alias is listed in `conflicts`, or `onConflict: 'reject'` answers `conflict`).
 *
 * Options are checked on the first call with a given options object (a `TypeError` for a bare string, a non-token
 * name or `authorization` as an alias) and remembered.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 RFC 6750 §2.1
 * @example
 * ```ts
 * resolveBearerToken(new Headers({ authorization: 'Bearer mF_9.B5f-4.1JqM' }));
 * // { ok: true, source: 'authorization', conflicts: [], otherSchemes: [] } (token is non-enumerable)
 * resolveBearerToken({ 'X-Adcp-Auth': 'mF_9.B5f-4.1JqM' }, { legacyHeaderAliases: ['x-adcp-auth'] }).ok; // true
 * ```
 */
export function resolveBearerToken(headers: HeadersInput, options?: ResolveBearerTokenOptions): BearerTokenResolution {
  if (options === undefined) return resolveWith(headers, NO_OPTIONS);
  let resolved = resolvedCache.get(options);
  if (resolved === undefined) {
    resolved = resolveOptions(options);
    resolvedCache.set(options, resolved);
  }
  return resolveWith(headers, resolved);
}
