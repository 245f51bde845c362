import { applyMigration, type MigrateSourceResult } from './apply-migration';
import { FOREIGN_MODULES, KNOWN_MODULES } from './find-config-objects';
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

/**
 * False when the migration can neither change nor report anything in a file, which is then skipped before parsing:
 * it mentions no legacy option (`headerName`, `bearerPrefixRequired`, ...) and none of the modules and callees a
 * configuration is passed to (a spread in one is reported even without those words).
 */
export function mayNeedMigration(source: string, options: Pick<MigrateSourceOptions, 'callees' | 'modules'> = {}): boolean {
  return (
    source.includes('eaderName') ||
    source.includes('earerPrefixRequired') ||
    [...KNOWN_MODULES, ...(options.modules ?? []), ...(options.callees ?? [])].some((name) => source.includes(name))
  );
}

/**
 * Refuses modules whose options are not ours (`hono/bearer-auth`: the Hono migration moves those calls; rewriting
 * their options in place would leave Hono's middleware reading options it does not know). A TypeError naming the
 * option.
 */
export function checkModules(modules: readonly string[]): void {
  const foreign = modules.find((module) => FOREIGN_MODULES.includes(module));
  if (foreign === undefined) return;
  const pointer = foreign === HONO_BEARER_AUTH ? ': use the Hono migration (--hono, migrateHonoSource)' : '';
  throw new TypeError(`modules must not list ${foreign}, whose options are not @authheaders/bearer's${pointer}`);
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
  checkModules(options.modules ?? []);
  if (options.prefilter !== false && !mayNeedMigration(source, options)) return { output: source, changed: false, reports: [] };
  const search = {
    modules: new Set([...KNOWN_MODULES, ...(options.modules ?? [])]),
    callees: new Set(options.callees ?? []),
  };
  return applyMigration(source, options.path ?? 'input.ts', (program, file) => {
    const outcome = migrateConfigObjects(program, file, search);
    if (source.includes(HONO_BEARER_AUTH)) {
      // A call `--callees` matched is already reported, with the same pointer.
      const reported = new Set(outcome.reports.map((report) => report.line));
      outcome.reports.push(...honoCallsToPointOut(program, file).filter((report) => !reported.has(report.line)));
    }
    return outcome;
  });
}
