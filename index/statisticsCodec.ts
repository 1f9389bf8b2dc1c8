// How a report's statistics tables are stored: deflated JSON in base64, unpacked when a report is
// read. Why: as plain JSON the tables (every cell with its keys, the value maps, the checks) are
// about 33 KB per report, nearly all of a report document and about a third of all stored documents
// at 21k sections, yet only a report page reads them; Meilisearch stores every field it returns.
// Packed they are about 3 KB. Lossless: the API's `statistics` is the same object. What filters
// need is in the `measures.<key>` fields and `statisticsStatus`, which stay plain; the measures are
// packed too for reading (about 90 numbers a report whose key names were most of a report document).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { MeasureKey } from '../core/measures.js';
import type { ReportStatistics } from '../core/statistics/types.js';

/** A value as deflated JSON in base64, and back: the one packing both fields use. */
const pack = (value: unknown): string => deflateRawSync(JSON.stringify(value)).toString('base64');
const unpack = <T>(packed: string): T => JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')) as T;

export function packStatistics(statistics: ReportStatistics | null): string | null {
  return statistics === null ? null : pack(statistics);
}

export function unpackStatistics(packed: string): ReportStatistics {
  return unpack<ReportStatistics>(packed);
}

/** A report's measures (core/measures.ts flattenMeasures) as the corpus statistics read them; null for none. */
export function packMeasures(measures: Readonly<Record<MeasureKey, number>>): string | null {
  return Object.keys(measures).length === 0 ? null : pack(measures);
}

export function unpackMeasures(packed: string | null): Record<MeasureKey, number> {
  return packed === null ? {} : unpack<Record<MeasureKey, number>>(packed);
}
