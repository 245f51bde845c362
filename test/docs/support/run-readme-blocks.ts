// Runs README code blocks, one after the other in this process, offline: `tsx run-readme-blocks.ts <results.json>
// <block.ts>...`. Writes `[{ file, error? }]` to the results file; the blocks' own output goes to stdout.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installOfflineGuard } from './offline-guard';

const TIMEOUT_MS = 10_000;
const [resultsFile, ...blocks] = process.argv.slice(2);
const results: Array<{ file: string; error?: string }> = [];
// A block that tries to reach another host fails even when it catches the refusal itself.
installOfflineGuard((host) => results.push({ file: running, error: `tried to reach ${host}: mark it <!-- not run: reason --> or use loopback` }));
const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
// A rejection nobody awaited is charged to the block that was running when it surfaced.
let running = '';
const late = (error: unknown) => results.push({ file: running, error: describe(error) });
process.on('unhandledRejection', late);
process.on('uncaughtException', late);
for (const file of blocks) {
  running = file;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      import(pathToFileURL(resolve(file)).href),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still running after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    results.push({ file });
  } catch (error) {
    results.push({ file, error: describe(error) });
  } finally {
    clearTimeout(timer);
  }
}
writeFileSync(resultsFile!, JSON.stringify(results));
// A block may leave a server listening or a timer pending: the results are written, stop here.
process.exit(0);
