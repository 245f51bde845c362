import type { ResolveBearerTokenOptions } from './resolve-bearer-token';

/** Options that older releases of bearer middlewares used, still read and mapped additively. */
export interface DeprecatedBearerAuthOptions {
  /**
   * @deprecated Use `legacyHeaderAliases: [name]`. Authorization: Bearer is now always accepted as well;
   * `'authorization'` maps to no alias.
   */
  headerName?: string;
  /** @deprecated Use `legacyAliasesBearerPrefixRequired`. */
  bearerPrefixRequired?: boolean;
}

const warned = new Set<string>();

/** Emits one DeprecationWarning per code per process (`process.emitWarning` where it exists, else `console.warn`). */
function warnOnce(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  const proc = (globalThis as { process?: { emitWarning?: (message: string, options: { type: string; code: string }) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(message, { type: 'DeprecationWarning', code });
  else console.warn(`DeprecationWarning [${code}]: ${message}`);
}

/**
 * Merges deprecated options into their replacements: `headerName: 'x-adcp-auth'` becomes an extra legacy alias
 * (Authorization is still accepted first), `headerName: 'authorization'` becomes nothing, and `bearerPrefixRequired`
 * becomes `legacyAliasesBearerPrefixRequired` unless that is set too.
 */
export function mapDeprecatedOptions(options: ResolveBearerTokenOptions & DeprecatedBearerAuthOptions): ResolveBearerTokenOptions {
  const mapped: ResolveBearerTokenOptions = {};
  const aliases: unknown = options.legacyHeaderAliases;
  if (aliases !== undefined) mapped.legacyHeaderAliases = aliases as readonly string[];
  if (options.legacyAliasesBearerPrefixRequired !== undefined) {
    mapped.legacyAliasesBearerPrefixRequired = options.legacyAliasesBearerPrefixRequired;
  }
  if (options.onConflict !== undefined) mapped.onConflict = options.onConflict;
  if (options.headerName !== undefined) {
    warnOnce('AUTHHEADERS_HEADER_NAME', 'The headerName option is deprecated: use legacyHeaderAliases (Authorization: Bearer is always accepted).');
    if (typeof options.headerName !== 'string') throw new TypeError('headerName must be a string');
    if (options.headerName.toLowerCase() !== 'authorization') {
      // A malformed legacyHeaderAliases is left as it is, for the resolver to report.
      if (aliases === undefined || Array.isArray(aliases)) {
        mapped.legacyHeaderAliases = [...((aliases as string[] | undefined) ?? []), options.headerName];
      }
    }
  }
  if (options.bearerPrefixRequired !== undefined) {
    warnOnce('AUTHHEADERS_BEARER_PREFIX_REQUIRED', 'The bearerPrefixRequired option is deprecated: use legacyAliasesBearerPrefixRequired.');
    mapped.legacyAliasesBearerPrefixRequired ??= options.bearerPrefixRequired;
  }
  return mapped;
}
