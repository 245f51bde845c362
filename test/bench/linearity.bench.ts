import { parseChallenges, type ParseOptions } from '@authheaders/www-authenticate';
import { printTable } from './support/compare';

/**
 * Cost on adversarial input must grow linearly. Each shape is parsed at 128 KiB, 256 KiB, 512 KiB and 1 MiB (lenient,
 * so a malformed field is still read to the end), best of several runs; the target is at most 5.2x the time for 4x
 * the input (linear, plus 30% for the garbage collector's step to a larger heap), from 128 KiB to 512 KiB and from
 * 256 KiB to 1 MiB.
 */
const SHAPES: Record<string, (bytes: number) => string> = {
  'a=b, repeated (one challenge, many params)': (bytes) => `X ${'a=b, '.repeat(Math.floor(bytes / 5))}`,
  'escaped quotes in one value': (bytes) => `X a="${'\\"'.repeat(Math.floor(bytes / 2))}"`,
  'commas only': (bytes) => ','.repeat(bytes),
  'unterminated quoted-string': (bytes) => `X a="${'x'.repeat(bytes)}`,
  'spaces then garbage': (bytes) => `X ${' '.repeat(bytes)}@`,
  'schemes without commas': (bytes) => 'X '.repeat(Math.floor(bytes / 2)),
  'many challenges (X a=b, repeated)': (bytes) => 'X a=b, '.repeat(Math.floor(bytes / 7)),
  'folded lines (CRLF SP) between params': (bytes) => `X ${'a=b,\r\n '.repeat(Math.floor(bytes / 7))}`,
  'bare line breaks between challenges': (bytes) => 'X a=b\r\n'.repeat(Math.floor(bytes / 7)),
  'control characters in a quoted value': (bytes) => `X a="${'\0'.repeat(bytes)}"`,
  'unquoted words in one value': (bytes) => `X a=${'w '.repeat(Math.floor(bytes / 2))}`,
  'padded token68 words in one value (a=w== w== …)': (bytes) => `X a=${'w== '.repeat(Math.floor(bytes / 4))}`,
  // A missing comma after an unquoted value: `name=` goes on with the challenge, a scheme starts the next one.
  'params separated by SP (a0=b a1=b …)': (bytes) => `X ${Array.from({ length: Math.floor(bytes / 9) }, (_, i) => `a${i}=b`).join(' ')}`,
  'challenges separated by SP (X a=b X a=b …)': (bytes) => 'X a=b '.repeat(Math.floor(bytes / 6)),
};

/** With a listener, every repair becomes a diagnostic object: the garbage collector's share is measured too. */
const LISTENED: ParseOptions = { lenient: true, maxLength: Infinity, onDiagnostic: () => {} };
const UNLISTENED: ParseOptions = { lenient: true, maxLength: Infinity };

/**
 * Best of 11 runs, in CPU time of the whole process (the garbage collector's threads included), so that other
 * processes on a shared machine do not make a shape look superlinear.
 */
function bestTime(field: string, options: ParseOptions): number {
  let best = Infinity;
  for (let run = 0; run < 11; run++) {
    const start = process.cpuUsage();
    try {
      parseChallenges(field, options);
    } catch {
      // strict mode: the fault is the point
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

export async function run(): Promise<void> {
  const sizes = [128, 256, 512, 1024].map((k) => k * 1024);
  const rows: string[][] = [];
  for (const [name, make] of Object.entries(SHAPES)) {
    for (const [label, options] of [
      ['', UNLISTENED],
      [', onDiagnostic', LISTENED],
    ] as const) {
      const times = sizes.map((size) => bestTime(make(size), options));
      const growth = [times[2]! / times[0]!, times[3]! / times[1]!];
      rows.push([
        name + label,
        times[3]!.toFixed(1),
        `${growth[0]!.toFixed(2)}x`,
        `${growth[1]!.toFixed(2)}x`,
        growth.every((g) => g <= 5.2) ? 'yes' : 'no',
      ]);
    }
  }
  printTable(
    'linearity: lenient parseChallenges on adversarial input, CPU time at 1 MiB and growth for 4x the input',
    [
      { header: 'input' },
      { header: '1 MiB (ms)', align: 'right' },
      { header: '128K→512K', align: 'right' },
      { header: '256K→1M', align: 'right' },
      { header: 'within 5.2x' },
    ],
    rows,
    [
      'Linear time grows 4x for 4x the input; the target allows 5.2x (30% for the garbage collector moving to a',
      'larger heap). CPU time of the whole process, best of 11 runs, so other processes weigh little; a "no" is a',
      'shape that grows faster than that (the www-authenticate README lists the known ones).',
    ],
  );
  // Strict mode throws its first fault: a line break must not cost more than any other first fault, however many
  // follow it (64 KiB of `a\n` recorded 32,768 diagnostics and read every challenge before throwing the first).
  const STRICT: Record<string, string> = {
    'a, repeated (valid)': 'a,'.repeat(32_768),
    'a then LF, repeated': 'a\n'.repeat(32_768),
    'a then CRLF, repeated': 'a\r\n'.repeat(21_845),
    'folded lines (a, CRLF SP), repeated': 'a,\r\n '.repeat(13_107),
    'X a=b then LF, repeated': 'X a=b\n'.repeat(10_922),
  };
  const base = bestTime(STRICT['a, repeated (valid)']!, {});
  printTable(
    'strict parseChallenges at 64 KiB (the default maxLength): CPU time, and ratio to a valid list of the same size',
    [{ header: 'input' }, { header: 'ms', align: 'right' }, { header: 'ratio', align: 'right' }],
    Object.entries(STRICT).map(([name, field]) => {
      const time = bestTime(field, {});
      return [name, time.toFixed(2), `${(time / base).toFixed(2)}x`];
    }),
    ['Strict mode reads no further than the first LF that ends a list element: its fault is there or before it.'],
  );
}
