import type { API, FileInfo } from 'jscodeshift';
import { migrateHonoSource } from './migrate-hono-source';

/**
 * The Hono migration as a jscodeshift transform:
 * `jscodeshift -t node_modules/@authheaders/codemod-legacy-header-aliases/dist/hono-transform.cjs src/`.
 * Each report goes to jscodeshift's `report` as `file:line reason`.
 */
export default function honoTransform(file: FileInfo, api: API): string {
  const result = migrateHonoSource(file.source, { path: file.path });
  const report = (api as Partial<API>).report;
  if (typeof report === 'function') for (const r of result.reports) report(`${file.path}:${r.line} ${r.reason}`);
  return result.output;
}

/** jscodeshift reads this to pick its own parser; the transform parses each file itself. */
export const parser = 'tsx';
