// Before the port opens: what every first search reads. Right after an index run (or a restart)
// Meilisearch's facet databases are cold and the server remembers no report counts, so the first
// visitor paid seconds at a million sections (BENCHMARKS.md: 3.3 s). One search over every section
// with its facets and exact report count, and the trend's denominators (reports per year and level,
// remembered per index generation), are read here instead. A failure is only logged: the site works
// unwarmed.
import type { ReportSearch } from '../search/port.js';

export async function warmUp(search: ReportSearch, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  try {
    await search.search({ q: '', filters: {}, page: 1, per: 20, sort: 'relevance' });
    await search.trend({ q: '', filters: {} });
    log(`nianbao: index warmed in ${Date.now() - started} ms`);
  } catch (error) {
    log(`nianbao: warming the index failed (${error instanceof Error ? error.message : String(error)}); the first searches may be slow`);
  }
}
