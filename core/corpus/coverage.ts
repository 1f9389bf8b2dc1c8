// Coverage: the bodies the index knows (from every year it holds) × the years, which have a report
// and which do not, with counts per province, level and year, so that a trend page can say
// "N bodies had no report in the index that year" and link to them.
//
// A body is an organ key (organKey.ts). Its province and level are the ones most of its reports
// give (ties: the latest report's), so a body counts in one row of each year.
// Which years a body is expected in is a parameter, because the index cannot know when a body
// existed: 'all-years' (every year the index holds, as the issue asks) or 'first-to-last' (between
// its first and last report: a body founded in 2011 or merged away in 2013 is not "missing" outside).
// Invariants: for every group, withReport + withoutReport = bodies; a report without a year is
// counted in its body's `undated` and in no year.

export interface CoverageEntry {
  reportId: string;
  organKey: string;
  province: string | null;
  level: string | null;
  year: number | null;
}

export type ExpectedYears = 'all-years' | 'first-to-last';

export interface CoverageOptions {
  expected?: ExpectedYears;
  /** The years of the matrix; by default every year some report has. */
  years?: readonly number[];
}

export interface BodyCoverage {
  organKey: string;
  province: string | null;
  level: string | null;
  /** year → the body's report ids that year (sorted). Years without a report are absent. */
  reports: ReadonlyMap<number, readonly string[]>;
  /** Reports without a year. */
  undated: readonly string[];
  /** The years this body is expected to have a report in (per `expected`). */
  expectedYears: readonly number[];
}

export interface CoverageGroup {
  province: string | null;
  level: string | null;
  year: number;
  /** Bodies expected that year. */
  bodies: number;
  withReport: number;
  withoutReport: number;
  /** Organ keys of the bodies without a report: the figure's evidence. */
  missing: readonly string[];
}

export interface CoverageMatrix {
  years: readonly number[];
  bodies: readonly BodyCoverage[];
  groups: readonly CoverageGroup[];
  parameters: { expected: ExpectedYears; reports: number; bodies: number; years: string };
}

/** The bodies × years matrix and its per province, level and year counts. */
export function coverageMatrix(entries: readonly CoverageEntry[], options: CoverageOptions = {}): CoverageMatrix {
  const expected = options.expected ?? 'all-years';
  const byBody = new Map<string, CoverageEntry[]>();
  for (const entry of entries) {
    const list = byBody.get(entry.organKey) ?? [];
    list.push(entry);
    byBody.set(entry.organKey, list);
  }
  const years = [...(options.years ?? new Set(entries.flatMap((e) => (e.year === null ? [] : [e.year]))))].sort((a, b) => a - b);
  const bodies = [...byBody.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([organKey, list]) => bodyCoverage(organKey, list, years, expected));
  return {
    years,
    bodies,
    groups: groupCounts(bodies),
    parameters: {
      expected,
      reports: entries.length,
      bodies: bodies.length,
      years: years.length === 0 ? '' : `${years[0]}-${years.at(-1)}`,
    },
  };
}

function bodyCoverage(organKey: string, list: readonly CoverageEntry[], years: readonly number[], expected: ExpectedYears): BodyCoverage {
  const reports = new Map<number, string[]>();
  const undated: string[] = [];
  for (const entry of list) {
    if (entry.year === null) undated.push(entry.reportId);
    else reports.set(entry.year, [...(reports.get(entry.year) ?? []), entry.reportId].sort());
  }
  const dated = [...reports.keys()];
  const first = Math.min(...dated);
  const last = Math.max(...dated);
  const expectedYears = expected === 'all-years' || dated.length === 0 ? years : years.filter((y) => y >= first && y <= last);
  return {
    organKey,
    province: mostCommon(list, (e) => e.province),
    level: mostCommon(list, (e) => e.level),
    reports,
    undated: undated.sort(),
    expectedYears,
  };
}

// The most frequent non-null value; ties go to the latest report's (a body's newest description).
function mostCommon(list: readonly CoverageEntry[], field: (entry: CoverageEntry) => string | null): string | null {
  const counts = new Map<string, { count: number; latest: number }>();
  for (const entry of list) {
    const value = field(entry);
    if (value === null) continue;
    const seen = counts.get(value) ?? { count: 0, latest: -Infinity };
    counts.set(value, { count: seen.count + 1, latest: Math.max(seen.latest, entry.year ?? -Infinity) });
  }
  let best: string | null = null;
  let bestSeen = { count: 0, latest: -Infinity };
  for (const [value, seen] of counts) {
    if (seen.count > bestSeen.count || (seen.count === bestSeen.count && seen.latest > bestSeen.latest)) {
      best = value;
      bestSeen = seen;
    }
  }
  return best;
}

function groupCounts(bodies: readonly BodyCoverage[]): CoverageGroup[] {
  const groups = new Map<string, CoverageGroup & { missing: string[] }>();
  for (const body of bodies) {
    for (const year of body.expectedYears) {
      const id = JSON.stringify([body.province, body.level, year]);
      const group = groups.get(id) ?? {
        province: body.province,
        level: body.level,
        year,
        bodies: 0,
        withReport: 0,
        withoutReport: 0,
        missing: [],
      };
      group.bodies++;
      if (body.reports.has(year)) group.withReport++;
      else {
        group.withoutReport++;
        group.missing.push(body.organKey);
      }
      groups.set(id, group);
    }
  }
  const order = (value: string | null): string => value ?? '\uffff';
  return [...groups.values()].sort(
    (a, b) => order(a.province).localeCompare(order(b.province)) || order(a.level).localeCompare(order(b.level)) || a.year - b.year,
  );
}

// RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

// Exports carry their parameters: leading '#' lines (most CSV readers take a comment character;
// `withParameters: false` leaves them out).
function parameterLines(matrix: CoverageMatrix): string {
  return Object.entries(matrix.parameters)
    .map(([name, value]) => `# ${name}=${value}\r\n`)
    .join('');
}

/** One row a body: its key, province, level, then per year the number of reports, '' when it is
 *  expected and has none, '-' when it is not expected that year. */
export function coverageCsv(matrix: CoverageMatrix, withParameters = true): string {
  const header = ['organKey', 'province', 'level', ...matrix.years.map(String)];
  const rows = matrix.bodies.map((body) => [
    body.organKey,
    body.province,
    body.level,
    ...matrix.years.map((year) => {
      const count = body.reports.get(year)?.length ?? 0;
      if (count > 0) return count;
      return body.expectedYears.includes(year) ? '' : '-';
    }),
  ]);
  return (withParameters ? parameterLines(matrix) : '') + csvLines([header, ...rows]);
}

/** One row per province, level and year: bodies, with and without a report. */
export function coverageCountsCsv(matrix: CoverageMatrix, withParameters = true): string {
  const header = ['province', 'level', 'year', 'bodies', 'withReport', 'withoutReport'];
  const rows = matrix.groups.map((g) => [g.province, g.level, g.year, g.bodies, g.withReport, g.withoutReport]);
  return (withParameters ? parameterLines(matrix) : '') + csvLines([header, ...rows]);
}
