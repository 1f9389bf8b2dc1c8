// Verification reads every candidate of a term (search/verify.ts): pages read side by side must give
// each hit exactly once, however the hits divide into pages. Against a real Meilisearch.
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { indexNames } from '../index/schema.js';
import { candidatePages } from '../search/meili/verifiedPlanner.js';
import { PageBudget } from '../search/pageBudget.js';
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

const shard = () => searchContext(client, indexNames('unused_'));
const pagesOf = (budget: PageBudget, pageSize: number, atOnce: number, q = '', context = shard()) =>
  candidatePages<{ id: string }>(context, { indexUid: INDEX, q, attributesToRetrieve: ['id'] }, budget, pageSize, atOnce);

async function idsRead(pageSize: number, atOnce: number, q = ''): Promise<string[]> {
  const ids: string[] = [];
  for await (const hits of pagesOf(new PageBudget(atOnce), pageSize, atOnce, q)) {
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

describe('candidate pages held by the whole process', () => {
  const all = Array.from({ length: 23 }, (_, i) => `s${i}`).sort();

  it('never holds more pages than the budget, over two readers each asking for four at once', async () => {
    // Pages answered by Meilisearch and not yet checked by their reader, counted as they arrive.
    let held = 0;
    let mostHeld = 0;
    const base = shard();
    const counting = {
      ...base,
      search: async <T>(queries: Parameters<typeof base.search>[0]) => {
        const answers = await base.search<T>(queries);
        held += 1;
        mostHeld = Math.max(mostHeld, held);
        return answers;
      },
    };
    const budget = new PageBudget(2);
    const read = async () => {
      const ids: string[] = [];
      for await (const hits of pagesOf(budget, 3, 4, '', counting)) {
        ids.push(...hits.map((hit) => hit.id));
        await new Promise((resolve) => setTimeout(resolve, 5));
        held -= 1;
      }
      return ids.sort();
    };
    const [first, second] = await Promise.all([read(), read()]);
    expect(first).toEqual(all);
    expect(second).toEqual(all);
    expect(mostHeld).toBeLessThanOrEqual(2);
    expect(budget.inUse).toBe(0);
  });

  it('gives every place back when its reader stops after the first page', async () => {
    const budget = new PageBudget(4);
    for await (const hits of pagesOf(budget, 5, 4)) {
      expect(hits).toHaveLength(5);
      break;
    }
    expect(budget.inUse).toBe(0);
  });

  it('gives every place back when its reader stops in the middle of a batch', async () => {
    const budget = new PageBudget(4);
    let pages = 0;
    for await (const _ of pagesOf(budget, 2, 4)) {
      pages += 1;
      if (pages === 3) break;
    }
    // The batch's last pages are still on their way: their places come back when they arrive.
    await vi.waitFor(() => expect(budget.inUse).toBe(0));
  });
});
