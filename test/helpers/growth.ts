// Whether work grows linearly with its input, without a time limit that a loaded machine breaks:
// the fastest of a few runs on a large input against the fastest on one a tenth of its size, the two
// sizes taken in turn so that both see the same load (a test run beside another saw 32–35× when all
// the small runs came first). Linear work gives about 10×; a quadratic step gives about 100×.
export function growthFactor(run: (input: string) => unknown, small: string, large: string, runs = 5): number {
  const timed = (input: string): number => {
    const started = performance.now();
    run(input);
    return performance.now() - started;
  };
  timed(small); // warm-up: compiled code, not the first interpretation
  let smallest = Number.POSITIVE_INFINITY;
  let largest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    smallest = Math.min(smallest, timed(small));
    largest = Math.min(largest, timed(large));
  }
  return largest / smallest;
}

/** `text` repeated to about `chars` characters. */
export const repeatedTo = (text: string, chars: number): string => text.repeat(Math.ceil(chars / text.length));
