import { migrateSource } from '@authheaders/codemod-legacy-header-aliases';
import { printTable } from './support/compare';

/**
 * The codemod over 2,000 generated files, 5% of which configure bearer auth with headerName: with the pre-filter
 * (files without the legacy words are never parsed) and without it. Times one full pass each, best of three.
 */
export async function run(): Promise<void> {
  const files = generateFiles(2_000, 0.05);
  const pass = (prefilter: boolean): { ms: number; changed: number } => {
    const started = performance.now();
    let changed = 0;
    for (const [path, source] of files) if (migrateSource(source, { path, prefilter }).changed) changed++;
    return { ms: performance.now() - started, changed };
  };
  const best = (prefilter: boolean) => {
    const runs = [pass(prefilter), pass(prefilter), pass(prefilter)];
    return { ms: Math.min(...runs.map((r) => r.ms)), changed: runs[0]!.changed };
  };
  const without = best(false);
  const withFilter = best(true);
  if (without.changed !== withFilter.changed) throw new Error('the pre-filter changed the outcome');
  printTable(
    'codemod: migrateSource over 2,000 generated files, 5% of them to migrate (best of 3 passes)',
    [{ header: 'run' }, { header: 'ms per 2,000 files', align: 'right' }, { header: 'files changed', align: 'right' }],
    [
      ['with pre-filter', withFilter.ms.toFixed(0), String(withFilter.changed)],
      ['without pre-filter', without.ms.toFixed(0), String(without.changed)],
    ],
    [`The pre-filter makes a pass ${(without.ms / withFilter.ms).toFixed(1)}x faster, with the same ${withFilter.changed} files changed.`],
  );
}

/** Realistic-looking TypeScript modules; every `1 / share`-th one holds a bearerAuth config with headerName. */
function generateFiles(count: number, share: number): Array<[string, string]> {
  const every = Math.round(1 / share);
  const files: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    const body = [
      `import { helper${i} } from './helpers/${i % 37}';`,
      `import type { Request, Response } from 'express';`,
      '',
      `export interface Row${i} { id: number; name: string; tags: string[] }`,
      '',
      `export async function handler${i}(req: Request, res: Response): Promise<void> {`,
      `  const rows: Row${i}[] = await helper${i}(req.query.page ?? '1');`,
      `  const filtered = rows.filter((row) => row.tags.includes('active')).map((row) => ({ ...row, seen: Date.now() }));`,
      `  res.json({ count: filtered.length, rows: filtered });`,
      '}',
      '',
      ...Array.from({ length: 12 }, (_, k) => `export const constant${i}_${k} = ${k} * ${i} + Number('${k}');`),
    ];
    if (i % every === 0) {
      body.push('', `export const auth${i} = bearerAuth({ headerName: 'x-adcp-auth', bearerPrefixRequired: true, validateToken });`);
    }
    files.push([`src/module-${i}.ts`, body.join('\n')]);
  }
  return files;
}
