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
    const parsed = parseQuery(request.q);
    const { pieces } = await plan(parsed);
    const sort = sortOf(request.sort) ?? ['reportId:asc', 'ordinal:asc'];
    for (const piece of pieces) {
      const query = { ...pieceQuery(context.names, piece, request.filters), attributesToRetrieve: [...HIT_FIELDS], sort };
      for await (const page of context.each<StoredSection>(query, EXPORT_PAGE)) {
        for (const stored of page) yield toHit(stored, parsed.positiveTerms);
      }
    }
  };
}
