// Page links for a result list: first, last, and a window around the current page.
import { MAX_RESULT_DEPTH } from './params.js';

export interface PageLink {
  number: number;
  href: string;
  current: boolean;
}

export interface Pagination {
  page: number;
  pageCount: number;
  previousHref: string | null;
  nextHref: string | null;
  /** null marks a gap (…) between page numbers. */
  links: Array<PageLink | null>;
  /** True when results exist beyond the deepest page that may be requested. */
  truncated: boolean;
}

export function paginate(page: number, per: number, total: number, hrefFor: (page: number) => string): Pagination {
  const pagesWithResults = Math.max(1, Math.ceil(total / per));
  const reachable = Math.max(1, Math.floor(MAX_RESULT_DEPTH / per));
  const pageCount = Math.min(pagesWithResults, reachable);
  const wanted = new Set([1, pageCount]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= pageCount) wanted.add(n);
  const numbers = [...wanted].sort((a, b) => a - b);
  const links: Array<PageLink | null> = [];
  for (const [i, number] of numbers.entries()) {
    if (i > 0 && number - numbers[i - 1]! > 1) links.push(null);
    links.push({ number, href: hrefFor(number), current: number === page });
  }
  return {
    page,
    pageCount,
    previousHref: page > 1 ? hrefFor(Math.min(page - 1, pageCount)) : null,
    nextHref: page < pageCount ? hrefFor(page + 1) : null,
    links: pageCount > 1 ? links : [],
    truncated: pagesWithResults > reachable,
  };
}
