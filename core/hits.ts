// A matching section as the search gives it back, and one occurrence of a query term in it with its
// context: the shapes the exact rule's numbering (occurrences.ts) produces and every view reads.
import type { Occurrence } from './match.js';
import type { ReportSummary, SectionType } from './report.js';

/** A section with its report's summary: what a section document stores and a hit shows. */
export interface SectionRecord extends ReportSummary {
  sectionId: string;
  ordinal: number;
  sectionType: SectionType;
  heading: string;
  /** The whole section text as cleaned (original characters), for snippets and context. */
  text: string;
  /** Key terms of the section, from jieba (TF-IDF with the domain dictionary). */
  keyTerms: string[];
  /** Cluster keys of the section's kept passages, in order (core/corpus/sectionPassages.ts): `passages = K`
   *  finds every section holding a passage or a near repeat of it. Absent when indexed without passage keys. */
  passages?: string[];
  /** start, end, template (1|0) of each passage, offsets into `text`. */
  passageSpans?: number[];
}

export interface SectionHit extends SectionRecord {
  /**
   * Exact positions of every occurrence of every positive query term, in heading and text, matched
   * as one stream: one that runs from the heading into the text has a piece in each (match.ts, split).
   */
  headingOccurrences: Occurrence[];
  textOccurrences: Occurrence[];
}

/** One occurrence of a query term, with its context: a concordance (KWIC) line or an export row. */
export interface OccurrenceRow {
  hit: Omit<SectionHit, 'text' | 'headingOccurrences' | 'textOccurrences'>;
  /** 'heading' when the occurrence starts in the section heading. */
  field: 'heading' | 'text';
  /** Index of this occurrence among the section's occurrences (0-based), for the permalink. */
  index: number;
  left: string;
  match: string;
  right: string;
  /**
   * Offsets into the field; an occurrence that runs from the heading into the text is counted in
   * heading + "\n" + text (its start is in the heading, its end past it).
   */
  start: number;
  end: number;
}
