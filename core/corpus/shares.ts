// How much of a report is its own text: each passage gets one label, the first that applies:
//   template      — matches a template pattern, or is shared by enough bodies and provinces (template.ts);
//   previousYear  — the same body's latest earlier report has it (exactly or nearly);
//   otherOrgans   — a report of another body has it;
//   own           — none of these (including text only the same body's older reports share).
// Shares are by characters as written, over the passages kept (passages.ts drops headings, table
// cells and other pieces under MIN_PASSAGE_CHARS; `uncountedNote` says so in exports).
// Invariant: the four character counts add up to `chars.total`; every label names its evidence.
import type { PassageIndex, StoredReport } from './passageIndex.js';

export const SHARE_LABELS = ['own', 'previousYear', 'otherOrgans', 'template'] as const;
export type ShareLabel = (typeof SHARE_LABELS)[number];

/** One passage's label and the reports (or pattern) behind it. */
export interface LabelledPassage {
  /** Position among the report's kept passages (the order IndexedPassage came in). */
  ordinal: number;
  passageId: number;
  chars: number;
  label: ShareLabel;
  /** Report ids behind the label: the previous report, or the other bodies' reports (at most MAX_EVIDENCE). */
  evidence: string[];
  /** The template pattern id, or 'widespread' for the bodies-and-provinces rule. */
  templateRule: string | null;
}

export interface ReportShares {
  reportId: string;
  /** The report compared as "previous year" (the same body's latest earlier report), if any. */
  previousReportId: string | null;
  previousYear: number | null;
  chars: Record<ShareLabel | 'total', number>;
  /** chars / total, 0 when the report has no kept passages. */
  shares: Record<ShareLabel, number>;
  passages: LabelledPassage[];
}

/** The share breakdown of a report already in the index. Throws RangeError for an unknown report. */
export function reportShares(index: PassageIndex, reportId: string): ReportShares {
  const stored = index.reportPassages(reportId);
  if (!stored) throw new RangeError(`report ${reportId} is not in the passage index`);
  const previous = index.previousReport(reportId);
  const chars: Record<ShareLabel | 'total', number> = { own: 0, previousYear: 0, otherOrgans: 0, template: 0, total: 0 };
  const passages: LabelledPassage[] = [];
  stored.passageIds.forEach((passageId, ordinal) => {
    const length = stored.passageChars[ordinal] as number;
    const labelled = labelPassage(index, stored, previous?.reportId ?? null, passageId);
    chars[labelled.label] += length;
    chars.total += length;
    passages.push({ ordinal, passageId, chars: length, ...labelled });
  });
  const share = (label: ShareLabel): number => (chars.total === 0 ? 0 : chars[label] / chars.total);
  return {
    reportId,
    previousReportId: previous?.reportId ?? null,
    previousYear: previous?.year ?? null,
    chars,
    shares: { own: share('own'), previousYear: share('previousYear'), otherOrgans: share('otherOrgans'), template: share('template') },
    passages,
  };
}

/** Most report ids a label names as evidence; PassageIndex.sharing lists them all. */
export const MAX_EVIDENCE = 50;

// One walk over the reports sharing the passage, stopped as soon as the widespread rule holds
// (a wording thousands of reports share is template after its first few provinces).
function labelPassage(
  index: PassageIndex,
  stored: StoredReport,
  previousId: string | null,
  passageId: number,
): Pick<LabelledPassage, 'label' | 'evidence' | 'templateRule'> {
  const pattern = index.templatePatternOf(passageId);
  if (pattern) return { label: 'template', evidence: [], templateRule: pattern.id };
  const organs = new Set<string>([stored.organKey]);
  const provinces = new Set<string>(stored.province === null ? [] : [stored.province]);
  const others: string[] = [];
  let inPrevious = false;
  let widespread = false;
  index.forEachSharingReport(passageId, stored.reportId, (report) => {
    if (report.reportId === previousId) inPrevious = true;
    if (report.organKey !== stored.organKey && others.length < MAX_EVIDENCE) others.push(report.reportId);
    organs.add(report.organKey);
    if (report.province !== null) provinces.add(report.province);
    widespread = index.isWidespread(organs.size, provinces.size);
    return !widespread;
  });
  if (widespread) return { label: 'template', evidence: others, templateRule: 'widespread' };
  if (inPrevious && previousId !== null) return { label: 'previousYear', evidence: [previousId], templateRule: null };
  if (others.length > 0) return { label: 'otherOrgans', evidence: others, templateRule: null };
  return { label: 'own', evidence: [], templateRule: null };
}

/** For exports: what the shares do not count. */
export const uncountedNote =
  'shares count passages of at least MIN_PASSAGE_CHARS normalised characters; headings, table cells and short lines are not counted';

/** The passages of one report that another report also has (exactly or nearly). */
export interface PairShares {
  reportId: string;
  otherReportId: string;
  passages: Array<{ ordinal: number; passageId: number; chars: number; match: 'exact' | 'near'; similarity: number }>;
  exact: number;
  near: number;
  /** Characters of the shared passages, and of all kept passages of `reportId`. */
  chars: { shared: number; total: number };
  share: number;
}

/** What `reportId` shares with `otherReportId`, passage by passage (not symmetric: shares are of
 *  `reportId`'s text). Throws RangeError when either report is not in the index. */
export function pairShares(index: PassageIndex, reportId: string, otherReportId: string): PairShares {
  const stored = index.reportPassages(reportId);
  if (!stored || !index.reportPassages(otherReportId))
    throw new RangeError(`${reportId} and ${otherReportId} must both be in the passage index`);
  const passages: PairShares['passages'] = [];
  let total = 0;
  stored.passageIds.forEach((passageId, ordinal) => {
    const chars = stored.passageChars[ordinal] as number;
    total += chars;
    let hit: { match: 'exact' | 'near'; similarity: number } | null = null;
    index.forEachSharingReport(passageId, reportId, (report) => {
      if (report.reportId !== otherReportId) return true;
      hit = { match: report.match, similarity: report.similarity };
      return false;
    });
    if (hit) passages.push({ ordinal, passageId, chars, ...(hit as { match: 'exact' | 'near'; similarity: number }) });
  });
  const shared = passages.reduce((sum, p) => sum + p.chars, 0);
  return {
    reportId,
    otherReportId,
    passages,
    exact: passages.filter((p) => p.match === 'exact').length,
    near: passages.filter((p) => p.match === 'near').length,
    chars: { shared, total },
    share: total === 0 ? 0 : shared / total,
  };
}
