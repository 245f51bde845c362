import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every `*.bench.ts` beside this file, in name order, or only those whose name contains one of the arguments:
 * `pnpm bench parse linearity`. BENCH_TIME_MS sets how long each contender runs (default 500).
 */
const folder = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
console.log(`node ${process.version}, ${files.length} benchmark file(s)`);
for (const file of files) {
  console.log(`\n=== ${file}`);
  const module = (await import(pathToFileURL(`${folder}${file}`).href)) as { run(): Promise<void> };
  await module.run();
}
