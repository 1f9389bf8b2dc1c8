// `/export.csv` and `/export.jsonl`: every occurrence of a query under its filters, streamed.
import { Router, type Request, type Response } from 'express';
import { keyingParameters } from '../../core/corpus/passageIndex.js';
import type { OccurrenceRow } from '../../core/hits.js';
import { occurrenceRowStream } from '../../core/occurrences.js';
import { csvHeader, csvRow, exportRow, jsonlMeta, jsonlRow, streamExport, type ExportItem, type ExportMeta } from '../exports.js';
import { parseExportParams, type ExportParams } from '../params.js';
import { withAlsoIn } from '../passages.js';
import { requestOrigin } from '../urls.js';
import type { RouteDeps } from './deps.js';

type Format = 'csv' | 'jsonl';

/** What the export records of its request and of the index it read. */
async function exportMeta(deps: RouteDeps, params: ExportParams): Promise<ExportMeta> {
  const [reportsInIndex, state] = await Promise.all([deps.search.reportCount(), deps.search.indexState()]);
  return {
    query: params.q,
    filters: params.filters,
    statistics: params.statistics ?? null,
    passage: params.passage ?? null,
    distinct: params.distinct,
    sort: params.sort,
    context: params.context,
    alsoIn: params.alsoIn,
    exportedAt: deps.now().toISOString(),
    reportsInIndex,
    indexGeneration: state.generation,
    formatVersion: state.formatVersion,
    passageRules: keyingParameters(),
  };
}

async function* plainItems(rows: AsyncIterable<OccurrenceRow>): AsyncIterable<ExportItem> {
  for await (const row of rows) yield { row };
}

export function exportRoutes(deps: RouteDeps): Router {
  const router = Router();
  const handle = (format: Format) => async (request: Request, response: Response) => {
    const params = parseExportParams(request.query);
    const meta = await exportMeta(deps, params);
    const origin = requestOrigin(request);
    const { q, filters, sort, statistics, passage } = params;
    const rows = occurrenceRowStream(deps.search.matchingSections({ q, filters, sort, statistics, passage }), params.context);
    const items = params.alsoIn ? withAlsoIn(deps.search, rows) : plainItems(rows);
    const stamp = meta.exportedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    await streamExport(
      response,
      items,
      format === 'csv'
        ? {
            head: csvHeader(params.alsoIn),
            line: (item) => csvRow(exportRow(item, q, origin), meta),
            contentType: 'text/csv; charset=utf-8',
            filename: `nianbao-${stamp}.csv`,
          }
        : {
            head: jsonlMeta(meta),
            line: (item) => jsonlRow(exportRow(item, q, origin)),
            contentType: 'application/x-ndjson; charset=utf-8',
            filename: `nianbao-${stamp}.jsonl`,
          },
    );
  };
  router.get('/export.csv', handle('csv'));
  router.get('/export.jsonl', handle('jsonl'));
  return router;
}
