import { readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
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
const started = performance.now();
const load = loadavg()[0]!;
const cores = availableParallelism();
console.log(`authheaders benchmarks: ${files.length} file(s), node ${process.version}, ${cores} core(s) (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`);
console.log(`load average ${load.toFixed(2)} at the start${load > cores / 2 ? ': the machine is busy, so times are noisy; compare ratios, and re-run when it is quieter' : ''}`);
console.log(`each contender runs ${process.env.BENCH_TIME_MS ?? 500} ms (BENCH_TIME_MS); times are medians, ratios are medians divided`);
for (const file of files) {
  console.log(`\n=== ${file}`);
  const module = (await import(pathToFileURL(`${folder}${file}`).href)) as { run(): Promise<void> };
  await module.run();
}
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(0)} s`);
