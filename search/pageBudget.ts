// How many pages of candidates the process holds at once, over every verification running in it.
// Why: a verification reads its candidates' text in pages, several side by side
// (meili/verifiedPlanner.ts), and a page is garbage only once it is checked. Each request used to hold
// its own 4 pages of 5,000 sections: at 1M, 16 long phrases searched at once from a fresh site peaked it
// at 280–307 MiB; with one budget of 4 pages of 2,000 for the process, 210–213 MiB in the same time
// (BENCHMARKS.md, session 20). Meilisearch answers one search per core, so pages past a few at once
// only wait inside it: one budget for the process costs the verifications no throughput.

/** Gives back a page's place in the budget; calling it again does nothing. */
export type ReleasePage = () => void;

export class PageBudget {
  #free: number;
  #mostInUse = 0;
  readonly #waiting: Array<(release: ReleasePage) => void> = [];

  constructor(readonly pages: number) {
    if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`a page budget needs at least one page, not ${pages}`);
    this.#free = pages;
  }

  /** Pages held now. */
  get inUse(): number {
    return this.pages - this.#free;
  }

  /** The most pages held at once so far. */
  get mostInUse(): number {
    return this.#mostInUse;
  }

  /** Resolves when a page may be held, in the order asked; the caller releases it once the page is checked. */
  acquire(): Promise<ReleasePage> {
    if (this.#free > 0) return Promise.resolve(this.#take());
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #take(): ReleasePage {
    this.#free -= 1;
    this.#mostInUse = Math.max(this.#mostInUse, this.inUse);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free += 1;
      const next = this.#waiting.shift();
      if (next) next(this.#take());
    };
  }
}
