// Every report document under a filter, with only the fields asked for, read page by page from the
// reports index. Coverage, the index overview, corpus figures and the statistics restriction all
// need the whole set (nothing sampled), so they share this one reader.
import type { SearchContext } from './searchContext.js';

/** Reports read per request: a few small fields each, so a large page is cheap. */
const PAGE = 5_000;

export async function everyReport<T>(context: SearchContext, fields: readonly string[], filter: readonly string[] = []): Promise<T[]> {
  const all: T[] = [];
  const query = { indexUid: context.names.reports, q: '', filter: [...filter], sort: ['id:asc'], attributesToRetrieve: [...fields] };
  for await (const page of context.each<T>(query, PAGE)) all.push(...page);
  return all;
}
