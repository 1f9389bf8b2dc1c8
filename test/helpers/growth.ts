// Whether work grows linearly with its input, without a time limit that a loaded machine breaks:
// the fastest of a few runs on a large input against the fastest on one a tenth of its size, side by
// side. Linear work gives about 10×; a quadratic step gives about 100×.
export function growthFactor(run: (input: string) => unknown, small: string, large: string, runs = 3): number {
  const fastest = (input: string): number => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      run(input);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  fastest(small); // warm-up: compiled code, not the first interpretation
  return fastest(large) / fastest(small);
}

/** `text` repeated to about `chars` characters. */
export const repeatedTo = (text: string, chars: number): string => text.repeat(Math.ceil(chars / text.length));
