import { Bench } from 'tinybench';

export interface Contender {
  name: string;
  fn: () => unknown;
}

export interface ComparisonRow {
  name: string;
  /** Median time of one call, in nanoseconds: the one figure every comparison prints. */
  nsPerOp: number;
  /** Calls per second at that median time (`1e9 / nsPerOp`). */
  opsPerSecond: number;
  /** This contender's median time ÷ ours: above 1 means ours is faster. */
  ratio: number;
}

/** A column of `printTable`: numbers read best aligned right. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/**
 * Prints a plain-text table under a title, with optional notes below it: no index column, no quotes around text,
 * columns padded to their widest cell.
 */
export function printTable(title: string, columns: readonly Column[], rows: readonly (readonly string[])[], notes: readonly string[] = []): void {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${columns.map((c, i) => (c.align === 'right' ? (cells[i] ?? '').padStart(widths[i]!) : (cells[i] ?? '').padEnd(widths[i]!))).join('  ')}`.trimEnd();
  console.log(`\n${title}`);
  console.log(line(columns.map((c) => c.header)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`  ${note}`);
}

/** `1234.5` ns → `1.23 µs`: three significant digits in the unit that suits the value. */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a';
  const [value, unit] = ns >= 1e6 ? [ns / 1e6, 'ms'] : ns >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns'];
  return `${value.toPrecision(3)} ${unit}`;
}

/** How `ours` compares with a contender whose median time is `ratio` times ours. */
function verdict(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio === 0) return 'n/a';
  if (ratio.toFixed(2) === '1.00' || (1 / ratio).toFixed(2) === '1.00') return 'as fast (1.00x)';
  if (ratio >= 1) return `${ratio.toFixed(2)}x faster`;
  return `${(1 / ratio).toFixed(2)}x slower`;
}

/**
 * Runs `ours` and every peer on the same work with tinybench and prints one figure per contender, the median time
 * of one call, with how much faster (or slower) ours is than each peer, computed from those same medians. The median
 * rather than the mean, so a pause of the shared machine moves it less. Returns the rows so a caller can check a
 * target.
 */
export async function compare(
  title: string,
  ours: Contender,
  peers: readonly Contender[],
  options: { time?: number } = {},
): Promise<ComparisonRow[]> {
  const bench = new Bench({ time: options.time ?? Number(process.env.BENCH_TIME_MS ?? 500), warmup: true });
  for (const contender of [ours, ...peers]) bench.add(contender.name, contender.fn);
  await bench.run();
  const medianNs = (name: string): number => {
    const result = bench.getTask(name)?.result as { latency?: { p50?: number } } | undefined;
    const ms = result?.latency?.p50;
    return ms === undefined || ms <= 0 ? Number.NaN : ms * 1e6;
  };
  const oursNs = medianNs(ours.name);
  const rows: ComparisonRow[] = [ours, ...peers].map((c) => {
    const ns = medianNs(c.name);
    return { name: c.name, nsPerOp: ns, opsPerSecond: 1e9 / ns, ratio: ns / oursNs };
  });
  printTable(
    title,
    [{ header: 'contender' }, { header: 'median time per op', align: 'right' }, { header: 'first row is' }],
    rows.map((r, i) => [r.name, formatDuration(r.nsPerOp), i === 0 ? '(reference)' : verdict(r.ratio)]),
  );
  return rows;
}
