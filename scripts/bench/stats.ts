// Small statistics for the benchmarks: percentiles of latencies and a progress line.

export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
};

export type Summary = { count: number; p50: number; p95: number; p99: number; mean: number };

export const summarize = (samples: readonly number[]): Summary => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
};

/** Runs `call` `count` times, `concurrency` at a time, and returns each call's milliseconds. */
export const measure = async (
  label: string,
  count: number,
  concurrency: number,
  call: (i: number) => Promise<void>,
): Promise<number[]> => {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  let lastPrint = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await call(i);
      samples.push(performance.now() - t0);
      const now = performance.now();
      if (process.stderr.isTTY && now - lastPrint > 200) {
        lastPrint = now;
        const rate = samples.length / ((now - started) / 1000);
        process.stderr.write(`\r  ${label}: ${samples.length}/${count} (${rate.toFixed(0)}/s)   `);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  return samples;
};
