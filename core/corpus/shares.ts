// How much of a report is its own text: each passage gets one label, the first that applies:
//   template      — matches a template pattern, or is shared by enough bodies and provinces (template.ts);
//   previousYear  — the same body's latest earlier report has it (exactly or nearly);
//   otherOrgans   — a report of another body has it;
//   own           — none of these (including text only the same body's older reports share).
// Shares are by characters as written, over the passages kept (passages.ts drops headings, table
// cells and other pieces under MIN_PASSAGE_CHARS; `uncountedNote` says so in exports).
// Invariant: the four character counts add up to `chars.total`; every label names its evidence.
import type { PassageIndex } from './passageIndex.js';

export const SHARE_LABELS = ['own', 'previousYear', 'otherOrgans', 'template'] as const;
export type ShareLabel = (typeof SHARE_LABELS)[number];

/** One passage's label and the reports (or pattern) behind it. */
export interface LabelledPassage {
  /** Position among the report's kept passages (the order IndexedPassage came in). */
  ordinal: number;
  passageId: number;
  chars: number;
  label: ShareLabel;
  /** Report ids behind the label: the previous report, or the other bodies' reports. */
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
    const sharing = index.sharing(passageId, reportId);
    const pattern = index.templatePatternOf(passageId);
    let label: ShareLabel = 'own';
    let evidence: string[] = [];
    let templateRule: string | null = null;
    const others = sharing.reports.filter((r) => r.organKey !== stored.organKey);
    if (pattern || index.isWidespread(sharing)) {
      label = 'template';
      templateRule = pattern ? pattern.id : 'widespread';
      evidence = pattern ? [] : others.map((r) => r.reportId);
    } else if (previous && sharing.reports.some((r) => r.reportId === previous.reportId)) {
      label = 'previousYear';
      evidence = [previous.reportId];
    } else if (others.length > 0) {
      label = 'otherOrgans';
      evidence = others.map((r) => r.reportId);
    }
    chars[label] += length;
    chars.total += length;
    passages.push({ ordinal, passageId, chars: length, label, evidence, templateRule });
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

/** For exports: what the shares do not count. */
export const uncountedNote =
  'shares count passages of at least MIN_PASSAGE_CHARS normalised characters; headings, table cells and short lines are not counted';
