import { describe, expect, it } from 'vitest';
import type { OccurrenceRow, SectionHit } from '../core/hits.js';
import { occurrenceRows, queryOccurrences } from '../core/occurrences.js';
import { concordancePage } from '../server/concordance.js';
import type { KwicSort } from '../server/params.js';

// Sections with many overlapping occurrences of 公开, some running from the heading into the text.
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const ALPHABET = ['公', '开', '信', '息', '。', '政', '府', '，'];
const PROVINCES = ['北京市', '四川省', '河南省', null];

function randomText(random: () => number, length: number): string {
  return Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
}

function hits(count: number, seed: number): SectionHit[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const heading = random() < 0.3 ? `${randomText(random, 4)}公` : randomText(random, 3);
    const text = random() < 0.3 ? `开${randomText(random, 40)}` : randomText(random, 40);
    const found = queryOccurrences('公开', { heading, text });
    return {
      reportId: `r${Math.floor(i / 3)}`,
      title: null,
      organ: null,
      organKey: null,
      province: PROVINCES[Math.floor(random() * PROVINCES.length)] ?? null,
      city: null,
      county: null,
      level: null,
      organKind: null,
      year: 2010 + Math.floor(random() * 12),
      publishedAt: null,
      source: `r${i}.txt`,
      ocr: false,
      sectionId: `s${i}`,
      ordinal: i % 3,
      sectionType: 'other',
      heading,
      text,
      keyTerms: [],
      headingOccurrences: found.heading,
      textOccurrences: found.text,
    };
  });
}

async function* streamOf<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/** The concordance page as it was computed before rows were bounded: every row read, sorted, sliced. */
function everyRowPage(all: readonly SectionHit[], options: { sort: KwicSort; page: number; per: number; limit: number; context: number }) {
  const rows: OccurrenceRow[] = all.flatMap((hit) => occurrenceRows(hit, options.context));
  const read = rows.slice(0, options.limit);
  const collator = new Intl.Collator('zh-CN');
  const reversed = (text: string) => Array.from(text).reverse().join('');
  const compare: Record<Exclude<KwicSort, 'year'>, (a: OccurrenceRow, b: OccurrenceRow) => number> = {
    left: (a, b) => collator.compare(reversed(a.left), reversed(b.left)),
    right: (a, b) => collator.compare(a.right, b.right),
    province: (a, b) => collator.compare(a.hit.province ?? '\uffff', b.hit.province ?? '\uffff') || (b.hit.year ?? 0) - (a.hit.year ?? 0),
  };
  const sorted = options.sort === 'year' ? read : [...read].sort(compare[options.sort]);
  const from = (options.page - 1) * options.per;
  return { rows: sorted.slice(from, from + options.per), total: read.length, truncated: rows.length > options.limit };
}

const SORTS: KwicSort[] = ['year', 'left', 'right', 'province'];

describe('concordancePage', () => {
  it('gives the same rows, total and truncation as sorting every row read', async () => {
    const all = hits(300, 7);
    for (const sort of SORTS) {
      for (const [page, per, limit] of [
        [1, 20, 20_000],
        [3, 7, 20_000],
        [2, 50, 120],
        [9, 13, 100],
        ...[95, 96, 97, 98, 99, 100, 101, 102, 103].map((limit) => [8, 13, limit] as const),
        [40, 25, 20_000],
      ] as const) {
        const options = { sort, page, per, limit, context: 3 };
        const page_ = await concordancePage(streamOf(all), options);
        const expected = everyRowPage(all, options);
        expect(
          { rows: page_.rows, total: page_.total, truncated: page_.truncated },
          `${sort} page ${page} per ${per} limit ${limit}`,
        ).toEqual(expected);
      }
    }
  });

  it('holds at most twice the rows up to the page shown, whatever the number of occurrences read', async () => {
    const all = hits(2_000, 11);
    const occurrences = all.reduce((n, hit) => n + occurrenceRows(hit, 3).length, 0);
    expect(occurrences).toBeGreaterThan(1_000);
    for (const sort of SORTS) {
      const page = await concordancePage(streamOf(all), { sort, page: 2, per: 20, limit: 20_000, context: 3 });
      expect(page.total).toBe(occurrences);
      expect(page.heldRows, sort).toBeLessThanOrEqual(2 * 2 * 20);
    }
  });

  it("stops reading the stream, with the signal's reason, once its signal aborts", async () => {
    const all = hits(2_000, 13);
    for (const sort of SORTS) {
      const controller = new AbortController();
      let read = 0;
      let closed = false;
      async function* stream(): AsyncIterable<SectionHit> {
        try {
          for (const hit of all) {
            read++;
            if (read === 100) controller.abort(new Error('client left'));
            yield hit;
          }
        } finally {
          closed = true;
        }
      }
      const page = concordancePage(stream(), { sort, page: 1, per: 20, limit: 20_000, context: 3, signal: controller.signal });
      await expect(page, sort).rejects.toThrow('client left');
      expect(read, sort).toBe(100);
      expect(closed, sort).toBe(true);
    }
  });
});
