import type { ResolveBearerTokenOptions } from './resolve-bearer-token';
import { snakeCase } from './snake-case';

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

/**
 * Emits one DeprecationWarning per option per process (`process.emitWarning` where it exists, else `console.warn`):
 * `<option> is deprecated: use <replacement>.`, with the code `AUTHHEADERS_<OPTION_IN_SNAKE_CASE>`.
 */
export function warnOnce(option: string, replacement: string): void {
  if (warned.has(option)) return;
  warned.add(option);
  const code = `AUTHHEADERS_${snakeCase(option).toUpperCase()}`;
  const message = `${option} is deprecated: use ${replacement}.`;
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
  const { headerName, bearerPrefixRequired } = options;
  const mapped: ResolveBearerTokenOptions = {
    ...options,
    legacyAliasesBearerPrefixRequired: options.legacyAliasesBearerPrefixRequired ?? bearerPrefixRequired,
  };
  if (headerName !== undefined) {
    warnOnce('headerName', 'legacyHeaderAliases (Authorization: Bearer is always accepted)');
    if (typeof headerName !== 'string') throw new TypeError('headerName must be a string');
    const aliases: unknown = options.legacyHeaderAliases;
    // A malformed legacyHeaderAliases is left as it is, for the resolver to report.
    if (headerName.toLowerCase() !== 'authorization' && (aliases === undefined || Array.isArray(aliases))) {
      mapped.legacyHeaderAliases = [...((aliases as string[] | undefined) ?? []), headerName];
    }
  }
  if (bearerPrefixRequired !== undefined) {
    warnOnce('bearerPrefixRequired', 'legacyAliasesBearerPrefixRequired');
  }
  return mapped;
}
