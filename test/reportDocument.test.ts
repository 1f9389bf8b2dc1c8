// A report document as the indexer writes it: the measures Meilisearch filters on are top-level
// fields, and the packed copy is what the corpus statistics read back.
import { describe, expect, it } from 'vitest';
import { flattenMeasures } from '../core/measures.js';
import { buildReportDocument } from '../indexer/documents.js';
import { readReportBytes } from '../indexer/extract.js';
import { createFormatReader } from '../indexer/formatReader.js';
import { REPORT_DOCUMENT_FIELDS } from '../index/schema.js';
import { unpackMeasures } from '../index/statisticsCodec.js';
import { statisticsFixture } from './helpers/statistics.js';

async function reportOf(name: string) {
  const reader = createFormatReader();
  try {
    return await readReportBytes(statisticsFixture(name), { reportId: 'r1', source: name, fileName: name, contentHash: 'h' }, reader);
  } finally {
    await reader.close();
  }
}

describe('report document', () => {
  it('holds each measure as a top-level measures.<key> field, not as a nested object', async () => {
    const report = await reportOf('yunxi-2019.pipes.txt');
    const document = buildReportDocument(report, [], new Date(0)) as unknown as Record<string, unknown>;
    const measures = flattenMeasures(report.statistics!);
    expect(Object.keys(measures).length).toBeGreaterThan(50);
    expect(document['measures']).toBeUndefined();
    for (const [key, value] of Object.entries(measures)) expect(document[`measures.${key}`]).toBe(value);
  });

  it('packs the same measures for reading, and never returns the filter fields', async () => {
    const report = await reportOf('yunxi-2019.pipes.txt');
    const document = buildReportDocument(report, [], new Date(0));
    expect(unpackMeasures(document.measuresPacked)).toEqual(flattenMeasures(report.statistics!));
    expect(REPORT_DOCUMENT_FIELDS.some((field) => field.startsWith('measures.'))).toBe(false);
  });
});
