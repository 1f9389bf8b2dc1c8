import { describe, expect, it } from 'vitest';
import { decodeSketch, encodeSketch, resemblance, sketchOf, TwinRegistry, type KeptReport } from '../indexer/twins.js';

// A report-like text long enough for a full sketch, different for every seed.
function prose(seed: number, sentences = 120): string {
  const words = ['政府信息公开', '主动公开', '依申请公开', '保密审查', '政务新媒体', '行政复议', '办理结果', '工作机制', '公开目录', '政策解读'];
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(`${words[(i * 7 + seed) % words.length]}第${i + seed * 1000}项${words[(i * 3 + seed) % words.length]}共${(i * 37 + seed * 11) % 997}件。`);
  return out.join('');
}

const kept = (reportId: string, text: string, twinKey: string | null = 'p|某县人民政府|2023'): KeptReport => ({
  reportId,
  source: `${reportId}.txt`,
  textHash: `hash-${reportId}`,
  twinKey,
  sketch: sketchOf(text),
});

describe('twins', () => {
  it('finds the same text with page numbers and a running header added as a near twin', () => {
    const text = prose(1);
    const withFurniture = text.replace(/(。)/g, (m, _p, offset: number) => (offset % 400 < 2 ? `${m}-3-某县人民政府办公室` : m));
    expect(resemblance(sketchOf(text), sketchOf(withFurniture))).toBeGreaterThan(0.8);
  });

  it('keeps apart two texts that share the wording but not the numbers', () => {
    expect(resemblance(sketchOf(prose(1)), sketchOf(prose(2)))).toBeLessThan(0.5);
  });

  it('gives resemblance 1 for the same text and 0 for an empty one', () => {
    expect(resemblance(sketchOf(prose(3)), sketchOf(prose(3)))).toBe(1);
    expect(resemblance([], sketchOf(prose(3)))).toBe(0);
  });

  it('round-trips a sketch through its string form', () => {
    const sketch = sketchOf(prose(4));
    expect(decodeSketch(encodeSketch(sketch))).toEqual(sketch);
  });

  it('finds an exact twin by text hash whatever the organ and year', () => {
    const registry = new TwinRegistry();
    registry.add(kept('a', prose(1), null));
    const match = registry.twinOf('b', { textHash: 'hash-a', sketch: [] }, null);
    expect(match?.kept.reportId).toBe('a');
    expect(match?.resemblance).toBe(1);
  });

  it('compares near twins only within the same organ and year', () => {
    const registry = new TwinRegistry();
    registry.add(kept('a', prose(1)));
    const fingerprint = { textHash: 'other', sketch: sketchOf(prose(1)) };
    expect(registry.twinOf('b', fingerprint, 'p|某县人民政府|2023')?.kept.reportId).toBe('a');
    expect(registry.twinOf('b', fingerprint, 'p|某县人民政府|2024')).toBeNull();
  });

  it('never calls a report its own twin, and forgets a removed one', () => {
    const registry = new TwinRegistry();
    registry.add(kept('a', prose(1)));
    expect(registry.twinOf('a', { textHash: 'hash-a', sketch: sketchOf(prose(1)) }, 'p|某县人民政府|2023')).toBeNull();
    registry.remove('a');
    expect(registry.twinOf('b', { textHash: 'hash-a', sketch: sketchOf(prose(1)) }, 'p|某县人民政府|2023')).toBeNull();
  });
});
