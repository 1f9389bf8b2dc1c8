// Types for word-extractor 1.0.4, which ships none; only what doc.ts uses.
declare module 'word-extractor' {
  namespace WordExtractor {
    interface Document {
      /** The main text: paragraphs end with "\n"; table cells (and some row ends) with "\t". */
      getBody(options?: { filterUnicode?: boolean }): string;
      getFootnotes(options?: { filterUnicode?: boolean }): string;
      getEndnotes(options?: { filterUnicode?: boolean }): string;
      /** Text boxes' text, one paragraph per line. */
      getTextboxes(options?: { filterUnicode?: boolean; includeHeadersAndFooters?: boolean; includeBody?: boolean }): string;
    }
  }
  class WordExtractor {
    extract(source: string | Buffer): Promise<WordExtractor.Document>;
  }
  export = WordExtractor;
}
