import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { printTable } from './support/compare';

// The same budget as test/packaging/size-budget.test.ts, where CI enforces it.
const BUDGET_BYTES = 2400;

/** Min+gzip size of what a consumer pays for parse + serialize, bundled from the built ESM file. */
export async function measureCoreSize(exports = 'parseChallenges, serializeChallenges'): Promise<number> {
  const entry = fileURLToPath(new URL('../../packages/www-authenticate/dist/index.js', import.meta.url));
  const result = await build({
    stdin: { contents: `export { ${exports} } from ${JSON.stringify(entry)};`, resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

export async function run(): Promise<void> {
  const rows: string[][] = [];
  for (const exports of ['parseChallenges, serializeChallenges', 'parseChallenges', 'serializeChallenges', '*']) {
    const bytes = await measureCoreSize(exports === '*' ? 'parseChallenges, parseCredentials, serializeChallenges, serializeCredentials, findChallenge, AuthHeaderSyntaxError' : exports);
    const budgeted = exports === 'parseChallenges, serializeChallenges';
    rows.push([
      exports === '*' ? 'everything' : exports,
      bytes.toLocaleString('en-US'),
      budgeted ? `${((bytes / BUDGET_BYTES) * 100).toFixed(1)}% of ${BUDGET_BYTES.toLocaleString('en-US')} B` : 'no budget',
    ]);
  }
  printTable(
    'size: @authheaders/www-authenticate, esbuild --minify + gzip -9',
    [{ header: 'bundle' }, { header: 'min+gzip (bytes)', align: 'right' }, { header: 'budget' }],
    rows,
    ['Only parse + serialize has a budget; CI fails above it (test/packaging/size-budget.test.ts).'],
  );
}
