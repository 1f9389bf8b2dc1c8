import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketChains } from '../core/corpus/bucketChains.js';

// What a lookup sees: the entries of one key, following its bucket's chain and skipping the others.
function entriesOf(chains: BucketChains, keyOf: (entry: number) => number, key: number): number[] {
  const found: number[] = [];
  for (let entry = chains.first(key); entry !== -1; entry = chains.next(entry)) if (keyOf(entry) === key) found.push(entry);
  return found;
}

describe('bucket chains', () => {
  it("lists each key's entries newest first, however often the buckets were doubled", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(2 ** 30 - 1), { maxLength: 3000, size: 'max' }), fc.integer({ min: 1, max: 64 }), (rawKeys, initial) => {
        // Few distinct keys, so that chains mix keys and keys repeat.
        const keys = rawKeys.map((k) => k % 97);
        const keyOf = (entry: number): number => keys[entry] as number;
        const chains = new BucketChains(keyOf, initial);
        for (const key of keys) chains.add(key);
        for (const key of new Set(keys)) {
          const expected = keys.flatMap((k, entry) => (k === key ? [entry] : [])).reverse();
          expect(entriesOf(chains, keyOf, key)).toEqual(expected);
        }
        expect(entriesOf(chains, keyOf, 97)).toEqual([]);
      }),
    );
  });

  it('rebuilds from the keys the same chains as grown one entry at a time', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1237);
    const keyOf = (entry: number): number => keys[entry] as number;
    const grown = new BucketChains(keyOf, 1);
    for (const key of keys) grown.add(key);
    const rebuilt = BucketChains.rebuilt(keyOf, keys.length);
    for (const key of new Set(keys)) expect(entriesOf(rebuilt, keyOf, key)).toEqual(entriesOf(grown, keyOf, key));
  });

  it('holds at most 8 bytes of links and 4 of heads an entry at its largest', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => i);
    const chains = BucketChains.rebuilt((entry) => keys[entry] as number, keys.length);
    expect(chains.bytes).toBeLessThanOrEqual(keys.length * 12);
  });
});
