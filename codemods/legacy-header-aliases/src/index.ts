export { default as transform } from './transform';
export { migrateSource, type MigrateSourceOptions, type MigrateSourceResult } from './migrate-source';
export { DEFAULT_CALLEES, type MigrationReport } from './migrate-config-objects';
export { runCodemod, type RunCodemodOptions, type RunCodemodSummary } from './run-codemod';
export { unifiedDiff } from './line-diff';
