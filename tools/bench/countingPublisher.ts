// A publisher that only counts what it is given: measuring the indexer without Meilisearch's share.
import type { Publisher } from '../../indexer/publisher.js';
import type { ReportDocument, SectionDocument } from '../../index/schema.js';

export interface CountingPublisher extends Publisher {
  sections: number;
  /** Characters of section text. */
  characters: number;
  /** Pages of the PDF and OFD reports. */
  pages: number;
}

export function countingPublisher(): CountingPublisher {
  const publisher: CountingPublisher = {
    sections: 0,
    characters: 0,
    pages: 0,
    async prepare() {},
    async removeOrphanSections() {
      return 0;
    },
    async indexedReports() {
      return new Map();
    },
    async rekeyOrgans() {
      return null;
    },
    async markMoving() {},
    async put(report: ReportDocument, _file: unknown, sections: SectionDocument[]) {
      publisher.sections += sections.length;
      publisher.pages += report.pages ?? 0;
      for (const section of sections) publisher.characters += section.text.length;
    },
    async remove() {},
    async finish() {},
  };
  return publisher;
}
