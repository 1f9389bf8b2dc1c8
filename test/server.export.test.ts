import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, streamExport } from '../server/exports.js';
import { startHarness, type Harness } from './helpers/serverHarness.js';
import { parseCsv } from './helpers/csv.js';
import type { OccurrenceRow } from '../core/hits.js';
import { keyingParameters } from '../core/corpus/passageIndex.js';
import { DOCUMENT_FORMAT_VERSION } from '../index/schema.js';
import { MEMORY_GENERATION } from './helpers/memorySearch.js';

const EXPORTED_AT = new Date('2024-05-01T08:00:00.000Z');
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => EXPORTED_AT });
});
afterAll(async () => {
  await h.close();
});

const q = encodeURIComponent('保密审查');
/** 保密审查 occurs twice in one section of the 2019 report and once in each other place. */
const OCCURRENCES = 7;

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    [null, ''],
    [2019, '2019'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('GET /export.csv', () => {
  it('starts with a BOM and has one row per occurrence', async () => {
    const response = await h.get(`/export.csv?q=${q}`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="nianbao-20240501T080000Z\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder('utf-8').decode(bytes));
    expect(rows[0]![0]).toBe('report_id');
    expect(rows).toHaveLength(1 + OCCURRENCES);
    expect(new Set(rows.map((row) => row.length))).toEqual(new Set([rows[0]!.length]));
  });

  it('records the query, filters, export time and index size on every row', async () => {
    const response = await h.get(`/export.csv?q=${q}&level=county`);
    const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    const column = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row[column('query')]).toBe('保密审查');
      expect(JSON.parse(row[column('filters')]!)).toEqual({ level: ['county'] });
      expect(row[column('exported_at')]).toBe('2024-05-01T08:00:00.000Z');
      expect(row[column('reports_in_index')]).toBe('5');
      expect(row[column('level_label')]).toBe('县级');
    }
    const broken = rows.find((row) => row[column('match')] === '保密\n审查');
    expect(broken?.[column('permalink')]).toBe(`${h.server.url}/reports/bj-dongcheng-2019?q=${q}#occ-bj-dongcheng-2019-s4-0`);
  });

  it('keeps markup and quotes in a field as data', async () => {
    const response = await h.get(`/export.csv?q=${encodeURIComponent('引号')}`);
    const [header, row] = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    expect(row![header!.indexOf('right')]).toContain(`”与'单引号'&符号`);
    expect(row![header!.indexOf('organ')]).toBe('某市人民政府<img src=x onerror=alert(1)>');
  });
});

describe('GET /export.jsonl', () => {
  it('exports, for a NEAR query, one row per occurrence that takes part and no other', async () => {
    // 保密审查 NEAR/3 政府网站 holds in two sections (制度， and ，規範 between them); the second
    // 保密审查 of the 2019 section is 11 units from 政府网站 and takes no part.
    const response = await h.get(`/export.jsonl?q=${encodeURIComponent('保密审查 NEAR/3 政府网站')}`);
    const rows = (await response.text())
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line) as { match: string });
    expect(rows.map((row) => row.match).sort()).toEqual(['保密审查', '保密審查', '政府网站', '政府網站'].sort());
  });

  it('starts with a meta line, then one row per occurrence', async () => {
    const response = await h.get(`/export.jsonl?q=${q}&province=${encodeURIComponent('北京市')}&context=10`);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({
      meta: {
        query: '保密审查',
        filters: { province: ['北京市'] },
        statistics: null,
        passage: null,
        distinct: 'section',
        sort: 'year-desc',
        context: 10,
        alsoIn: false,
        exportedAt: '2024-05-01T08:00:00.000Z',
        reportsInIndex: 5,
        indexGeneration: MEMORY_GENERATION,
        formatVersion: DOCUMENT_FORMAT_VERSION,
        passageRules: keyingParameters(),
      },
    });
    expect(lines).toHaveLength(1 + 4);
    expect(Object.keys(lines[1])).toEqual([
      'reportId',
      'sectionId',
      'title',
      'organ',
      'province',
      'level',
      'year',
      'sectionType',
      'heading',
      'ocr',
      'field',
      'index',
      'left',
      'match',
      'right',
      'permalink',
    ]);
    expect(lines.slice(1).every((row) => Array.from(row.left as string).length <= 10)).toBe(true);
  });
});

class FakeResponse extends EventEmitter {
  chunks: string[] = [];
  ended = false;
  /** Whether each write reports a full buffer. */
  full = false;
  statusCode = 0;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  set() {
    return this;
  }
  write(chunk: string) {
    this.chunks.push(chunk);
    return !this.full;
  }
  end() {
    this.ended = true;
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function rowsCounting(total: number, state: { pulled: number; finished: boolean }): AsyncIterable<OccurrenceRow> {
  return (async function* () {
    try {
      for (let i = 0; i < total; i++) {
        state.pulled++;
        yield { index: i } as unknown as OccurrenceRow;
      }
    } finally {
      state.finished = true;
    }
  })();
}

describe('streamExport', () => {
  const format = { head: 'head\n', line: (row: OccurrenceRow) => `${row.index}\n`, contentType: 'text/plain', filename: 'x' };

  it('waits for the client to drain before reading more rows', async () => {
    const response = new FakeResponse();
    const state = { pulled: 0, finished: false };
    response.full = true;
    const done = streamExport(response as unknown as Response, rowsCounting(5, state), format);
    await tick();
    expect(response.chunks).toEqual(['head\n']);
    expect(state.pulled).toBe(1);
    response.full = false;
    response.emit('drain');
    await done;
    expect(response.chunks).toEqual(['head\n', '0\n', '1\n', '2\n', '3\n', '4\n']);
    expect(response.ended).toBe(true);
  });

  it('stops reading rows when the client goes away', async () => {
    const response = new FakeResponse();
    const state = { pulled: 0, finished: false };
    response.full = true;
    const done = streamExport(response as unknown as Response, rowsCounting(1000, state), format);
    await tick();
    response.emit('close');
    await done;
    expect(state.pulled).toBeLessThan(3);
    expect(state.finished).toBe(true);
    expect(response.ended).toBe(false);
  });
});
