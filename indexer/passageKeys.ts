// Passage keys at index time (issue #14): each kept passage of each section document gets the
// near-repeat cluster key of the corpus-wide PassageIndex (core/corpus), so exact and near repeats
// share a key and the search engine can count the reports and bodies that hold a passage. The
// PassageIndex is the memory of which wordings were seen before: it is kept in DATA_DIR between
// runs (passageStore.ts), else a near repeat indexed later would start a cluster of its own.
import { IncompatibleSnapshotError, PassageIndex } from '../core/corpus/passageIndex.js';
import { storedPassages } from '../core/corpus/sectionPassages.js';
import { maskTermsFor } from '../core/corpus/organKey.js';
import type { Report } from '../core/report.js';
import { toSimplified } from '../core/simplify.js';
import type { SectionDocument } from '../index/schema.js';
import { placeNamesOf } from './organ.js';
import { readPassageSnapshot, writePassageSnapshot } from './passageStore.js';

export interface PassageKeyer {
  /** Writes `passages` and `passageSpans` on each section document of the report. */
  key(report: Report, sections: SectionDocument[]): void;
  /** Keeps the index for the next run (written aside and renamed). */
  save(): Promise<void>;
  /** Why the index starts empty although reports may be indexed: 'missing' or 'incompatible'; null when it was read. */
  readonly startedEmpty: 'missing' | 'incompatible' | null;
  /** Milliseconds spent keying in this run (for the summary and measurements). */
  readonly elapsedMs: number;
}

const options = { fold: toSimplified };

/** The keyer of an index whose snapshot is at `path` (read now; an unreadable one starts empty). */
export async function openPassageKeyer(path: string): Promise<PassageKeyer> {
  let index: PassageIndex;
  let startedEmpty: PassageKeyer['startedEmpty'] = null;
  try {
    const snapshot = await readPassageSnapshot(path);
    if (snapshot === null) {
      index = new PassageIndex(options);
      startedEmpty = 'missing';
    } else index = PassageIndex.restore(snapshot, options);
  } catch (error) {
    if (!(error instanceof IncompatibleSnapshotError)) throw error;
    index = new PassageIndex(options);
    startedEmpty = 'incompatible';
  }
  let elapsedMs = 0;
  return {
    startedEmpty,
    get elapsedMs() {
      return elapsedMs;
    },
    key(report, sections) {
      const started = performance.now();
      const organ = report.metadata.organ ?? '';
      const places = organ === '' ? [] : placeNamesOf(organ);
      // Keyed per section document (an oversized section is several), so offsets are into its text.
      const keyed = index.keyPassages({
        organ,
        maskTerms: organ === '' ? [] : maskTermsFor(organ, places),
        sections: sections.map((s) => ({ type: s.sectionType, heading: s.heading, text: s.text })),
      });
      sections.forEach((section, i) => {
        Object.assign(section, storedPassages(keyed.filter((p) => p.sectionIndex === i)));
      });
      elapsedMs += performance.now() - started;
    },
    async save() {
      const started = performance.now();
      // Views, not copies: the run waits for the write, so the index cannot change under it.
      await writePassageSnapshot(path, index.snapshot({ copy: false }));
      elapsedMs += performance.now() - started;
    },
  };
}
