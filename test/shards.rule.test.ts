// The shard rule: a pure function of the report id and the number of shards, the same on every
// machine and run (FNV-1a 32 of the id's UTF-8 bytes, modulo the count), so that the indexer and a
// later run agree on where each report lives. The values below are FNV-1a's published test vectors.
import { describe, expect, it } from 'vitest';
import { shardLabel, shardOf } from '../index/shards.js';
import { DEFAULT_BATCH_BYTES, shardBatchBytes } from '../indexer/publisher.js';

describe('shardOf', () => {
  it('is FNV-1a 32 of the id modulo the number of shards', () => {
    // FNV-1a 32: "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(shardOf('a', 1_000_000_007)).toBe(0xe40c292c % 1_000_000_007);
    expect(shardOf('foobar', 7)).toBe(0xbf9cf968 % 7);
  });

  it('spreads report ids over the shards', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3_000; i++) counts[shardOf(`report-${i.toString(16).padStart(12, '0')}`, 3)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(900);
  });

  it('puts everything on the one shard there is', () => {
    expect(shardOf('anything-0123456789ab', 1)).toBe(0);
  });
});

describe('shardLabel', () => {
  it('shows an address without credentials', () => {
    expect(shardLabel('http://admin:secret@10.0.0.2:7700/')).toBe('http://10.0.0.2:7700');
  });
});

describe('shardBatchBytes', () => {
  it('gives one instance the whole batch', () => {
    expect(shardBatchBytes(1)).toBe(DEFAULT_BATCH_BYTES);
  });

  it('lets N shards together buffer no more section JSON than one instance', () => {
    for (const shards of [2, 3, 7, 10]) {
      expect(shardBatchBytes(shards) * shards).toBeLessThanOrEqual(DEFAULT_BATCH_BYTES);
      expect(shardBatchBytes(shards) * shards).toBeGreaterThan(DEFAULT_BATCH_BYTES - shards);
    }
  });
});
