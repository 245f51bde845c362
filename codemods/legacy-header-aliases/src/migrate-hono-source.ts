import { applyMigration, type MigrateSourceResult } from './apply-migration';
import { HONO_BEARER_AUTH, migrateHonoBearerAuth } from './migrate-hono-bearer-auth';

/** Options of {@link migrateHonoSource}. */
export interface MigrateHonoSourceOptions {
  /** The file's path: picks the parser and names the file in errors. Default `'input.ts'`. */
  path?: string;
  /** Skip files that do not mention `hono/bearer-auth` before parsing. Default true. */
  prefilter?: boolean;
}

/**
 * The Hono migration on one file's source: `bearerAuth({ headerName: 'x-a', ... })` from `hono/bearer-auth`
 * becomes the same call from `@authheaders/bearer/hono` with `legacyHeaderAliases: ['x-a']`, so Authorization:
 * Bearer (RFC 6750 §2.1) is accepted first and the old header keeps working. Throws the parser's `SyntaxError`
 * when the source does not parse, and `OutputDoesNotParseError` rather than return an output that does not parse.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 RFC 6750 §2.1
 * @example
 * ```ts
 * import { migrateHonoSource } from '@authheaders/codemod-legacy-header-aliases';
 *
 * const source = `import { bearerAuth } from 'hono/bearer-auth';
 * app.use('/api/*', bearerAuth({ token, headerName: 'X-Api-Key' }));`;
 * migrateHonoSource(source).output;
 * // import { bearerAuth } from '@authheaders/bearer/hono';
 * // app.use('/api/*', bearerAuth({ token, legacyHeaderAliases: ['X-Api-Key'], legacyAliasesBearerPrefixRequired: true }));
 * ```
 */
export function migrateHonoSource(source: string, options: MigrateHonoSourceOptions = {}): MigrateSourceResult {
  // Not `headerName` too: a spread (`bearerAuth({ ...options })`) is reported without it.
  if (options.prefilter !== false && !source.includes(HONO_BEARER_AUTH)) {
    return { output: source, changed: false, reports: [] };
  }
  return applyMigration(source, options.path ?? 'input.ts', migrateHonoBearerAuth);
}
