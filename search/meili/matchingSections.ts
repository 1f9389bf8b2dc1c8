// Every matching section, with its occurrences, streamed page by page in the requested order
// (report, then section order by default): KWIC pages and exports read this.
import type { SectionHit } from '../../core/hits.js';
import { parseQuery } from '../../core/query.js';
import { HIT_FIELDS } from '../../index/schema.js';
import type { SearchRequest } from '../port.js';
import type { SearchContext } from './searchContext.js';
import { pieceQuery, sortOf, toHit, type StoredSection } from './storedDocuments.js';
import type { Planner } from './verifiedPlanner.js';

const EXPORT_PAGE = 500;

export function matchingSectionStream(context: SearchContext, plan: Planner) {
  return async function* matchingSections(request: Pick<SearchRequest, 'q' | 'filters' | 'sort'>): AsyncIterable<SectionHit> {
    const query = parseQuery(request.q);
    const { pieces } = await plan(query);
    const sort = sortOf(request.sort) ?? ['reportId:asc', 'ordinal:asc'];
    for (const piece of pieces) {
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const [page] = await context.search<StoredSection>([
          { ...pieceQuery(context.names, piece, request.filters), attributesToRetrieve: [...HIT_FIELDS], sort, offset, limit: EXPORT_PAGE },
        ]);
        const hits = page?.hits ?? [];
        for (const stored of hits) yield toHit(stored, query.positiveTerms);
        if (hits.length < EXPORT_PAGE) break;
      }
    }
  };
}
