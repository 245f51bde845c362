import type { API, FileInfo, Options } from 'jscodeshift';
import { migrateSource } from './migrate-source';

/**
 * The jscodeshift transform: `jscodeshift -t node_modules/@authheaders/codemod-legacy-header-aliases/dist/transform.cjs src/`.
 * Option `--callees=a,b` adds callee names. Each report goes to jscodeshift's `report` as `file:line reason` (test
 * harnesses without `report` get none). Returns the source unchanged when there is nothing to migrate.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  const callees = typeof options.callees === 'string' ? options.callees.split(',').filter(Boolean) : [];
  const result = migrateSource(file.source, { path: file.path, callees });
  const report = (api as Partial<API>).report;
  if (typeof report === 'function') for (const r of result.reports) report(`${file.path}:${r.line} ${r.reason}`);
  return result.output;
}

/** jscodeshift reads this to pick its own parser; the transform picks one per file itself. */
export const parser = 'tsx';
