// What the index holds (/index, `nianbao list`): every report's year, level, province and format,
// read page by page from the reports index and counted by the shared pure count (search/overview.ts).
import { overviewOf, type OverviewRow } from '../overview.js';
import type { IndexOverview } from '../port.js';
import type { SearchContext } from './searchContext.js';

/** Reports read per request: four small fields each, so a large page is cheap. */
const PAGE = 5_000;

export function indexOverview(context: SearchContext): () => Promise<IndexOverview> {
  return async () => {
    const rows: OverviewRow[] = [];
    for (let page = 1; ; page++) {
      const [response] = await context.search<Partial<OverviewRow>>([
        {
          indexUid: context.names.reports,
          q: '',
          page,
          hitsPerPage: PAGE,
          sort: ['id:asc'],
          attributesToRetrieve: ['year', 'level', 'province', 'format'],
        },
      ]);
      const hits = response?.hits ?? [];
      for (const hit of hits) {
        rows.push({ year: hit.year ?? null, level: hit.level ?? null, province: hit.province ?? null, format: hit.format ?? null });
      }
      if (hits.length < PAGE) break;
    }
    return overviewOf(rows);
  };
}
