import type { API, FileInfo, Options } from 'jscodeshift';
import { migrateSource } from './migrate-source';

const list = (value: unknown): string[] => (typeof value === 'string' ? value.split(',').filter(Boolean) : []);

/**
 * The jscodeshift transform: `jscodeshift -t node_modules/@authheaders/codemod-legacy-header-aliases/dist/transform.cjs src/`.
 * Options `--callees=a,b` and `--modules=a,b` add callee names and modules. Each report goes to jscodeshift's
 * `report` as `file:line reason` (test harnesses without `report` get none). Returns the source unchanged when there
 * is nothing to migrate; throws rather than return a source that does not parse.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  const result = migrateSource(file.source, { path: file.path, callees: list(options.callees), modules: list(options.modules) });
  const report = (api as Partial<API>).report;
  if (typeof report === 'function') for (const r of result.reports) report(`${file.path}:${r.line} ${r.reason}`);
  return result.output;
}

/** jscodeshift reads this to pick its own parser; the transform parses each file itself. */
export const parser = 'tsx';
