// Types for word-extractor 1.0.4, which ships none; only what doc.ts uses.
declare module 'word-extractor' {
  namespace WordExtractor {
    interface Document {
      /** The main text: paragraphs end with "\n"; table cells (and some row ends) with "\t". */
      getBody(options?: { filterUnicode?: boolean }): string;
    }
  }
  class WordExtractor {
    extract(source: string | Buffer): Promise<WordExtractor.Document>;
  }
  export = WordExtractor;
}
