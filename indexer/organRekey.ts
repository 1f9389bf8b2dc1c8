// Re-keying: when the alias list in force differs from the one the index was keyed with (their
// fingerprints, kept in the meta index), every report's organKey is computed again from the organ
// and province its report document holds — no file is read — and the reports whose key changes get
// it by a partial update of their section documents, then of their report documents.
//
// Crash safety: before the first update the stored fingerprint is replaced by a pending mark that
// matches no list, and the new fingerprint is stored only with the run's new generation (the
// publisher's finish, one task). A run stopped anywhere in between leaves the mark, so the next run compares
// every report again; sections are updated before their reports, so a report already carrying its
// new key has sections that carry it too. The sections updated are those the index holds for the
// report (found by reportId), not its listed ids: an update of a missing id would create a fragment.
import type { Meilisearch } from 'meilisearch';
import { ORGAN_ALIASES_DOCUMENT_ID, type IndexNames } from '../index/schema.js';
import { isNotFound } from '../index/meiliClient.js';
import { quoteFilterValue } from '../index/filters.js';
import type { MeiliTasks } from './meiliTasks.js';
import type { OrganKeying } from './organAliases.js';

const PENDING = 'pending ';
/** Documents sent per update task. */
const UPDATES_PER_TASK = 5_000;
/** Reports named in one filter when their sections are looked up. */
const REPORTS_PER_FILTER = 100;

/** A report whose organKey changes. */
interface Rekeyed {
  id: string;
  organKey: string | null;
}

/** The fingerprint of the alias list the index was keyed with; null for an index keyed before
 *  fingerprints were kept (or never written to). */
export async function storedAliasFingerprint(client: Meilisearch, tasks: MeiliTasks, names: IndexNames): Promise<string | null> {
  return tasks.call('read the organ alias fingerprint', async () => {
    try {
      const document = await client.index(names.meta).getDocument(ORGAN_ALIASES_DOCUMENT_ID);
      return typeof document['fingerprint'] === 'string' ? document['fingerprint'] : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  });
}

/** The meta document that records the fingerprint (the publisher writes it with the generation). */
export function aliasFingerprintDocument(fingerprint: string): { id: string; fingerprint: string } {
  return { id: ORGAN_ALIASES_DOCUMENT_ID, fingerprint };
}

/** Gives every report whose key differs under `keying` its new key; returns how many, or null when
 *  the index holds no report. `stored`: the fingerprint the index holds now. */
export async function rekeyReports(
  client: Meilisearch,
  tasks: MeiliTasks,
  names: IndexNames,
  keying: OrganKeying,
  stored: string | null,
): Promise<number | null> {
  // No fingerprint, or a pending one, already matches no list: the mark is needed only over a real one.
  if (stored !== null && !stored.startsWith(PENDING)) {
    const what = 'mark the organ keys as being re-keyed';
    const mark = aliasFingerprintDocument(`${PENDING}${keying.fingerprint}`);
    await tasks.waitFor(what, await tasks.call(what, () => client.index(names.meta).addDocuments([mark])));
  }
  const reports = await tasks.readAll(names.reports, ['id', 'organ', 'province', 'organKey']);
  const changed: Rekeyed[] = [];
  for (const report of reports) {
    const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
    const organKey = keying.reportOrganKey(text(report['organ']), text(report['province']));
    if (organKey !== (report['organKey'] ?? null)) changed.push({ id: String(report['id']), organKey });
  }
  await update(client, tasks, names.sections, 'sections', await sectionsOf(client, tasks, names, changed));
  await update(client, tasks, names.reports, 'reports', changed);
  return reports.length === 0 ? null : changed.length;
}

async function update(client: Meilisearch, tasks: MeiliTasks, uid: string, kind: string, documents: Rekeyed[]): Promise<void> {
  const what = `re-key the organs of ${kind}`;
  for (let i = 0; i < documents.length; i += UPDATES_PER_TASK) {
    const part = documents.slice(i, i + UPDATES_PER_TASK);
    await tasks.waitFor(what, await tasks.call(what, () => client.index(uid).updateDocuments(part)));
  }
}

/** The section documents the index holds for these reports, each with its report's new key. */
async function sectionsOf(client: Meilisearch, tasks: MeiliTasks, names: IndexNames, reports: Rekeyed[]): Promise<Rekeyed[]> {
  const keyOf = new Map(reports.map((r) => [r.id, r.organKey]));
  const sections: Rekeyed[] = [];
  for (let i = 0; i < reports.length; i += REPORTS_PER_FILTER) {
    const ids = reports.slice(i, i + REPORTS_PER_FILTER).map((r) => quoteFilterValue(r.id));
    const filter = `reportId IN [${ids.join(', ')}]`;
    for (let offset = 0; ; offset += UPDATES_PER_TASK) {
      const page = await tasks.call('find the sections to re-key', () =>
        client.index(names.sections).getDocuments({ filter, fields: ['id', 'reportId'], offset, limit: UPDATES_PER_TASK }),
      );
      for (const doc of page.results) sections.push({ id: String(doc['id']), organKey: keyOf.get(String(doc['reportId'])) ?? null });
      if (page.results.length < UPDATES_PER_TASK) break;
    }
  }
  return sections;
}
