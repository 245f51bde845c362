import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSource } from '@authheaders/codemod-legacy-header-aliases';
import { printTable } from './support/compare';

const IMPORT = `import { bearerAuth } from '@authheaders/bearer/node';`;

/**
 * The codemod's two costs:
 * 1. over 2,000 generated files, 5% of which configure bearer auth with headerName: with the pre-filter (files
 *    without the legacy words are never parsed) and without it; one full pass each, best of three;
 * 2. one 5 MB file that needs the migration, run by `runCodemod` in a child process: wall time and peak resident
 *    memory (`process.resourceUsage().maxRSS`), next to the same child doing nothing but loading the codemod.
 */
export async function run(): Promise<void> {
  prefilter();
  largeFile();
}

function prefilter(): void {
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
  if (without.changed !== withFilter.changed || withFilter.changed === 0) throw new Error('the pre-filter changed the outcome');
  printTable(
    'pre-filter: migrateSource over 2,000 generated files, 5% of them to migrate (best of 3 passes)',
    [{ header: 'run' }, { header: 'ms per 2,000 files', align: 'right' }, { header: 'files changed', align: 'right' }],
    [
      ['with pre-filter', withFilter.ms.toFixed(0), String(withFilter.changed)],
      ['without pre-filter', without.ms.toFixed(0), String(without.changed)],
    ],
    [`The pre-filter makes a pass ${(without.ms / withFilter.ms).toFixed(1)}x faster, with the same ${withFilter.changed} files changed.`],
  );
}

function largeFile(): void {
  const dir = mkdtempSync(join(tmpdir(), 'authheaders-codemod-bench-'));
  try {
    const source = generateLargeFile(5 * 1024 * 1024);
    writeFileSync(join(dir, 'big.ts'), source);
    const entry = createRequire(import.meta.url).resolve('@authheaders/codemod-legacy-header-aliases');
    const child = (work: string) => {
      const script =
        `const { runCodemod } = require(${JSON.stringify(entry)});` +
        `const started = performance.now();` +
        `Promise.resolve(${work}).then((summary) => console.log(JSON.stringify({ ms: performance.now() - started, ` +
        `maxRssMb: process.resourceUsage().maxRSS / 1024, changed: summary?.changed ?? 0 })));`;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
      if (run.status !== 0) throw new Error(`the child failed: ${run.stderr}`);
      return JSON.parse(run.stdout) as { ms: number; maxRssMb: number; changed: number };
    };
    const idle = child('undefined');
    const migrated = child(`runCodemod(['big.ts'], { log: () => {} })`);
    if (migrated.changed !== 1) throw new Error('the 5 MB file was not migrated');
    printTable(
      `one ${(source.length / 1024 / 1024).toFixed(1)} MiB file to migrate (${countConfigs(source)} configurations), in a child process`,
      [{ header: 'run' }, { header: 'time (ms)', align: 'right' }, { header: 'peak RSS (MB)', align: 'right' }],
      [
        ['load the codemod only', 'not timed', idle.maxRssMb.toFixed(0)],
        ['runCodemod on the file', migrated.ms.toFixed(0), migrated.maxRssMb.toFixed(0)],
      ],
      [`Peak memory ${migrated.maxRssMb.toFixed(0)} MB: ${migrated.maxRssMb < 500 ? 'under' : 'OVER'} the 500 MB target.`],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countConfigs(source: string): number {
  return source.split('headerName').length - 1;
}

/** A server module of about `bytes` characters: route handlers, with a bearerAuth config every 500 handlers. */
function generateLargeFile(bytes: number): string {
  const parts = [`${IMPORT}\n`];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    let text =
      `export async function handler${i}(req: Request): Promise<Response> {\n` +
      `  const rows = await load${i % 97}(new URL(req.url).searchParams.get('page') ?? '1');\n` +
      `  return Response.json({ count: rows.length, rows: rows.filter((row) => row.active) });\n}\n`;
    if (i % 500 === 0) text += `export const auth${i} = bearerAuth({ headerName: 'x-adcp-auth', bearerPrefixRequired: true, validateToken });\n`;
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
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
      body.unshift(IMPORT);
      body.push('', `export const auth${i} = bearerAuth({ headerName: 'x-adcp-auth', bearerPrefixRequired: true, validateToken });`);
    }
    files.push([`src/module-${i}.ts`, body.join('\n')]);
  }
  return files;
}
