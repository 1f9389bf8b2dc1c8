// How search results look to a reader: the pieces shared by the pages and the JSON API.
import { headingHtml, highlightHtml, snippetHtml, unwrapLines } from './highlight.js';
import { levelLabel, sectionTypeLabel, SECTION_TYPE_LABELS } from './labels.js';
import { reportPath, withQuery, type UrlState } from './urls.js';
import type { SectionHit } from '../core/hits.js';

const numberFormat = new Intl.NumberFormat('zh-CN');

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function displayTitle(title: string | null, reportId: string): string {
  return title ?? `（无标题报告 ${reportId}）`;
}

/**
 * The preamble has no heading of its own; it is shown under its type's name. A heading cut by a
 * hard wrap is shown on one line.
 */
export function displayHeading(heading: string): string {
  return heading.trim() === '' ? SECTION_TYPE_LABELS.preamble : unwrapLines(heading);
}

/** The fields that identify a section hit in the API and the exports, in their documented order. */
export type SectionFields = Pick<
  SectionHit,
  'reportId' | 'sectionId' | 'title' | 'organ' | 'province' | 'level' | 'year' | 'sectionType' | 'heading' | 'ocr'
>;

export function sectionFields(hit: SectionFields): SectionFields {
  const { reportId, sectionId, title, organ, province, level, year, sectionType, heading, ocr } = hit;
  return { reportId, sectionId, title, organ, province, level, year, sectionType, heading, ocr };
}

export interface HitView {
  reportId: string;
  sectionId: string;
  title: string;
  organ: string | null;
  province: string | null;
  year: number | null;
  levelLabel: string | null;
  sectionTypeLabel: string;
  headingHtml: string;
  snippetHtml: string;
  href: string;
  /** The section's key terms (jieba), each a link to the search for it. */
  keyTerms: Array<{ term: string; href: string }>;
  /** The report's text was read by OCR: matches in it are not exact. */
  ocr: boolean;
}

export function hitView(hit: SectionHit, q: string): HitView {
  return {
    reportId: hit.reportId,
    sectionId: hit.sectionId,
    title: displayTitle(hit.title, hit.reportId),
    organ: hit.organ,
    province: hit.province,
    year: hit.year,
    levelLabel: levelLabel(hit.level),
    sectionTypeLabel: sectionTypeLabel(hit.sectionType),
    headingHtml:
      hit.heading.trim() === '' ? highlightHtml(displayHeading(hit.heading), []) : headingHtml(hit.heading, hit.headingOccurrences),
    snippetHtml: snippetHtml(hit.text, hit.textOccurrences),
    href: reportPath(hit.reportId, q, hit.sectionId),
    keyTerms: hit.keyTerms.map((term) => ({ term, href: withQuery('/', { q: term, filters: {} }) })),
    ocr: hit.ocr,
  };
}

export interface NavLink {
  label: string;
  href: string;
  current: boolean;
}

/** The site navigation, carrying the current query and filters from one view to the next. */
export function navLinks(current: 'search' | 'trend' | 'kwic' | 'report' | 'stats', state: UrlState): NavLink[] {
  const carried = { q: state.q, filters: state.filters };
  return [
    { label: '检索', href: withQuery('/', carried), current: current === 'search' },
    { label: '趋势', href: withQuery('/trend', carried), current: current === 'trend' },
    { label: '语境（KWIC）', href: withQuery('/kwic', carried), current: current === 'kwic' },
    { label: '统计表', href: withQuery('/stats', { q: '', filters: state.filters }), current: current === 'stats' },
  ];
}
