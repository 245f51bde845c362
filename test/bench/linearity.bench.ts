import { parseChallenges } from '@authheaders/www-authenticate';

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
  const rows: Record<string, string>[] = [];
  for (const [name, make] of Object.entries(SHAPES)) {
    const times = sizes.map((size) => bestTime(make(size)));
    const ratios = times.slice(1).map((t, i) => t / times[i]!);
    rows.push({
      input: name,
      '1 MiB (ms)': times[3]!.toFixed(2),
      'time ratio per doubling': ratios.map((r) => r.toFixed(2)).join(' / '),
      linear: ratios.every((r) => r <= 2.6) ? 'yes' : 'CHECK',
    });
  }
  console.log('\nlinearity: parseChallenges on adversarial input, 128 KiB → 1 MiB');
  console.table(rows);
}
