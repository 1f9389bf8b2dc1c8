// Percentiles by the nearest-rank method: p50 of [1, 2, 3, 4] is 2, p99 of a hundred values is the
// 99th. Small samples make p99 the maximum, which is what it honestly is there.

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function rankIn(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function percentile(values: readonly number[], p: number): number {
  return rankIn(
    [...values].sort((a, b) => a - b),
    p,
  );
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: rankIn(sorted, 50),
    p95: rankIn(sorted, 95),
    p99: rankIn(sorted, 99),
    max: sorted.length === 0 ? NaN : sorted[sorted.length - 1]!,
  };
}
