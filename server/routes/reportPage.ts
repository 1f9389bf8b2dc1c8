// `/reports/:reportId`: the whole report, section by section, with the searched phrase highlighted
// and numbered as everywhere (core/occurrences.ts, numberedOccurrences), so that a concordance line
// or an export row can link to `occ-<sectionId>-<index>`. An occurrence that runs from the heading
// into the text is marked in both and numbered once, where it starts.
import { Router } from 'express';
import type { Occurrence, SectionOccurrences } from '../../core/match.js';
import type { ReportDetail, ReportSection } from '../../search/port.js';
import { citationsOf, type CitedSection } from '../citation.js';
import { NotFoundError } from '../errors.js';
import { statisticsView, statisticsWithHistory } from '../statisticsView.js';
import { headingHtml, highlightHtml, type MarkedOccurrence } from '../highlight.js';
import { isHttpUrl, type ReportSummary } from '../../core/report.js';
import { levelLabel, sectionTypeLabel, sourceUrlOriginLabel } from '../labels.js';
import { isReportId, parseReportPageParams } from '../params.js';
import { displayHeading, displayTitle, formatCount, navLinks } from '../present.js';
import { occurrenceAnchor, reportPath, requestOrigin, citationPath } from '../urls.js';
import type { RouteDeps } from './deps.js';
import { reportShares, sharesView } from '../passages.js';
import { QueryError } from '../../core/query.js';
import { numberedOccurrences, queryOccurrences } from '../../core/occurrences.js';

interface MarkedSectionOccurrences {
  heading: MarkedOccurrence[];
  text: MarkedOccurrence[];
}

/**
 * Finds the phrase in every heading and text and gives each occurrence its anchor and its
 * neighbours in the report. A query the search layer cannot read leaves the report unhighlighted.
 */
function locateOccurrences(
  q: string,
  sections: readonly ReportSection[],
): { perSection: MarkedSectionOccurrences[]; total: number; firstId: string | null; queryProblem: string | null } {
  const empty = sections.map(() => ({ heading: [], text: [] }));
  if (q === '') return { perSection: empty, total: 0, firstId: null, queryProblem: null };
  let found: SectionOccurrences[];
  try {
    found = sections.map((section) => queryOccurrences(q, section));
  } catch (error) {
    if (error instanceof QueryError) return { perSection: empty, total: 0, firstId: null, queryProblem: error.message };
    throw error;
  }
  const counted = (occurrences: SectionOccurrences): Occurrence[] => numberedOccurrences(occurrences).map((o) => o.occurrence);
  const ids = found.flatMap((occurrences, s) => counted(occurrences).map((_, index) => occurrenceAnchor(sections[s]!.sectionId, index)));
  let position = 0;
  const mark = (occurrence: Occurrence): MarkedOccurrence => {
    // The rest of an occurrence that starts in the heading: highlighted, not numbered again.
    if (occurrence.split === 'tail') return occurrence;
    const i = position++;
    return {
      ...occurrence,
      anchor: { id: ids[i]!, position: i + 1, total: ids.length, previousId: ids[i - 1] ?? null, nextId: ids[i + 1] ?? null },
    };
  };
  const perSection = found.map((occurrences) => ({
    heading: occurrences.heading.map(mark),
    text: occurrences.text.map(mark),
  }));
  return { perSection, total: ids.length, firstId: ids[0] ?? null, queryProblem: null };
}

/** What a citation names: the report, and the section when one is cited. */
function citedSection(report: ReportDetail, section: ReportSection | null, permalink: string): CitedSection {
  return {
    organ: report.organ,
    title: displayTitle(report.title, report.reportId),
    heading: section === null ? '' : displayHeading(section.heading),
    year: report.year,
    publishedAt: report.publishedAt,
    publisher: report.publisher,
    sourceUrl: report.sourceUrl !== null && isHttpUrl(report.sourceUrl) ? report.sourceUrl : null,
    permalink,
    retrievedAt: report.retrievedAt,
    key: section?.sectionId ?? report.reportId,
  };
}

export function reportPageModel(
  report: ReportDetail,
  located: ReturnType<typeof locateOccurrences>,
  sameOrgan: readonly ReportSummary[],
  options: { q: string; origin: string; today: Date },
) {
  const title = displayTitle(report.title, report.reportId);
  // Links only to what the indexer accepted; checked again so no other scheme can become a link.
  const sourceUrl = report.sourceUrl !== null && isHttpUrl(report.sourceUrl) ? report.sourceUrl : null;
  const sections = report.sections.map((section, i) => {
    const occurrences = located.perSection[i]!;
    const heading = displayHeading(section.heading);
    const permalink = `${options.origin}${reportPath(report.reportId, '', section.sectionId)}`;
    return {
      sectionId: section.sectionId,
      heading,
      typeLabel: sectionTypeLabel(section.sectionType),
      count: occurrences.heading.length + occurrences.text.filter((o) => o.split !== 'tail').length,
      firstOccurrenceId: (occurrences.heading[0] ?? occurrences.text[0])?.anchor?.id ?? null,
      headingHtml: section.heading.trim() === '' ? highlightHtml(heading, []) : headingHtml(section.heading, occurrences.heading),
      textHtml: highlightHtml(section.text, occurrences.text),
      cite: {
        ...citationsOf(citedSection(report, section, permalink), options.today),
        risHref: citationPath(report.reportId, 'ris', section.sectionId),
        bibHref: citationPath(report.reportId, 'bib', section.sectionId),
        organ: report.organ,
        title,
        heading,
        year: report.year,
        permalink,
        source: report.source,
        sourceUrl,
        text: [
          report.organ ? `${report.organ}：` : '',
          `《${title}》`,
          `“${heading}”`,
          report.year === null ? '' : `，${report.year} 年`,
          `。${permalink}（${sourceUrl === null ? '' : `原文：${sourceUrl}；`}来源文件：${report.source}）`,
        ].join(''),
      },
    };
  });
  return {
    pageTitle: title,
    nav: navLinks('report', { q: options.q, filters: {} }),
    q: options.q,
    formAction: reportPath(report.reportId, ''),
    report: {
      title,
      organ: report.organ,
      place: [report.province, report.city, report.county].filter((part) => part !== null).join(' · '),
      levelLabel: levelLabel(report.level),
      year: report.year,
      publishedAt: report.publishedAt,
      source: report.source,
      encoding: report.encoding,
      pages: report.pages,
      ocr: report.ocr,
      warnings: report.warnings,
    },
    provenance: {
      sourceUrl,
      sourceUrlFrom: sourceUrl === null ? null : sourceUrlOriginLabel(report.sourceUrlFrom),
      retrievedAt: report.retrievedAt,
      publisher: report.publisher,
      format: report.format === null ? null : report.format.toUpperCase(),
      contentHash: report.contentHash,
      contentHashShort: report.contentHash === null ? null : report.contentHash.slice(0, 12),
      indexedAt: report.indexedAt,
      indexedDate: report.indexedAt === null ? null : report.indexedAt.slice(0, 10),
      source: report.source,
    },
    occurrences: {
      total: formatCount(located.total),
      any: located.total > 0,
      firstHref: located.firstId === null ? null : `#${located.firstId}`,
      queryProblem: located.queryProblem,
    },
    toc: sections.map(({ sectionId, heading, typeLabel, count, firstOccurrenceId }) => ({
      href: `#${sectionId}`,
      heading,
      typeLabel,
      count: count > 0 ? formatCount(count) : null,
      firstOccurrenceHref: firstOccurrenceId === null ? null : `#${firstOccurrenceId}`,
    })),
    sections,
    sameOrgan: sameOrgan
      .filter((other) => other.reportId !== report.reportId)
      .map((other) => ({
        year: other.year,
        title: displayTitle(other.title, other.reportId),
        href: reportPath(other.reportId, options.q),
      })),
  };
}

export function reportPage(deps: RouteDeps): Router {
  const router = Router();
  router.get('/reports/:reportId', async (request, response) => {
    const { q } = parseReportPageParams(request.query);
    const { reportId } = request.params;
    const missing = new NotFoundError(`没有编号为 “${reportId}” 的报告。No report with id '${reportId}'.`);
    if (!isReportId(reportId)) throw missing;
    const report = await deps.search.getReport(reportId);
    if (report === null) throw missing;
    const sameOrgan = report.organKey === null ? [] : await deps.search.reportsOfOrgan(report.organKey);
    const located = locateOccurrences(q, report.sections);
    const statistics = await statisticsWithHistory(deps.search, report, async () => sameOrgan);
    const model = {
      ...reportPageModel(report, located, sameOrgan, { q, origin: requestOrigin(request), today: deps.now() }),
      statistics: statistics === null ? null : statisticsView(statistics),
      // A group row spans the label column and the seven applicant columns of 表三.
      statisticsColumns: 8,
      compareHref: `/reports/${encodeURIComponent(report.reportId)}/compare`,
      shares: sharesView(await reportShares(deps.search, report, sameOrgan), (id) => reportPath(id, '')),
    };
    response.type('html').send(deps.views.render('report', model));
  });

  // A report's or one section's citation as a file Zotero and EndNote import (RIS) or BibTeX.
  router.get('/reports/:reportId/citation.:format', async (request, response) => {
    const { reportId, format } = request.params;
    const missing = new NotFoundError(`没有编号为 “${reportId}” 的报告。No report with id '${reportId}'.`);
    if (!isReportId(reportId) || (format !== 'ris' && format !== 'bib')) throw missing;
    const report = await deps.search.getReport(reportId);
    if (report === null) throw missing;
    const sectionId = typeof request.query['section'] === 'string' ? request.query['section'] : null;
    const section = sectionId === null ? null : (report.sections.find((s) => s.sectionId === sectionId) ?? null);
    if (sectionId !== null && section === null) throw new NotFoundError(`这份报告没有章节 “${sectionId}”。No such section.`);
    const permalink = `${requestOrigin(request)}${reportPath(report.reportId, '', section?.sectionId)}`;
    const citations = citationsOf(citedSection(report, section, permalink), deps.now());
    response
      .type(format === 'ris' ? 'application/x-research-info-systems' : 'application/x-bibtex')
      .set('Content-Disposition', `attachment; filename="${section?.sectionId ?? report.reportId}.${format}"`)
      .send(format === 'ris' ? citations.ris : citations.bibtex);
  });
  return router;
}
