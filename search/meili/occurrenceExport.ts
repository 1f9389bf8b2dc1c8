// Every occurrence of the query's terms in every matching section, streamed page by page in the
// requested order (report, then section order by default): KWIC pages and exports read this.
import type { OccurrenceRow } from '../../core/hits.js';
import { occurrenceRows } from '../../core/occurrences.js';
import { parseQuery } from '../../core/query.js';
import { HIT_FIELDS } from '../../index/schema.js';
import type { SearchRequest } from '../port.js';
import type { SearchContext } from './searchContext.js';
import { pieceQuery, sortOf, toHit, type StoredSection } from './storedDocuments.js';
import type { Planner } from './verifiedPlanner.js';

const EXPORT_PAGE = 500;

export function occurrenceExport(context: SearchContext, plan: Planner) {
  return async function* occurrences(
    request: Pick<SearchRequest, 'q' | 'filters' | 'sort'>,
    options: { context: number },
  ): AsyncIterable<OccurrenceRow> {
    const query = parseQuery(request.q);
    const { pieces } = await plan(query);
    const sort = sortOf(request.sort) ?? ['reportId:asc', 'ordinal:asc'];
    for (const piece of pieces) {
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const [page] = await context.search<StoredSection>([
          { ...pieceQuery(context.names, piece, request.filters), attributesToRetrieve: [...HIT_FIELDS], sort, offset, limit: EXPORT_PAGE },
        ]);
        const hits = page?.hits ?? [];
        for (const stored of hits) yield* occurrenceRows(toHit(stored, query.positiveTerms), options.context);
        if (hits.length < EXPORT_PAGE) break;
      }
    }
  };
}
