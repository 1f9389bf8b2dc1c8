// Texts that carry the words of a report but are not one report: a site's listing page (titles of
// reports, one per line, and hardly a sentence) and a compilation (several reports' titles at line
// starts, each with its text). Indexed, the first is a false report and the second counts many as one.
// Pure; readReport.ts turns a finding into a skip.

/** A report's title on a line of its own: organ, year, 政府信息公开工作年度报告 (simplified or traditional). */
const TITLE =
  /^([^\s，。；：:、《》“”（）()|｜]{0,40}?)\s*((?:19|20)\d{2})\s*年度?\s*(?:政府|政務|政务)?\s*(?:信息公开|信息公開|政务公开|政務公開)\s*(?:工作)?\s*(?:年度?\s*(?:报告|報告)|年[报報])$/;

/** A line that names a report (a listing page's entry): short, with 年度报告 or 年报 in it. */
const NAMES_A_REPORT = /年度[报報]告|年[报報]/;

/** A sentence ends in 。 or ；: a report has dozens; a listing page has almost none. */
const SENTENCE_END = /[。；]/g;

export interface ReportTitle {
  organ: string;
  year: number;
}

const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The report titles at line starts; a title hard-wrapped over two lines (as PDF text has it) is joined. */
export function titlesAtLineStarts(text: string): ReportTitle[] {
  const lines = linesOf(text);
  const titles: ReportTitle[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A table cell's label before the title ("名称 | …") is not part of it.
    const line = lines[i]!.split(/[|｜]/).pop()!.trim();
    const next = lines[i + 1];
    const found = TITLE.exec(line) ?? (line.length <= 40 && next !== undefined ? TITLE.exec(line + next) : null);
    if (!found) continue;
    titles.push({ organ: found[1] ?? '', year: Number(found[2]) });
    if (!TITLE.test(line)) i++;
  }
  return titles;
}

/** Titles of one report: the same year and the same organ, or one of them says no organ or a shorter name. */
function sameReport(a: ReportTitle, b: ReportTitle): boolean {
  return a.year === b.year && (a.organ === '' || b.organ === '' || a.organ.endsWith(b.organ) || b.organ.endsWith(a.organ));
}

/** The distinct reports a text's line-start titles name (a title repeated, as a page's title and heading, is one). */
export function distinctReports(titles: readonly ReportTitle[]): ReportTitle[] {
  const distinct: ReportTitle[] = [];
  for (const title of titles) if (!distinct.some((seen) => sameReport(seen, title))) distinct.push(title);
  return distinct;
}

export type Shape =
  | { kind: 'report' }
  | { kind: 'listing'; entries: number }
  | { kind: 'no-sentences' }
  | { kind: 'compilation'; reports: ReportTitle[] };

/** Lines naming reports needed before a text can be a listing page. */
const LISTING_MIN_ENTRIES = 5;

export function shapeOf(text: string): Shape {
  const sentences = (text.match(SENTENCE_END) ?? []).length;
  const entries = new Set(linesOf(text).filter((line) => line.length <= 100 && NAMES_A_REPORT.test(line))).size;
  // Every report measured has at least 11 sentences and fewer lines naming reports than 5 (the real,
  // seed and demo corpora: DESIGN.md "Not a report"); a listing page is the reverse.
  if (entries >= LISTING_MIN_ENTRIES && sentences < 2 * entries) return { kind: 'listing', entries };
  if (sentences === 0) return { kind: 'no-sentences' };
  const reports = distinctReports(titlesAtLineStarts(text));
  if (reports.length >= 2) return { kind: 'compilation', reports };
  return { kind: 'report' };
}
