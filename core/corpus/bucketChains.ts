// Entries (dense ids 0, 1, 2 … added in order) chained by the low bits of their key: one Int32Array of
// bucket heads and paged links (pagedArray.ts: growing copies nothing), 4 + 4 bytes an entry at worst.
// A bucket's chain holds entries of several keys, newest first; the caller skips the ones whose key
// differs, which it can tell because it can recompute any entry's key (`keyOf`). Why not a hash table
// from key to newest entry (IntTable, sessions 5–10): it stored each key beside its value in a table
// kept at most half full, 16–32 bytes an entry, and doubling it at 1M sections held both tables at once
// (about 400 MB for the passage index's 13 M band entries). Here the keys are not stored at all.
//
// Invariants: the number of buckets is a power of two and at least half the number of entries (a
// chain holds two entries on average); filtered by key, a chain lists that key's entries newest
// first, exactly as a table of per-key chains would, so lookups give the same answers in the same order.

import { PagedArray } from './pagedArray.js';

const NONE = -1;
// Entries per bucket on average before the buckets are doubled.
const LOAD = 2;

export class BucketChains {
  private heads: Int32Array;
  private readonly links = new PagedArray((length) => new Int32Array(length));
  private count = 0;

  /** `keyOf(entry)`: a non-negative integer key of an entry already added (its low bits pick the bucket). */
  constructor(
    private readonly keyOf: (entry: number) => number,
    initialEntries = 1024,
  ) {
    let buckets = 16;
    while (buckets * LOAD < initialEntries) buckets *= 2;
    this.heads = new Int32Array(buckets).fill(NONE);
    this.links.ensure(initialEntries);
  }

  /** Entries added. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by the two arrays. */
  get bytes(): number {
    return this.heads.byteLength + this.links.bytes;
  }

  /** Adds the next entry (id = size before the call) under `key`, which must be keyOf(id). */
  add(key: number): void {
    const entry = this.count;
    if (entry + 1 > this.heads.length * LOAD) this.rebucket(this.heads.length * 2, entry);
    this.links.ensure(entry + 1);
    const bucket = key & (this.heads.length - 1);
    this.links.set(entry, this.heads[bucket] as number);
    this.heads[bucket] = entry;
    this.count++;
  }

  /** The newest entry in `key`'s bucket (of any key), or -1. */
  first(key: number): number {
    return this.heads[key & (this.heads.length - 1)] as number;
  }

  /** The entry after `entry` in its bucket (of any key), or -1. */
  next(entry: number): number {
    return this.links.get(entry);
  }

  /** Adds entries 0 … count−1 to an empty structure: their keys from `keyOf`, in id order. */
  static rebuilt(keyOf: (entry: number) => number, count: number): BucketChains {
    const chains = new BucketChains(keyOf, count);
    for (let entry = 0; entry < count; entry++) chains.add(keyOf(entry));
    return chains;
  }

  // New heads for `buckets` buckets, the first `entries` entries chained again in id order, so
  // each chain stays newest first.
  private rebucket(buckets: number, entries: number): void {
    this.heads = new Int32Array(buckets).fill(NONE);
    const mask = buckets - 1;
    for (let entry = 0; entry < entries; entry++) {
      const bucket = this.keyOf(entry) & mask;
      this.links.set(entry, this.heads[bucket] as number);
      this.heads[bucket] = entry;
    }
  }
}
