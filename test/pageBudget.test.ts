// The process-wide budget of candidate pages (search/pageBudget.ts): places are given in the order
// asked, never more than the budget, and a place released twice counts once.
import { describe, expect, it } from 'vitest';
import { PageBudget } from '../search/pageBudget.js';

describe('a page budget', () => {
  it('gives places at once while any are free', async () => {
    const budget = new PageBudget(2);
    await budget.acquire();
    await budget.acquire();
    expect(budget.inUse).toBe(2);
  });

  it('makes the next asker wait until a place is released, in the order asked', async () => {
    const budget = new PageBudget(1);
    const releaseFirst = await budget.acquire();
    const order: string[] = [];
    const second = budget.acquire().then((release) => {
      order.push('second');
      return release;
    });
    const third = budget.acquire().then((release) => {
      order.push('third');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    releaseFirst();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(budget.inUse).toBe(0);
    expect(budget.mostInUse).toBe(1);
  });

  it('counts a place released twice once', async () => {
    const budget = new PageBudget(2);
    const release = await budget.acquire();
    await budget.acquire();
    release();
    release();
    expect(budget.inUse).toBe(1);
  });

  it('refuses a budget of no pages', () => {
    expect(() => new PageBudget(0)).toThrow(RangeError);
  });
});
