import { parseChallenges } from '@authheaders/www-authenticate';
import { printTable } from './support/compare';

/**
 * Cost on adversarial input must grow linearly: doubling the input at most doubles the time (±30%). Each shape is
 * parsed at 128 KiB, 256 KiB, 512 KiB and 1 MiB (lenient, so a malformed field is still read to the end), best of
 * several runs.
 */
const SHAPES: Record<string, (bytes: number) => string> = {
  'a=b, repeated (one challenge, many params)': (bytes) => `X ${'a=b, '.repeat(Math.floor(bytes / 5))}`,
  'escaped quotes in one value': (bytes) => `X a="${'\\"'.repeat(Math.floor(bytes / 2))}"`,
  'commas only': (bytes) => ','.repeat(bytes),
  'unterminated quoted-string': (bytes) => `X a="${'x'.repeat(bytes)}`,
  'spaces then garbage': (bytes) => `X ${' '.repeat(bytes)}@`,
  'schemes without commas': (bytes) => 'X '.repeat(Math.floor(bytes / 2)),
};

function bestTime(field: string): number {
  let best = Infinity;
  for (let run = 0; run < 11; run++) {
    const start = performance.now();
    parseChallenges(field, { lenient: true, maxLength: Infinity });
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export async function run(): Promise<void> {
  const sizes = [128, 256, 512, 1024].map((k) => k * 1024);
  const limit = 2.6;
  const rows: string[][] = [];
  for (const [name, make] of Object.entries(SHAPES)) {
    const times = sizes.map((size) => bestTime(make(size)));
    const ratios = times.slice(1).map((t, i) => t / times[i]!);
    const over = ratios.map((r, i) => (r > limit ? `${sizes[i]! / 1024}→${sizes[i + 1]! / 1024} KiB` : '')).filter(Boolean);
    rows.push([
      name,
      times[3]!.toFixed(2),
      ratios.map((r) => `${r.toFixed(2)}x`).join('  '),
      over.length === 0 ? 'linear' : `over ${limit}x at ${over.join(', ')}`,
    ]);
  }
  printTable(
    'linearity: parseChallenges on adversarial input, 128 KiB → 1 MiB (best of 11 runs per size)',
    [{ header: 'input' }, { header: '1 MiB (ms)', align: 'right' }, { header: 'time ×, each doubling' }, { header: 'verdict' }],
    rows,
    [
      `Linear time doubles with each doubling of the input; a step above ${limit}x is named in the verdict. On a busy`,
      'machine a single step often is: the garbage collector moving to a larger heap, or another process. Re-run',
      'with `pnpm bench linearity` before reading it as super-linear.',
    ],
  );
}
