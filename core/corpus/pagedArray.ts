// A growable typed array kept in fixed-size pages. Growing adds a page and copies nothing. Why not
// one array doubled when full (sessions 5–14): while it is copied, the old array and the new one are
// both resident, and the old one stays until V8 collects it. At 1M sections the passage index's
// arrays last doubled near the end of the run, all at once (their lengths grow together): by their
// sizes, about 270 MB of old arrays beside their copies, at the run's peak. Untouched capacity cost
// nothing there (fresh pages are not resident); the copy did.
//
// An item is `width` consecutive elements (a passage's 32 MinHash values), never split across pages,
// so a caller that works on a whole item takes its page and offset once (page(), offset()).

export type PageArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** Items per page: a power of two. 16,384 keeps a page of 32-bit values at 64 KiB and of signatures at 1 MiB. */
export const PAGE_ITEMS = 1 << 14;
const PAGE_BITS = Math.log2(PAGE_ITEMS);

export class PagedArray<T extends PageArray> {
  private readonly pages: T[] = [];

  /** `create(length)`: a new zero-filled array of that many elements (e.g. `(n) => new Int32Array(n)`). */
  constructor(
    private readonly create: (length: number) => T,
    readonly width = 1,
  ) {}

  /** Items the pages can hold. */
  get capacity(): number {
    return this.pages.length * PAGE_ITEMS;
  }

  /** Bytes held by the pages. */
  get bytes(): number {
    return this.pages.length * PAGE_ITEMS * this.width * (this.pages[0]?.BYTES_PER_ELEMENT ?? 0);
  }

  /** Adds pages until `items` items fit; new items are zero. */
  ensure(items: number): void {
    while (this.capacity < items) this.pages.push(this.create(PAGE_ITEMS * this.width));
  }

  /** The page holding `item` (which must be below capacity). */
  page(item: number): T {
    return this.pages[item >>> PAGE_BITS] as T;
  }

  /** Where `item`'s first element sits in its page. */
  offset(item: number): number {
    return (item & (PAGE_ITEMS - 1)) * this.width;
  }

  /** Element 0 of `item` (for width 1). */
  get(item: number): number {
    return this.pages[item >>> PAGE_BITS]![item & (PAGE_ITEMS - 1)] as number;
  }

  set(item: number, value: number): void {
    this.pages[item >>> PAGE_BITS]![item & (PAGE_ITEMS - 1)] = value;
  }

  /** Sets every element of every page. */
  fill(value: number): void {
    for (const page of this.pages) page.fill(value);
  }

  /** Views of the first `items` items, in order, page by page: valid until the array changes. */
  views(items: number): T[] {
    const views: T[] = [];
    for (let start = 0; start < items; start += PAGE_ITEMS) {
      const page = this.pages[start >>> PAGE_BITS] as T;
      views.push(page.subarray(0, Math.min(PAGE_ITEMS, items - start) * this.width) as T);
    }
    return views;
  }

  /** A copy of the first `items` items as one array. */
  copy(items: number): T {
    const copy = this.create(items * this.width);
    let at = 0;
    for (const view of this.views(items)) {
      copy.set(view as ArrayLike<number> & T, at);
      at += view.length;
    }
    return copy;
  }

  /** A paged copy of `parts` laid end to end (whole items). */
  static from<T extends PageArray>(create: (length: number) => T, width: number, parts: readonly T[]): PagedArray<T> {
    const paged = new PagedArray(create, width);
    const elements = parts.reduce((sum, part) => sum + part.length, 0);
    paged.ensure(Math.ceil(elements / width));
    let at = 0;
    for (const part of parts) {
      for (let i = 0; i < part.length; ) {
        const item = (at / width) | 0;
        const page = paged.page(item);
        const offset = paged.offset(item) + (at - item * width);
        const n = Math.min(part.length - i, page.length - offset);
        page.set(part.subarray(i, i + n) as ArrayLike<number> & T, offset);
        i += n;
        at += n;
      }
    }
    return paged;
  }
}
