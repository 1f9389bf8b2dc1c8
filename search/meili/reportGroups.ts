// Results grouped by report: one page of reports, each with all its matching sections. The counts
// are the section search's; only the page differs.
import type { SectionHit } from '../../core/hits.js';
import { quoteFilterValue } from '../../index/filters.js';
import { HIT_FIELDS } from '../../index/schema.js';
import { groupHits, orderReportKeys, type ReportGroup } from '../groups.js';
import type { MeiliPiece } from '../plan.js';
import type { SearchRequest } from '../port.js';
import type { SearchContext } from './searchContext.js';
import { pieceQuery, sortOf, type StoredSection } from './storedDocuments.js';

/** The most matching sections a page of grouped reports reads (per report page, all pieces together). */
const MAX_GROUPED_SECTIONS = 100_000;

/**
 * One page of reports, each with all its matching sections. One piece: `distinct: reportId` pages the
 * reports in ranking order (a report ranks as its best section). Several: the reports counted
 * (reportKeys), ordered by year (orderReportKeys). Then the sections of those reports, one search
 * per piece filtered by their ids.
 */
export async function reportGroups(
  context: SearchContext,
  pieces: MeiliPiece[],
  request: SearchRequest,
  reportKeys: Set<string> | undefined,
  toHits: (stored: StoredSection[]) => SectionHit[],
): Promise<ReportGroup[]> {
  let reportIds: string[];
  if (reportKeys) {
    const offset = (request.page - 1) * request.per;
    reportIds = orderReportKeys(reportKeys, request.sort === 'year-asc').slice(offset, offset + request.per);
  } else {
    const [page] = await context.search<StoredSection>([
      {
        ...pieceQuery(context.names, pieces[0]!, request.filters),
        distinct: 'reportId',
        attributesToRetrieve: ['reportId'],
        sort: sortOf(request.sort),
        page: request.page,
        hitsPerPage: request.per,
      },
    ]);
    reportIds = (page?.hits ?? []).map((hit) => hit.reportId);
  }
  if (reportIds.length === 0) return [];
  const ofReports = `reportId IN [${reportIds.map(quoteFilterValue).join(', ')}]`;
  const sections = await context.search<StoredSection>(
    pieces.map((piece) => ({
      ...pieceQuery(context.names, { ...piece, filters: [...piece.filters, ofReports] }, request.filters),
      attributesToRetrieve: [...HIT_FIELDS],
      page: 1,
      hitsPerPage: MAX_GROUPED_SECTIONS,
    })),
  );
  return groupHits(reportIds, toHits(sections.flatMap((response) => response.hits)));
}
