// A stable key for one issuing body across years and renames, so that "the same body's previous
// year", coverage and year-over-year comparison follow the body and not its spelling:
//   人民政府办公室 ≡ 政府办公室 ≡ 人民政府  (the office writes the government's report),
//   平潭综合实验区管委会(办公室) ≡ 平潭综合实验区,
//   洪泽县 → 洪泽区 (the county became a district in 2016) from a documented alias list.
// Steps, in order (each explainable: `applied` lists the aliases used):
//   1. tidy: NFKC (full → half width), no whitespace, no bracketed asides (（…编制）, [sic]);
//   2. place aliases: every `kind: "place"` alias's `from` replaced by its `to` (old place names);
//   3. fold the government-office variants into the place itself;
//   4. the caller's `placeKey` (e.g. division data writing 洪泽区 as 江苏省淮安市洪泽区), if given;
//   5. organ aliases: a key equal to the key of a `kind: "organ"` alias's `from` (steps 1–4 applied to
//      it, so an alias is written as the body is named) becomes the key of its `to`, transitively.
// A user's list (ORGAN_ALIASES_FILE) extends the shipped one: mergeOrganAliases.
// Invariant: the key of a key is itself when no alias maps it further (keys are fixed points).

/** One entry of organAliases.json. */
export interface OrganAlias {
  /** 'place': a place name replaced inside any name; 'organ': a whole key replaced. */
  kind: 'place' | 'organ';
  from: string;
  to: string;
  /** The year the new name took effect, for the reader (not used to pick a name: keys ignore time). */
  since?: number;
  /** Why: the State Council approval, a merger, an abbreviation. */
  note?: string;
}

/** An alias of the combined list in force: where it comes from (the shipped list or the user's
 *  file, ORGAN_ALIASES_FILE) and its 0-based position there, for messages and `nianbao aliases`. */
export interface SourcedOrganAlias extends OrganAlias {
  source: 'shipped' | 'user';
  entry: number;
}

/** Thrown when an alias list is malformed, conflicting or cyclic; `entry` is the 0-based position
 *  of the entry to fix in its list, `source` which list that is (null: a list passed on its own). */
export class OrganAliasError extends Error {
  override readonly name = 'OrganAliasError';
  constructor(
    message: string,
    readonly entry: number | null,
    readonly source: SourcedOrganAlias['source'] | null = null,
  ) {
    super(message);
  }
}

/** Reads the JSON alias file format `{ "aliases": [ {kind, from, to, since?, note?}, … ] }`
 *  (core/corpus/organAliases.json is the shipped list; a user's file has the same shape). */
export function parseOrganAliases(json: unknown): OrganAlias[] {
  const list = (json as { aliases?: unknown } | null)?.aliases;
  if (!Array.isArray(list)) throw new OrganAliasError('an organ alias file is an object with an "aliases" array', null);
  return list.map((entry: unknown, index): OrganAlias => {
    const e = entry as Partial<Record<keyof OrganAlias, unknown>> | null;
    if (!e || (e.kind !== 'place' && e.kind !== 'organ'))
      throw new OrganAliasError(`alias ${index}: "kind" must be "place" or "organ"`, index);
    if (typeof e.from !== 'string' || typeof e.to !== 'string' || e.from.trim() === '' || e.to.trim() === '') {
      throw new OrganAliasError(`alias ${index}: "from" and "to" must be non-empty strings`, index);
    }
    if (e.since !== undefined && !Number.isInteger(e.since)) throw new OrganAliasError(`alias ${index}: "since" must be a year`, index);
    if (e.note !== undefined && typeof e.note !== 'string') throw new OrganAliasError(`alias ${index}: "note" must be a string`, index);
    const alias: OrganAlias = { kind: e.kind, from: e.from, to: e.to };
    if (typeof e.since === 'number') alias.since = e.since;
    if (typeof e.note === 'string') alias.note = e.note;
    return alias;
  });
}

/** A body's key and the aliases that made it. */
export interface OrganKeyResult {
  key: string;
  applied: OrganAlias[];
}

export interface OrganKeyOptions {
  aliases?: readonly OrganAlias[];
  /** Division data the caller owns: a tidied, folded name → the same name with its place written
   *  out in full. core/corpus has no division data of its own. */
  placeKey?: (name: string) => string;
}

// A place name: Han characters up to an administrative suffix.
const PLACE_SUFFIX = '(?:省|自治区|自治州|市|县|区|旗|盟|镇|乡|街道)';
// What follows a place when the body is that place's government or its office.
const GOVERNMENT_TAIL = new RegExp(
  `(?<=${PLACE_SUFFIX})(?:(?:人民)?政府|(?:党工委)?(?:管委会|管理委员会)|(?:街道)?办事处)?(?:办公室|办公厅)?$`,
  'u',
);
// 市人民政府国有资产监督管理委员会 is 市国有资产监督管理委员会.
const GOVERNMENT_INFIX = new RegExp(`(?<=${PLACE_SUFFIX})(?:人民)?政府(?=.+)`, 'u');

/** Tidies a name as written: NFKC, no whitespace, no bracketed asides. */
export function tidyOrganName(organ: string): string {
  return organ
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '');
}

/** Folds the government-office variants into the place (step 3). */
export function foldGovernment(name: string): string {
  const folded = name.replace(GOVERNMENT_TAIL, '');
  return folded === '' ? name : folded.replace(GOVERNMENT_INFIX, '');
}

/**
 * The shipped list extended by the user's. A user entry with the same kind and tidied `from` as a
 * shipped one replaces it (the user's list wins: it corrects a shipped alias, or withdraws one by
 * mapping the name to itself; createOrganKeyer does the same for an organ alias whose `from` is
 * written otherwise but keys to the same body); the other user entries follow the shipped ones, in
 * their order. Two user entries giving one name different targets are refused, naming the second.
 */
export function mergeOrganAliases(shipped: readonly OrganAlias[], user: readonly OrganAlias[]): SourcedOrganAlias[] {
  const nameOf = (alias: OrganAlias): string => `${alias.kind}:${tidyOrganName(alias.from)}`;
  const users = new Map<string, SourcedOrganAlias>();
  user.forEach((alias, entry) => {
    const sourced: SourcedOrganAlias = { ...alias, source: 'user', entry };
    const earlier = users.get(nameOf(alias));
    if (earlier && tidyOrganName(earlier.to) !== tidyOrganName(alias.to)) {
      throw new OrganAliasError(
        `${labelOf(sourced, entry)} maps ${alias.from} to ${alias.to}, but ${labelOf(earlier, earlier.entry)} maps it to ${earlier.to}: keep one of them`,
        entry,
        'user',
      );
    }
    users.set(nameOf(alias), sourced);
  });
  const kept = shipped
    .map((alias, entry): SourcedOrganAlias => ({ ...alias, source: 'shipped', entry }))
    .filter((alias) => !users.has(nameOf(alias)));
  return [...kept, ...users.values()];
}

/** How a message names an entry: `user alias 2 (甲 → 乙)`, or `alias 2 (甲 → 乙)` in a list of its own. */
function labelOf(alias: OrganAlias, index: number): string {
  const sourced = alias as Partial<SourcedOrganAlias>;
  const position = sourced.source === undefined ? `alias ${index}` : `${sourced.source} alias ${sourced.entry}`;
  return `${position} (${alias.from} → ${alias.to})`;
}

function errorAt(message: string, alias: OrganAlias, index: number): OrganAliasError {
  const sourced = alias as Partial<SourcedOrganAlias>;
  return new OrganAliasError(message, sourced.entry ?? index, sourced.source ?? null);
}

/** An organ alias between two keys, computed as a body's name is keyed (steps 1–4). */
interface OrganStep {
  alias: OrganAlias;
  index: number;
  to: string;
}

/** A function from a body's name as written to its key. Throws OrganAliasError on organ aliases
 *  that give one key two targets or form a cycle, naming the entry (a user's entry when one is in it). */
export function createOrganKeyer(options: OrganKeyOptions = {}): (organ: string) => OrganKeyResult {
  const aliases = options.aliases ?? [];
  // A name mapped to itself is no alias (a user's way to withdraw a shipped one).
  const places = aliases
    .filter((a) => a.kind === 'place')
    .map((a) => ({ alias: a, from: tidyOrganName(a.from), to: tidyOrganName(a.to) }))
    .filter((p) => p.from !== p.to);
  const nameKey = (organ: string): { key: string; applied: OrganAlias[] } => {
    const applied: OrganAlias[] = [];
    let name = tidyOrganName(organ);
    for (const place of places) {
      if (!name.includes(place.from)) continue;
      name = name.split(place.from).join(place.to);
      applied.push(place.alias);
    }
    const folded = foldGovernment(name);
    return { key: options.placeKey ? options.placeKey(folded) : folded, applied };
  };
  const organs = organSteps(aliases, (name) => nameKey(name).key);
  return (organ: string): OrganKeyResult => {
    let { key, applied } = nameKey(organ);
    for (let step = organs.get(key); step; step = organs.get(key)) {
      applied = [...applied, step.alias];
      key = step.to;
    }
    return { key, applied };
  };
}

/** The organ aliases by the key of their `from`, checked for conflicts and cycles. */
function organSteps(aliases: readonly OrganAlias[], keyOf: (name: string) => string): Map<string, OrganStep> {
  const organs = new Map<string, OrganStep>();
  const isUser = (alias: OrganAlias): boolean => (alias as Partial<SourcedOrganAlias>).source === 'user';
  aliases.forEach((alias, index) => {
    if (alias.kind !== 'organ') return;
    const from = keyOf(alias.from);
    const to = keyOf(alias.to);
    const earlier = organs.get(from);
    // A user's entry for a body a shipped entry names another way (平潭县人民政府 / 平潭县) replaces it,
    // as one with the same `from` does in mergeOrganAliases; mapped to itself, it withdraws it.
    const overrides = earlier !== undefined && isUser(alias) && !isUser(earlier.alias);
    if (from === to) {
      if (overrides) organs.delete(from);
      return;
    }
    if (earlier && earlier.to !== to && !overrides) {
      throw errorAt(
        `${labelOf(alias, index)} and ${labelOf(earlier.alias, earlier.index)} give the body ${from} two different keys: keep one of them`,
        alias,
        index,
      );
    }
    organs.set(from, { alias, index, to });
  });
  checkAcyclic(organs);
  return organs;
}

function checkAcyclic(organs: ReadonlyMap<string, OrganStep>): void {
  for (const start of organs.keys()) {
    const path = [start];
    const steps: OrganStep[] = [];
    for (let step = organs.get(start); step; step = organs.get(step.to)) {
      steps.push(step);
      if (path.includes(step.to)) {
        // Name a user's entry when the cycle has one: the shipped list alone has none.
        const culprit = steps.findLast((s) => (s.alias as Partial<SourcedOrganAlias>).source === 'user') ?? step;
        throw errorAt(
          `organ aliases form a cycle through ${[...path, step.to].join(' → ')}: remove or change ${labelOf(culprit.alias, culprit.index)}`,
          culprit.alias,
          culprit.index,
        );
      }
      path.push(step.to);
    }
  }
}

const PLACE = new RegExp(`\\p{Script=Han}{2,12}?${PLACE_SUFFIX}`, 'gu');

/** Names to mask in a report's passages (types.ts `maskTerms`): the name as written, its folded
 *  form, and the place names in it (by suffix, or the caller's `places` from division data). */
export function maskTermsFor(organ: string, places: readonly string[] = []): string[] {
  const tidy = tidyOrganName(organ);
  const found = [...tidy.matchAll(PLACE)].map((m) => m[0]);
  return [...new Set([tidy, foldGovernment(tidy), ...found, ...places])].filter((term) => term.length >= 2);
}
