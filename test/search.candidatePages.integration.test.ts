// Verification reads every candidate of a term (search/verify.ts): pages read side by side must give
// each hit exactly once, however the hits divide into pages. Against a real Meilisearch.
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexNames } from '../index/schema.js';
import { candidatePages } from '../search/meili/verifiedPlanner.js';
import { searchContext } from '../search/meili/searchContext.js';
import { startTestMeili, type TestMeili } from './helpers/meili.js';

const INDEX = 'candidate_pages';
let meili: TestMeili;
let client: Meilisearch;

beforeAll(async () => {
  meili = await startTestMeili();
  client = new Meilisearch({ host: meili.conn.host, apiKey: meili.conn.adminKey });
  const documents = Array.from({ length: 23 }, (_, i) => ({ id: `s${i}`, text: i % 2 === 0 ? '保密审查' : '政务公开' }));
  await client.index(INDEX).addDocuments(documents, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await meili?.stop();
});

async function idsRead(pageSize: number, atOnce: number, q = ''): Promise<string[]> {
  const shard = searchContext(client, indexNames('unused_'));
  const ids: string[] = [];
  for await (const hits of candidatePages<{ id: string }>(shard, { indexUid: INDEX, q, attributesToRetrieve: ['id'] }, pageSize, atOnce)) {
    ids.push(...hits.map((hit) => hit.id));
  }
  return ids.sort();
}

describe('candidate pages read side by side', () => {
  const all = Array.from({ length: 23 }, (_, i) => `s${i}`).sort();

  it('gives every hit once when the last page is partly filled', async () => {
    expect(await idsRead(5, 2)).toEqual(all);
  });

  it('gives every hit once when the pages divide them exactly and more are read at once than remain', async () => {
    expect(await idsRead(23, 4)).toEqual(all);
    expect(await idsRead(1, 4)).toEqual(all);
  });

  it('gives only the hits of the search', async () => {
    expect(await idsRead(4, 3, '保密审查')).toEqual(all.filter((id) => Number(id.slice(1)) % 2 === 0));
  });
});
