import { applyMigration, type MigrateSourceResult } from './apply-migration';
import { KNOWN_MODULES } from './find-config-objects';
import { migrateConfigObjects } from './migrate-config-objects';
import { HONO_BEARER_AUTH, honoCallsToPointOut } from './migrate-hono-bearer-auth';

/** Options of {@link migrateSource}. */
export interface MigrateSourceOptions {
  /** The file's path: picks the parser and names the file in errors. Default `'input.ts'`. */
  path?: string;
  /** Names of more functions or classes whose object argument configures bearer auth, wherever they come from. */
  callees?: readonly string[];
  /** More modules whose imported functions and classes take a bearer-auth configuration. */
  modules?: readonly string[];
  /** Skip files that do not mention the legacy options before parsing. Default true. */
  prefilter?: boolean;
}

/** Files without any of these words cannot need the migration and are skipped before parsing. */
export function mayNeedMigration(source: string): boolean {
  return source.includes('eaderName') || source.includes('earerPrefixRequired');
}

/**
 * Migrates `headerName` / `mcpHeaderName` (and the bearer-prefix flags) to `legacyHeaderAliases` in one file's
 * source, in configurations passed to functions from `@authheaders/bearer` and its adapters (or `modules`,
 * `callees`). Authorization: Bearer (RFC 6750 §2.1) is always accepted by the new options, so `authorization` is
 * dropped. Throws the parser's `SyntaxError` when the source does not parse, and `OutputDoesNotParseError` rather
 * than return an output that does not parse.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 RFC 6750 §2.1
 * @example
 * ```ts
 * import { migrateSource } from '@authheaders/codemod-legacy-header-aliases';
 *
 * const source = `import { bearerAuth } from '@authheaders/bearer/node';
 * app.use(bearerAuth({ headerName: 'x-adcp-auth', validateToken }));`;
 * migrateSource(source).output.includes(`legacyHeaderAliases: ['x-adcp-auth']`); // true
 * ```
 */
export function migrateSource(source: string, options: MigrateSourceOptions = {}): MigrateSourceResult {
  if (options.prefilter !== false && !mayNeedMigration(source)) return { output: source, changed: false, reports: [] };
  const search = {
    modules: new Set([...KNOWN_MODULES, ...(options.modules ?? [])]),
    callees: new Set(options.callees ?? []),
  };
  return applyMigration(source, options.path ?? 'input.ts', (program, file) => {
    const outcome = migrateConfigObjects(program, file, search);
    if (source.includes(HONO_BEARER_AUTH)) outcome.reports.push(...honoCallsToPointOut(program));
    return outcome;
  });
}
