// An open-addressing hash table from 30-bit non-negative integer keys to int32 values, in two typed
// arrays. Why not a Map: V8 caps a Map at 2^24 entries, far below a national corpus's passages
// times LSH bands, and a Map entry costs ~3× the 8 bytes a slot costs here.
//
// Invariants: capacity is a power of two; the table is at most half full (so a probe always ends);
// keys are never removed (the corpus index only grows; a rebuild starts a new table).

const EMPTY = -1;

export class IntTable {
  private keys: Int32Array;
  private values: Int32Array;
  private used = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
  }

  get size(): number {
    return this.used;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  /** The value stored under `key`, or `missing`. */
  get(key: number, missing = EMPTY): number {
    const mask = this.keys.length - 1;
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      const found = this.keys[slot] as number;
      if (found === key) return this.values[slot] as number;
      if (found === EMPTY) return missing;
    }
  }

  /** Stores `value` under `key` (replacing any value there). `key` must be in [0, 2^30). */
  set(key: number, value: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.resize(this.keys.length * 2);
    const mask = this.keys.length - 1;
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      const found = this.keys[slot] as number;
      if (found === key || found === EMPTY) {
        if (found === EMPTY) this.used++;
        this.keys[slot] = key;
        this.values[slot] = value;
        return;
      }
    }
  }

  /** The table's two arrays: copies, or (copy = false) its own, valid until the table changes. */
  toArrays(copy = true): { keys: Int32Array; values: Int32Array } {
    return copy ? { keys: this.keys.slice(), values: this.values.slice() } : { keys: this.keys, values: this.values };
  }

  /** A table from toArrays' output. Throws RangeError when the arrays cannot be a table. */
  static fromArrays(arrays: { keys: Int32Array; values: Int32Array }): IntTable {
    const { keys, values } = arrays;
    if (keys.length !== values.length || keys.length < 16 || (keys.length & (keys.length - 1)) !== 0) {
      throw new RangeError('an IntTable needs two arrays of the same power-of-two length');
    }
    const table = new IntTable();
    table.keys = keys.slice();
    table.values = values.slice();
    table.used = keys.reduce((n, key) => (key === EMPTY ? n : n + 1), 0);
    return table;
  }

  private resize(capacity: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    this.used = 0;
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const key = oldKeys[slot] as number;
      if (key !== EMPTY) this.set(key, oldValues[slot] as number);
    }
  }
}
