// The truth for the evaluation: which sections a query matches, found by scanning every section's
// units with the rule — no index, no Meilisearch, no grams. It compares unit sequences with its own
// encoding (one token per unit, delimited), not match.ts's key, so a bug there shows up here.
import { parseQuery } from '../../core/query.js';
import { toUnits, UnitKind, type Units } from '../../core/units.js';
import type { Section } from '../../core/report.js';
import { MISSING_FACET_VALUE } from '../../core/facets.js';

export interface TruthSection {
  sectionId: string;
  reportId: string;
  province: string | null;
  level: string | null;
  year: number | null;
  sectionType: string;
  /** Units of the section's one stream, heading + "\n" + text, each as "\u001f<token>". */
  units: string;
}

const DELIMITER = '\u001f';

function tokens(units: Units): string {
  let encoded = '';
  for (let i = 0; i < units.kinds.length; i++) {
    const kind = units.kinds[i];
    encoded += DELIMITER + (kind === UnitKind.Han ? `h${units.values[i]}` : kind === UnitKind.Word ? `w${units.values[i]}` : 'p');
  }
  return encoded;
}

export function truthSection(
  sectionId: string,
  reportId: string,
  facets: { province: string | null; level: string | null; year: number | null },
  section: Section,
): TruthSection {
  return {
    sectionId,
    reportId,
    ...facets,
    sectionType: section.sectionType,
    // The rule joins heading and text with a line break (no unit); written out here, not taken from match.ts.
    units: tokens(toUnits(`${section.heading}\n${section.text}`)),
  };
}

function contains(haystack: string, needle: string): boolean {
  // The needle's tokens must be followed by a delimiter or the end: "w2019" must not match "w20190".
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const after = at + needle.length;
    if (after === haystack.length || haystack[after] === DELIMITER) return true;
    from = at + 1;
  }
}

export interface Truth {
  sectionIds: Set<string>;
  reports: Set<string>;
  facets: Record<'province' | 'level' | 'year' | 'sectionType', Record<string, number>>;
}

export function computeTruth(q: string, sections: readonly TruthSection[]): Truth {
  const query = parseQuery(q);
  const clauses = query.clauses.map((clause) =>
    clause.kind === 'not'
      ? { negated: true, needles: [tokens(toUnits(clause.term.text))] }
      : { negated: false, needles: clause.terms.map((term) => tokens(toUnits(term.text))) },
  );
  const truth: Truth = { sectionIds: new Set(), reports: new Set(), facets: { province: {}, level: {}, year: {}, sectionType: {} } };
  for (const section of sections) {
    const has = (needle: string) => contains(section.units, needle);
    const matches = clauses.every((clause) => (clause.negated ? !has(clause.needles[0]!) : clause.needles.some(has)));
    if (!matches) continue;
    truth.sectionIds.add(section.sectionId);
    truth.reports.add(section.reportId);
    for (const [facet, value] of [
      ['province', section.province],
      ['level', section.level],
      ['year', section.year],
      ['sectionType', section.sectionType],
    ] as const) {
      // A section without a value is counted in the bucket the search answers with (facets add up).
      const key = value === null ? MISSING_FACET_VALUE : String(value);
      truth.facets[facet][key] = (truth.facets[facet][key] ?? 0) + 1;
    }
  }
  return truth;
}
