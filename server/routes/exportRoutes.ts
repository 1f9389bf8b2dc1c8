// `/export.csv` and `/export.jsonl`: every occurrence of a query under its filters, streamed.
import { Router, type Request, type Response } from 'express';
import { occurrenceRowStream } from '../../core/occurrences.js';
import { csvHeader, csvRow, exportRow, jsonlMeta, jsonlRow, streamExport, type ExportMeta } from '../exports.js';
import { parseExportParams } from '../params.js';
import { requestOrigin } from '../urls.js';
import type { RouteDeps } from './deps.js';

type Format = 'csv' | 'jsonl';

export function exportRoutes(deps: RouteDeps): Router {
  const router = Router();
  const handle = (format: Format) => async (request: Request, response: Response) => {
    const params = parseExportParams(request.query);
    const exportedAt = deps.now();
    const meta: ExportMeta = {
      query: params.q,
      filters: params.filters,
      exportedAt: exportedAt.toISOString(),
      reportsInIndex: await deps.search.reportCount(),
    };
    const origin = requestOrigin(request);
    const rows = occurrenceRowStream(
      deps.search.matchingSections({ q: params.q, filters: params.filters, sort: params.sort, statistics: params.statistics }),
      params.context,
    );
    const stamp = meta.exportedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    await streamExport(
      response,
      rows,
      format === 'csv'
        ? {
            head: csvHeader(),
            line: (row) => csvRow(exportRow(row, params.q, origin), meta),
            contentType: 'text/csv; charset=utf-8',
            filename: `nianbao-${stamp}.csv`,
          }
        : {
            head: jsonlMeta(meta),
            line: (row) => jsonlRow(exportRow(row, params.q, origin)),
            contentType: 'application/x-ndjson; charset=utf-8',
            filename: `nianbao-${stamp}.jsonl`,
          },
    );
  };
  router.get('/export.csv', handle('csv'));
  router.get('/export.jsonl', handle('jsonl'));
  return router;
}
