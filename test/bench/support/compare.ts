import { Bench } from 'tinybench';

export interface Contender {
  name: string;
  fn: () => unknown;
}

export interface ComparisonRow {
  name: string;
  opsPerSecond: number;
  /** ours ÷ this contender: above 1 means ours is faster. */
  ratio: number;
}

/**
 * Runs `ours` and every peer on the same work, prints ops/s and the ratio of ours to each peer, and returns the rows
 * so a caller can check a target.
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
  const hz = (name: string): number => {
    const task = bench.getTask(name);
    const result = task?.result as { throughput?: { mean?: number }; hz?: number } | undefined;
    return result?.throughput?.mean ?? result?.hz ?? 0;
  };
  const oursHz = hz(ours.name);
  const rows = [ours, ...peers].map((c) => ({ name: c.name, opsPerSecond: hz(c.name), ratio: oursHz / hz(c.name) }));
  console.log(`\n${title}`);
  console.table(
    rows.map((r) => ({
      contender: r.name,
      'ops/s': Math.round(r.opsPerSecond).toLocaleString('en-US'),
      'ours ÷ this': r.name === ours.name ? '1.00x' : `${r.ratio.toFixed(2)}x`,
    })),
  );
  return rows;
}
