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
//   5. organ aliases: a key equal to a `kind: "organ"` alias's `from` becomes its `to`, transitively.
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

/** Thrown when an alias list is malformed or cyclic; `entry` is the 0-based position. */
export class OrganAliasError extends Error {
  override readonly name = 'OrganAliasError';
  constructor(
    message: string,
    readonly entry: number | null,
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

/** A function from a body's name as written to its key. Throws OrganAliasError on a cycle of organ aliases. */
export function createOrganKeyer(options: OrganKeyOptions = {}): (organ: string) => OrganKeyResult {
  const places = (options.aliases ?? [])
    .filter((a) => a.kind === 'place')
    .map((a) => ({ alias: a, from: tidyOrganName(a.from), to: tidyOrganName(a.to) }));
  const organs = new Map<string, OrganAlias>();
  for (const alias of options.aliases ?? []) if (alias.kind === 'organ') organs.set(foldGovernment(tidyOrganName(alias.from)), alias);
  checkAcyclic(organs);
  return (organ: string): OrganKeyResult => {
    const applied: OrganAlias[] = [];
    let name = tidyOrganName(organ);
    for (const place of places) {
      if (!name.includes(place.from)) continue;
      name = name.split(place.from).join(place.to);
      applied.push(place.alias);
    }
    let key = foldGovernment(name);
    if (options.placeKey) key = options.placeKey(key);
    for (let alias = organs.get(key); alias; alias = organs.get(key)) {
      applied.push(alias);
      key = foldGovernment(tidyOrganName(alias.to));
    }
    return { key, applied };
  };
}

function checkAcyclic(organs: ReadonlyMap<string, OrganAlias>): void {
  for (const start of organs.keys()) {
    const seen = new Set<string>([start]);
    for (let alias = organs.get(start); alias; ) {
      const next = foldGovernment(tidyOrganName(alias.to));
      if (seen.has(next)) throw new OrganAliasError(`organ aliases form a cycle through ${[...seen].join(' → ')} → ${next}`, null);
      seen.add(next);
      alias = organs.get(next);
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
