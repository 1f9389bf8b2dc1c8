import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { normalizedText, toUnits } from '../core/units.js';
import { decodeSketch, encodeSketch, numberSketch, twinEvidence, twinKeyOf, wordSketch, type TwinSketches } from '../indexer/twins.js';
import { TwinRegistry, type KeptReport } from '../indexer/twinRegistry.js';

// A report-like text: the same wording every year, this year's numbers.
function report(year: number, sentences = 150): string {
  const words = [
    '政府信息公开',
    '主动公开',
    '依申请公开',
    '保密审查',
    '政务新媒体',
    '行政复议',
    '办理结果',
    '工作机制',
    '公开目录',
    '政策解读',
  ];
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    out.push(`${words[(i * 7) % words.length]}第${i + 1}项${words[(i * 3) % words.length]}，全年共${(i * 37 + year * 11) % 997}件。`);
  }
  return out.join('\n');
}

const sketches = (text: string): TwinSketches => {
  const normalized = normalizedText(toUnits(text));
  return { words: wordSketch(normalized.replace(/\s+/g, '')), ...numberSketch(normalized) };
};

// The same report as a PDF gives it: page numbers dropped, lines wrapped anew, a running header.
function asPdf(text: string): string {
  const flowing = text.replace(/\n/g, '');
  let out = '';
  let line = 0;
  for (let i = 0; i < flowing.length; i++) {
    out += flowing[i];
    // Word and WPS never break a line inside a number.
    const atWrap = i % 23 === 22 && !/[0-9]/.test(flowing[i + 1] ?? '');
    if (atWrap && ++line % 30 === 0) out += '\n某县人民政府办公室';
    if (atWrap) out += '\n';
  }
  return out;
}

const kept = (reportId: string, text: string, twinKey: string | null = '浙江省|某县人民政府|2023'): KeptReport => ({
  reportId,
  source: `${reportId}.txt`,
  textHash: `hash-${reportId}`,
  twinKey,
  twinSketch: encodeSketch(sketches(text)),
});

describe('twins', () => {
  it('finds the PDF of a report a near twin of its text', () => {
    const evidence = twinEvidence(sketches(report(2023)), sketches(asPdf(report(2023))));
    expect(evidence.numbers).toBe(1);
    expect(evidence.twins).toBe(true);
  });

  it('finds a web page with a few more numbers of its furniture a twin of its PDF', () => {
    const furniture = '发布时间：2024-01-20 浏览次数：356 电话：0572-5123408 邮编：313300 网站标识码：3305230001 浙ICP备05012345号';
    const page = `${furniture}\n${report(2023)}\n${furniture}\n${furniture}`;
    expect(twinEvidence(sketches(page), sketches(asPdf(report(2023)))).twins).toBe(true);
  });

  it('keeps apart next year’s report with the same wording and other numbers', () => {
    const evidence = twinEvidence(sketches(report(2023)), sketches(report(2024)));
    expect(evidence.words).toBeGreaterThan(0.9);
    expect(evidence.twins).toBe(false);
  });

  it('counts a number printed twice twice', () => {
    const numbers = (text: string): number => numberSketch(normalizedText(toUnits(text))).numberCount;
    expect(numbers('共5件，办结5件。')).toBe(2);
    expect(numbers('共5件。')).toBe(1);
  });

  it('round-trips both sketches through their string form', () => {
    const both = sketches(report(4));
    expect(decodeSketch(encodeSketch(both))).toEqual(both);
  });

  it('writes sketches a third shorter than 8 hex digits a hash', () => {
    const both = sketches(report(4));
    const hashes = both.words.length + both.numbers.length;
    expect(hashes).toBeGreaterThan(50);
    expect(encodeSketch(both).length).toBeLessThan(hashes * 8 * 0.7);
  });

  it('still reads the sketches an older index stored as hex', () => {
    const both = sketches(report(4));
    const hex = (sketch: Uint32Array) => Array.from(sketch, (h) => h.toString(16).padStart(8, '0')).join('');
    expect(decodeSketch(`${hex(both.words)}.${hex(both.numbers)}.${both.numberCount}`)).toEqual(both);
  });

  it('finds an exact twin by text hash whatever the organ and year', () => {
    const registry = new TwinRegistry();
    registry.add(kept('a', report(1), null));
    const match = registry.twinOf('b', { textHash: 'hash-a', words: new Uint32Array(), numbers: new Uint32Array(), numberCount: 0 }, null);
    expect(match?.kept.reportId).toBe('a');
    expect(match?.evidence).toBeNull();
  });

  it('compares near twins only within the same organ and year', () => {
    const registry = new TwinRegistry();
    registry.add(kept('a', report(1)));
    const fingerprint = { textHash: 'other', ...sketches(asPdf(report(1))) };
    expect(registry.twinOf('b', fingerprint, '浙江省|某县人民政府|2023')?.kept.reportId).toBe('a');
    expect(registry.twinOf('b', fingerprint, '浙江省|某县人民政府|2024')).toBeNull();
  });

  it('never calls a report its own twin, and forgets a removed one', () => {
    const registry = new TwinRegistry();
    registry.add(kept('a', report(1)));
    const fingerprint = { textHash: 'hash-a', ...sketches(report(1)) };
    expect(registry.twinOf('a', fingerprint, '浙江省|某县人民政府|2023')).toBeNull();
    registry.remove('a');
    expect(registry.twinOf('b', fingerprint, '浙江省|某县人民政府|2023')).toBeNull();
  });

  it('keeps the sketches as they were when the report was added', () => {
    const registry = new TwinRegistry();
    const fingerprint = sketches(report(1));
    registry.add({ ...kept('a', ''), twinSketch: encodeSketch(fingerprint) });
    fingerprint.words.fill(0);
    fingerprint.numbers.fill(0);
    expect(registry.twinOf('b', { textHash: 'hash-b', ...sketches(report(1)) }, '浙江省|某县人民政府|2023')?.kept.reportId).toBe('a');
  });

  it('finds the twins of the first, a middle and the last of 3,000 kept reports', () => {
    const registry = new TwinRegistry();
    const year = (i: number): string => `浙江省|某县人民政府|${2000 + i}`;
    const text = report(1);
    for (let i = 0; i < 3_000; i++) registry.add(kept(`r${i}`, text, year(i)));
    for (const i of [0, 1_500, 2_999]) {
      expect(registry.twinOf('new', { textHash: 'hash-new', ...sketches(text) }, year(i))?.kept.reportId).toBe(`r${i}`);
    }
    registry.close();
  });

  // A run keeps every report it reads: in memory that was 1.5 KB a report, 150 MB at 100,000 reports.
  it('keeps its reports on disk: memory holds only its lookups', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const registry = new TwinRegistry();
    const fingerprint = sketches(report(1));
    const twinSketch = encodeSketch(fingerprint);
    gc();
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    for (let i = 0; i < 10_000; i++) {
      registry.add({ ...kept(`r${i}`, '', `浙江省|某县人民政府|${i}`), twinSketch });
    }
    gc();
    // Kept in memory a report took 1,500 bytes, 770 of them its sketches; on disk about 360 (up to 470
    // measured, as the heap's own bookkeeping moves).
    expect((used() - before) / 10_000).toBeLessThan(800);
    expect(registry.twinOf('new', { textHash: 'hash-r9999', ...fingerprint }, null)?.kept.source).toBe('r9999.txt');
    registry.close();
  });

  it('leaves no file behind, and names the folder it cannot write in', () => {
    const folder = mkdtempSync(join(tmpdir(), 'twins-'));
    const registry = new TwinRegistry(folder);
    registry.add(kept('a', report(1)));
    expect(readdirSync(folder)).toEqual([]);
    registry.close();
    writeFileSync(join(folder, 'a-file'), '');
    const blocked = new TwinRegistry(join(folder, 'a-file', 'data'));
    expect(() => blocked.add(kept('a', report(1)))).toThrow(/a-file\/data.*writable/);
    rmSync(folder, { recursive: true });
  });
});

describe('twinKeyOf', () => {
  it('is province|organ|year, and null without an organ or a year', () => {
    expect(twinKeyOf({ province: '江苏', organ: '南京市玄武区人民政府', year: 2019 })).toBe('江苏|南京市玄武区人民政府|2019');
    expect(twinKeyOf({ province: null, organ: '南京市玄武区人民政府', year: 2019 })).toBe('|南京市玄武区人民政府|2019');
    expect(twinKeyOf({ province: '江苏', organ: null, year: 2019 })).toBeNull();
    expect(twinKeyOf({ province: '江苏', organ: '南京市玄武区人民政府', year: null })).toBeNull();
  });

  // The registry keeps every key for the whole run; an organ cut from the text must not keep the text.
  it('does not keep alive the text its organ was cut from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const key = ((): string | null => {
      // About 20 MB of two-byte characters, the organ at its end.
      const body = `${'本机关认真贯彻落实政府信息公开条例。'.repeat(550_000)}南京市玄武区玄武门街道办事处人民政府`;
      return twinKeyOf({ province: '江苏', organ: body.slice(body.length - 18), year: 2019 });
    })();
    gc();
    expect(key).toBe('江苏|南京市玄武区玄武门街道办事处人民政府|2019');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(5_000_000);
  });
});
