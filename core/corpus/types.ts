// The minimal shapes the corpus analysis reads. core/corpus imports nothing from the rest of the
// repository (the tree is being reorganised), so the caller maps its own Report onto these.

/** One section of a report as the indexer split it. `type` is the indexer's section type
 *  ('overview', 'problems', …, or a Chinese label); only equality between types matters here. */
export interface CorpusSection {
  type: string;
  heading: string;
  text: string;
}

/** A report as the corpus analysis needs it. Anything unknown is null. */
export interface CorpusReport {
  reportId: string;
  /** The issuing body's name as the report states it. */
  organ: string;
  /** A stable key for the body across years and renames (organKey.ts); the organ name when absent. */
  organKey?: string;
  province: string | null;
  level: string | null;
  year: number | null;
  sections: readonly CorpusSection[];
  /** Names masked before passages are compared (the body's own name and places), so that a copied
   *  sentence with only the name changed is still found. organKey.ts `maskTermsFor` makes a default. */
  maskTerms?: readonly string[];
}
