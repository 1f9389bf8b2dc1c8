// Reports built in a test, published through the real publisher (documents as the indexer builds
// them) and searched through the real adapter with a search-only key.
import { buildReportDocument, buildSectionDocuments } from '../../indexer/documents.js';
import { createMeiliPublisher, type MeiliPublisherOptions } from '../../indexer/publisher.js';
import type { Report } from '../../core/report.js';
import { ensureSearchKey } from '../../meili/connect.js';
import type { MeiliConnection } from '../../meili/types.js';
import { createMeiliReportSearch } from '../../search/meiliReportSearch.js';
import { searchIndexUids, type IndexNames } from '../../index/schema.js';
import type { ReportSearch } from '../../search/port.js';

export async function publishReports(
  conn: MeiliConnection,
  names: IndexNames,
  reports: readonly Report[],
  publisherOptions: Partial<MeiliPublisherOptions> = {},
): Promise<ReportSearch> {
  const publisher = createMeiliPublisher({ host: conn.host, adminKey: conn.adminKey, indexes: names, ...publisherOptions });
  await publisher.prepare();
  for (const r of reports) {
    const sections = buildSectionDocuments(r, { keyTerms: () => [] });
    const file = {
      id: r.reportId,
      absolutePath: `/x/${r.reportId}`,
      contentHash: r.contentHash,
      manifestKey: null,
      textHash: r.reportId,
      twinKey: null,
      twinSketch: '',
    };
    await publisher.put(
      buildReportDocument(
        r,
        sections.map((s) => s.id),
        new Date(),
      ),
      file,
      sections,
      [],
    );
  }
  await publisher.finish();
  return createMeiliReportSearch({ host: conn.host, apiKey: await ensureSearchKey(conn, searchIndexUids(names)), indexes: names });
}
