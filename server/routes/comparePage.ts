// `/reports/:reportId/compare`: a report beside the same body's previous report (or `?with=` any
// other), sections aligned by type, each sentence marked kept / changed / new / removed
// (core/corpus/compare.ts), and last year's 存在的主要问题及改进情况 next to this year's.
import { Router } from 'express';
import { choosePrevious, compareReports, type SentenceDiff, type SentenceRef } from '../../core/corpus/compare.js';
import type { CorpusReport } from '../../core/corpus/types.js';
import { toSimplified } from '../../core/simplify.js';
import type { ReportDetail } from '../../search/port.js';
import { NotFoundError } from '../errors.js';
import { MEASURE_LABELS, measureLabel, sectionTypeLabel } from '../labels.js';
import { measureDeltas, statisticsStatus } from '../../core/measures.js';
import { isReportId } from '../params.js';
import { displayTitle, navLinks } from '../present.js';
import { passageHref, reportShares, SHARE_LABELS, sharesView, type ReportSharesView } from '../passages.js';
import { reportPath } from '../urls.js';
import type { RouteDeps } from './deps.js';

const CHANGE_LABELS = { kept: '保留', changed: '改写', new: '新增', removed: '删去' } as const;

function corpusReportOf(report: ReportDetail): CorpusReport {
  return {
    reportId: report.reportId,
    organ: report.organ ?? '',
    organKey: report.organKey ?? report.organ ?? report.reportId,
    province: report.province,
    level: report.level,
    year: report.year,
    sections: report.sections.map((s) => ({ type: s.sectionType, heading: s.heading, text: s.text })),
  };
}

type LabelledPassage = ReportSharesView['passages'][number];

/**
 * The kept passage (as the shares labelled it) holding a sentence of the comparison: a sentence is
 * found by its section among the report's sections of its type and its offset in that text, where
 * the stored passage spans are too. Null for a sentence shorter than a passage, or without shares.
 */
function passageFinder(report: ReportDetail, shares: ReportSharesView | null) {
  const bySection = new Map<string, LabelledPassage[]>();
  for (const p of shares?.available ? shares.passages : []) bySection.set(p.sectionId, [...(bySection.get(p.sectionId) ?? []), p]);
  return (type: string, ref: SentenceRef | null): LabelledPassage | null => {
    const section = ref === null ? undefined : report.sections.filter((s) => s.sectionType === type)[ref.section];
    if (!section || ref === null) return null;
    return bySection.get(section.sectionId)?.find((p) => p.start <= ref.start && ref.start < p.end) ?? null;
  };
}

/** Template wording is marked as such (年报格式要求的文字); a passage found elsewhere links to the reports holding it. */
function passageMark(passage: LabelledPassage | null) {
  if (passage === null || passage.label === 'own') return null;
  return { template: passage.label === 'template', label: SHARE_LABELS[passage.label], href: passageHref(passage.key) };
}

function sentenceView(diff: SentenceDiff, passage: LabelledPassage | null) {
  const mark = passageMark(passage);
  return {
    change: diff.change,
    label: CHANGE_LABELS[diff.change],
    current: diff.current?.text ?? '',
    /** Last year's wording of a changed sentence. */
    changedFrom: diff.change === 'changed' ? (diff.previous?.text ?? '') : '',
    removed: diff.change === 'removed' ? (diff.previous?.text ?? '') : '',
    moved: diff.moved,
    template: mark?.template ?? false,
    passage: mark,
  };
}

export interface CompareShares {
  current: ReportSharesView | null;
  previous: ReportSharesView | null;
}

const sharesBlock = (report: ReportDetail, shares: ReportSharesView | null, idPrefix: string) =>
  shares &&
  sharesView(shares, (id) => reportPath(id, ''), {
    title: `文字来源（${report.year ?? '年度不详'} 年）`,
    idPrefix,
    sectionHref: (sectionId) => reportPath(report.reportId, '', sectionId),
  });

/** The labelled measures of both reports' statistics tables with their change; null when neither has tables. */
function statisticsDeltas(current: ReportDetail, previous: ReportDetail) {
  if (current.statistics === null && previous.statistics === null) return null;
  const note = (r: ReportDetail) =>
    r.statistics === null ? '无统计表' : statisticsStatus(r.statistics) === 'failed' ? '表格核对未通过' : null;
  return {
    previousNote: note(previous),
    currentNote: note(current),
    rows: measureDeltas(
      previous.statistics,
      current.statistics,
      MEASURE_LABELS.map((m) => m.value),
    ).map((delta) => ({
      label: measureLabel(delta.key),
      key: delta.key,
      // A number the table did not give is shown as such, never as 0.
      previous: delta.previous ?? '—',
      current: delta.current ?? '—',
      change: delta.change === null ? '' : delta.change > 0 ? `+${delta.change}` : String(delta.change),
    })),
  };
}

export function comparePageModel(current: ReportDetail, previous: ReportDetail, shares: CompareShares = { current: null, previous: null }) {
  const comparison = compareReports(corpusReportOf(current), corpusReportOf(previous), { fold: toSimplified });
  const title = (r: ReportDetail) => displayTitle(r.title, r.reportId);
  const inCurrent = passageFinder(current, shares.current);
  const inPrevious = passageFinder(previous, shares.previous);
  const blocks = {
    previous: sharesBlock(previous, shares.previous, 'previous-'),
    current: sharesBlock(current, shares.current, 'current-'),
  };
  return {
    shares: blocks.previous || blocks.current ? blocks : null,
    pageTitle: `${title(current)} — 与 ${previous.year ?? ''} 年报告对照`,
    nav: navLinks('report', { q: '', filters: {} }),
    current: { title: title(current), year: current.year, href: reportPath(current.reportId, '') },
    previous: { title: title(previous), year: previous.year, href: reportPath(previous.reportId, '') },
    counts: comparison.counts,
    statistics: statisticsDeltas(current, previous),
    problems: comparison.problems,
    sections: comparison.sections.map((section) => ({
      typeLabel: sectionTypeLabel(section.type as ReportDetail['sections'][number]['sectionType']),
      currentHeadings: section.currentHeadings.join('；'),
      previousHeadings: section.previousHeadings.join('；'),
      counts: section.counts,
      // A removed sentence is only in last year's report: its passage is looked up there.
      sentences: section.sentences.map((diff) =>
        sentenceView(diff, diff.current ? inCurrent(section.type, diff.current) : inPrevious(section.type, diff.previous)),
      ),
    })),
  };
}

export function comparePage(deps: RouteDeps): Router {
  const router = Router();
  router.get('/reports/:reportId/compare', async (request, response) => {
    const { reportId } = request.params;
    const current = isReportId(reportId) ? await deps.search.getReport(reportId) : null;
    if (current === null) throw new NotFoundError(`没有编号为 “${reportId}” 的报告。No report with id '${reportId}'.`);
    const chosen = typeof request.query['with'] === 'string' ? request.query['with'] : null;
    let previousId = chosen;
    if (previousId === null && current.organKey !== null) {
      const sameBody = (await deps.search.reportsOfOrgan(current.organKey)).map((r) => ({
        ...r,
        organ: r.organ ?? '',
        organKey: r.organKey ?? '',
        sections: [],
      }));
      previousId = choosePrevious({ ...corpusReportOf(current), sections: [] }, sameBody)?.reportId ?? null;
    }
    const previous = previousId !== null && isReportId(previousId) ? await deps.search.getReport(previousId) : null;
    if (previous === null) {
      throw new NotFoundError(
        chosen === null
          ? '索引中没有同一机关更早年度的报告可供对照；可用 ?with=报告编号 指定任一报告。No earlier report of the same body is indexed: choose one with ?with=<reportId>.'
          : `没有编号为 “${chosen}” 的报告。No report with id '${chosen}'.`,
      );
    }
    const [currentShares, previousShares] = await Promise.all([reportShares(deps.search, current), reportShares(deps.search, previous)]);
    response
      .type('html')
      .send(deps.views.render('compare', comparePageModel(current, previous, { current: currentShares, previous: previousShares })));
  });
  return router;
}
