// A search hit's occurrences are computed only as far as its snippet needs (core/occurrences.ts,
// snippetOccurrencesOf): the snippet and heading it shows must be exactly those of every occurrence.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../config/paths.js';
import { sectionOccurrencesOf, snippetOccurrencesOf } from '../core/occurrences.js';
import { parseQuery, type Term } from '../core/query.js';
import { extractText } from '../indexer/extract.js';
import { ExtractError } from '../indexer/formats/types.js';
import { DecodeError } from '../indexer/decode.js';
import { createFormatReader } from '../indexer/formatReader.js';
import { NotAReportError, readReport } from '../indexer/readReport.js';
import { headingHtml, snippetHtml } from '../server/highlight.js';
import { SHARED_REAL, SHARED_SEEDS, sharedReportFiles } from './helpers/shared.js';

const source = (fileName: string) => ({ reportId: 'r', source: fileName, fileName, contentHash: 'h' });

/** What a hit shows: its heading and its snippet. */
function shown(heading: string, text: string, found: ReturnType<typeof sectionOccurrencesOf>): string {
  return `${headingHtml(heading, found.heading)}\n${snippetHtml(text, found.text)}`;
}

function queries(): Term[][] {
  return readFileSync(projectPath('tools', 'eval', 'queries.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => {
      try {
        return [parseQuery(line).positiveTerms];
      } catch {
        return [];
      }
    });
}

describe('snippetOccurrencesOf on real and demo reports', () => {
  const reader = createFormatReader();
  afterAll(() => reader.close());
  const demoDir = projectPath('fixtures', 'demo', 'reports');
  const files = [
    ...sharedReportFiles([SHARED_SEEDS, SHARED_REAL]),
    ...readdirSync(demoDir)
      .filter((n) => n.endsWith('.txt') || n.endsWith('.html'))
      .map((n) => join(demoDir, n)),
  ];

  it('shows the same heading and snippet as every occurrence does, for every eval query', { timeout: 300_000 }, async () => {
    const sections: Array<{ heading: string; text: string }> = [];
    for (const file of files) {
      try {
        sections.push(...readReport(await extractText(readFileSync(file), basename(file), reader), source(basename(file))).sections);
      } catch (error) {
        if (!(error instanceof NotAReportError || error instanceof ExtractError || error instanceof DecodeError)) throw error;
      }
    }
    expect(sections.length).toBeGreaterThan(existsSync(SHARED_REAL) ? 300 : 100);
    let compared = 0;
    for (const terms of queries()) {
      for (const { heading, text } of sections) {
        const every = sectionOccurrencesOf(heading, text, terms);
        if (every.heading.length + every.text.length === 0) continue;
        compared++;
        // A small first prefix makes the windowed path run on short sections too.
        for (const firstPrefix of [1_024, 8]) {
          const windowed = snippetOccurrencesOf(heading, text, terms, { firstPrefix });
          expect(shown(heading, text, windowed)).toBe(shown(heading, text, every));
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});

const PIECES = [
  '政',
  '府',
  '信',
  '息',
  '公',
  '开',
  '𠀀',
  '。',
  '，',
  ' ',
  '\n',
  'ab',
  'A1',
  '(',
  '（',
  'ā',
  '）',
  '⼈',
  '報',
  '告',
  '2024',
];

describe('snippetOccurrencesOf on any text', () => {
  it('shows the same heading and snippet as every occurrence does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }),
        fc.array(fc.constantFrom(...PIECES), { maxLength: 600 }),
        fc.constantFrom('公开', '信息公开', '政府信息公开', 'ab', '。政', '公开 OR 报告', '信息 NEAR/3 公开', '府信'),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 2, max: 200 }),
        (heading, text, q, firstPrefix, reach) => {
          const terms = parseQuery(q).positiveTerms;
          const h = heading.join('');
          const t = text.join('');
          const windowed = snippetOccurrencesOf(h, t, terms, { firstPrefix, reach: Math.max(reach, 161) });
          expect(shown(h, t, windowed)).toBe(shown(h, t, sectionOccurrencesOf(h, t, terms)));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('reads a long text only as far as its first occurrence and the snippet after it', () => {
    const text = `开头${'政府信息公开。'.repeat(20_000)}`;
    const terms = parseQuery('信息公开').positiveTerms;
    const windowed = snippetOccurrencesOf('标题', text, terms);
    expect(sectionOccurrencesOf('标题', text, terms).text).toHaveLength(20_000);
    expect(windowed.text.length).toBeLessThan(1_000);
    expect(windowed.text[0]).toEqual({ start: 4, end: 8 });
  });
});
