import { describe, expect, it } from 'vitest';
import { PAGE_ITEMS, PagedArray } from '../core/corpus/pagedArray.js';

const int32 = (length: number) => new Int32Array(length);
const uint16 = (length: number) => new Uint16Array(length);

describe('PagedArray', () => {
  it('keeps every value written across page boundaries', () => {
    const array = new PagedArray(int32);
    const items = PAGE_ITEMS * 2 + 5;
    array.ensure(items);
    for (let i = 0; i < items; i++) array.set(i, i * 3 - 7);
    for (let i = 0; i < items; i++) expect(array.get(i)).toBe(i * 3 - 7);
  });

  it('grows by adding pages, leaving the pages it holds where they are', () => {
    const array = new PagedArray(int32);
    array.ensure(1);
    const first = array.page(0);
    array.set(PAGE_ITEMS - 1, 42);
    array.ensure(PAGE_ITEMS * 3);
    expect(array.page(0)).toBe(first);
    expect(array.get(PAGE_ITEMS - 1)).toBe(42);
    expect(array.capacity).toBe(PAGE_ITEMS * 3);
  });

  it('keeps a wide item whole in one page', () => {
    const array = new PagedArray(uint16, 32);
    const item = PAGE_ITEMS + 1;
    array.ensure(item + 1);
    array.page(item).set(
      Uint16Array.from({ length: 32 }, (_, k) => k + 1),
      array.offset(item),
    );
    expect(array.page(item)).toBe(array.page(PAGE_ITEMS));
    expect([...array.page(item).subarray(array.offset(item), array.offset(item) + 32)]).toEqual(
      Array.from({ length: 32 }, (_, k) => k + 1),
    );
  });

  it('gives views of the items in use, page by page, that read as one array end to end', () => {
    const array = new PagedArray(uint16, 2);
    const items = PAGE_ITEMS + 3;
    array.ensure(items);
    for (let i = 0; i < items; i++) array.page(i).set([i % 65536, 1], array.offset(i));
    const views = array.views(items);
    expect(views.map((view) => view.length)).toEqual([PAGE_ITEMS * 2, 6]);
    expect(views[0]!.buffer).toBe(array.page(0).buffer);
    const joined = array.copy(items);
    expect(joined.length).toBe(items * 2);
    expect([...joined.subarray(PAGE_ITEMS * 2)]).toEqual([PAGE_ITEMS % 65536, 1, (PAGE_ITEMS + 1) % 65536, 1, (PAGE_ITEMS + 2) % 65536, 1]);
  });

  it('reads back parts of any length laid end to end', () => {
    const items = PAGE_ITEMS + 10;
    const whole = Int32Array.from({ length: items }, (_, i) => i);
    const parts = [whole.subarray(0, 7), whole.subarray(7, PAGE_ITEMS + 2), whole.subarray(PAGE_ITEMS + 2)];
    const array = PagedArray.from(int32, 1, parts);
    expect(array.copy(items)).toEqual(whole);
  });
});
