// Copied passages on the pages (issue #14): "这段文字也出现在 N 份报告中（M 个机关）" on a hit, a
// report's shares (template / previous year / other bodies / own), and the distinct-passage count
// of a search. The counting is the search's (ReportSearch.passageSpread, sharedPassages); the
// passages of a section come stored with it (core/corpus/sectionPassages.ts).
import type { OccurrenceRow, SectionHit } from '../core/hits.js';
import { HEADING_JOIN } from '../core/match.js';
import {
  addDistinctPassages,
  labelPassages,
  passageAt,
  SHARE_ORDER,
  sectionPassages,
  type SectionPassage,
  type ShareKind,
} from '../core/corpus/sectionPassages.js';
import type { ReportDetail, ReportSearch, SearchRequest } from '../search/port.js';
import type { ReportSummary } from '../core/report.js';
import { withQuery } from './urls.js';

/** Where a hit's passage also appears, as the API gives it. */
export interface AlsoIn {
  passageKey: string;
  /** Other reports holding the passage (or a near repeat of it); null for template wording, which is not counted. */
  reports: number | null;
  /** Distinct bodies among them; null for template wording. */
  organs: number | null;
  /** Template wording: shared because the form asks for it, not copied. */
  template: boolean;
  /** The search listing the sections that hold the passage. */
  href: string;
}

/** The passage holding a hit's first occurrence in its text; null without one or without passage keys. */
export function hitPassage(hit: SectionHit): SectionPassage | null {
  const first = hit.textOccurrences[0];
  return first === undefined ? null : passageAt(sectionPassages(hit), first.start);
}

export const passageHref = (key: string): string => withQuery('/', { q: '', filters: {}, extra: { passage: key } });

/** A passage in a report, whose "also in" is asked. */
interface PassageInReport {
  passage: SectionPassage;
  reportId: string;
}

/**
 * "Also in" of each passage (null where none is given), counted in one round trip: each (passage,
 * report) asked once however often it repeats. Template wording (a title, the preamble) is in nearly
 * every report: labelled, not counted, which also spares a count over the whole index.
 */
async function alsoInOfPassages(search: ReportSearch, asked: ReadonlyArray<PassageInReport | null>): Promise<Array<AlsoIn | null>> {
  const spreadKey = ({ passage, reportId }: PassageInReport) => `${passage.key}\u0000${reportId}`;
  const counted = new Map<string, PassageInReport>();
  for (const one of asked) if (one && !one.passage.template) counted.set(spreadKey(one), one);
  const requests = [...counted.values()].map(({ passage, reportId }) => ({ key: passage.key, exceptReportId: reportId }));
  const spreads = new Map([...counted.keys()].map((key, i) => [key, i]));
  const answers = await search.passageSpread(requests);
  return asked.map((one) => {
    if (!one) return null;
    const { key, template } = one.passage;
    if (template) return { passageKey: key, reports: null, organs: null, template, href: passageHref(key) };
    const spread = answers[spreads.get(spreadKey(one)) ?? -1];
    return spread ? { passageKey: key, reports: spread.reports, organs: spread.organs, template, href: passageHref(key) } : null;
  });
}

/** "Also in" of each hit (by sectionId), counted in one round trip. */
export async function alsoInOf(search: ReportSearch, hits: readonly SectionHit[]): Promise<Map<string, AlsoIn>> {
  const asked = hits.map((hit) => {
    const passage = hitPassage(hit);
    return passage ? { passage, reportId: hit.reportId } : null;
  });
  const found = await alsoInOfPassages(search, asked);
  const out = new Map<string, AlsoIn>();
  hits.forEach((hit, i) => {
    const alsoIn = found[i];
    if (alsoIn) out.set(hit.sectionId, alsoIn);
  });
  return out;
}

/**
 * The passage holding an export row's match: where the occurrence starts in the text; for one that
 * runs on from the heading into the text, the passage its text part starts in (offset 0), as the
 * page takes a hit's first text occurrence. A match in the heading alone has none.
 */
export function rowPassage(row: OccurrenceRow): SectionPassage | null {
  const passages = sectionPassages(row.hit);
  if (row.field === 'text') return passageAt(passages, row.start);
  return row.end > row.hit.heading.length + HEADING_JOIN.length ? passageAt(passages, 0) : null;
}

/** Rows counted together: one round trip of spread counts per this many rows. */
export const ALSO_IN_BATCH = 500;

/**
 * Export rows with the "also in" of the passage holding each match, the page's figures: rows are
 * read a batch at a time and each batch's (passage, report) pairs counted in one round trip (the
 * search remembers spreads per index generation, so a pair seen in an earlier batch costs nothing).
 */
export async function* withAlsoIn(
  search: ReportSearch,
  rows: AsyncIterable<OccurrenceRow>,
  batchSize = ALSO_IN_BATCH,
): AsyncIterable<{ row: OccurrenceRow; alsoIn: AlsoIn | null }> {
  let batch: OccurrenceRow[] = [];
  const flush = async () => {
    const asked = batch.map((row) => {
      const passage = rowPassage(row);
      return passage ? { passage, reportId: row.hit.reportId } : null;
    });
    const found = await alsoInOfPassages(search, asked);
    const out = batch.map((row, i) => ({ row, alsoIn: found[i] ?? null }));
    batch = [];
    return out;
  };
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= batchSize) yield* await flush();
  }
  if (batch.length > 0) yield* await flush();
}

/** The line a hit shows; null when the passage is in no other report. */
export function alsoInText(alsoIn: AlsoIn | undefined): string | null {
  if (alsoIn?.template) return '年报格式要求的文字（不计为抄录）';
  if (!alsoIn || alsoIn.reports === null || alsoIn.reports === 0) return null;
  return `这段文字也出现在 ${alsoIn.reports} 份报告中（${alsoIn.organs} 个机关）`;
}

export const SHARE_LABELS: Record<ShareKind, string> = {
  template: '模板用语',
  previousYear: '与本机关上一年度报告相同',
  otherOrgans: '与其他机关的报告相同',
  own: '本报告独有',
};

/** A report's shares, current with the index: each passage labelled, and the figures by kind. */
export async function reportShares(search: ReportSearch, report: ReportDetail, sameOrgan?: readonly ReportSummary[]) {
  const passages = report.sections.flatMap((section) =>
    sectionPassages(section).map((passage) => ({
      ...passage,
      sectionId: section.sectionId,
      text: section.text.slice(passage.start, passage.end),
    })),
  );
  const previous =
    report.organKey === null || report.year === null
      ? null
      : ((sameOrgan ?? (await search.reportsOfOrgan(report.organKey)))
          .filter((r) => r.year !== null && r.year < (report.year as number))
          .sort((a, b) => (b.year as number) - (a.year as number) || a.reportId.localeCompare(b.reportId))[0] ?? null);
  const shared = await search.sharedPassages({
    reportId: report.reportId,
    organKey: report.organKey,
    previousReportId: previous?.reportId ?? null,
    keys: passages.map((p) => p.key),
  });
  const { labels, figures } = labelPassages(passages, new Set(shared.previousYear), new Set(shared.otherOrgans));
  return {
    /** False when the report was indexed without passage keys (an older format): no figures. */
    available: report.sections.every((s) => s.passages !== undefined),
    previousReport: previous,
    chars: figures.chars,
    byKind: figures.byKind,
    passages: passages.map((p, i) => ({ ...p, label: labels[i] as ShareKind })),
  };
}

export type ReportSharesView = Awaited<ReturnType<typeof reportShares>>;

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Where the shares block sits: its title, a prefix keeping its ids apart from another block's, and where a passage's section is. */
export interface SharesPlace {
  title: string;
  idPrefix: string;
  sectionHref: (sectionId: string) => string;
}

const ON_REPORT_PAGE: SharesPlace = { title: '文字来源', idPrefix: '', sectionHref: (sectionId) => `#${sectionId}` };

/** The shares as the report page (and the compare page, twice) shows them: a figure per kind, each with the passages behind it. */
export function sharesView(shares: ReportSharesView, reportHref: (reportId: string) => string, place: SharesPlace = ON_REPORT_PAGE) {
  if (!shares.available) return null;
  return {
    title: place.title,
    idPrefix: place.idPrefix,
    chars: shares.chars,
    previous: shares.previousReport ? { year: shares.previousReport.year, href: reportHref(shares.previousReport.reportId) } : null,
    kinds: SHARE_ORDER.map((kind) => ({
      kind,
      label: SHARE_LABELS[kind],
      percent: percent(shares.byKind[kind].share),
      chars: shares.byKind[kind].chars,
      count: shares.byKind[kind].passages,
      // Own passages are in no other report: nothing to link to.
      passages:
        kind === 'own'
          ? []
          : shares.passages
              .filter((p) => p.label === kind)
              .map((p) => ({ text: p.text, href: passageHref(p.key), sectionHref: place.sectionHref(p.sectionId) })),
    })),
  };
}

/** The shares as the API gives them. */
export function sharesJson(shares: ReportSharesView) {
  return {
    chars: shares.chars,
    previousReportId: shares.previousReport?.reportId ?? null,
    ...Object.fromEntries(SHARE_ORDER.map((kind) => [kind, { ...shares.byKind[kind] }])),
    passages: shares.passages.map(({ sectionId, key, start, end, label }) => ({
      sectionId,
      passageKey: key,
      start,
      end,
      label,
      href: passageHref(key),
    })),
  };
}

/** Distinct passages holding the query among every matching section (exact: every section is read). */
export async function distinctPassageCount(
  search: ReportSearch,
  request: Pick<SearchRequest, 'q' | 'filters' | 'statistics' | 'passage'>,
): Promise<{ passages: number; outside: number; sections: number }> {
  const keys = new Set<string>();
  let outside = 0;
  let sections = 0;
  for await (const hit of search.matchingSections({ ...request, sort: 'relevance' })) {
    sections++;
    // An occurrence that runs on from the heading counts where it starts: in the heading, outside.
    const starts = hit.textOccurrences.filter((o) => o.split !== 'tail').map((o) => o.start);
    outside += addDistinctPassages(keys, sectionPassages(hit), starts).outside;
    outside += hit.headingOccurrences.length;
  }
  return { passages: keys.size, outside, sections };
}
