// Every report document under a filter, with only the fields asked for, read page by page from the
// reports index. Coverage, the index overview, corpus figures and the statistics restriction all
// need the whole set (nothing sampled), so they share this one reader.
import type { SearchContext } from './searchContext.js';

/** Reports read per request: a few small fields each, so a large page is cheap. */
const PAGE = 5_000;

export async function everyReport<T>(context: SearchContext, fields: readonly string[], filter: readonly string[] = []): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const [page] = await context.search<T>([
      {
        indexUid: context.names.reports,
        q: '',
        filter: [...filter],
        sort: ['id:asc'],
        offset,
        limit: PAGE,
        attributesToRetrieve: [...fields],
      },
    ]);
    const hits = page?.hits ?? [];
    all.push(...hits);
    if (hits.length < PAGE) return all;
  }
}
