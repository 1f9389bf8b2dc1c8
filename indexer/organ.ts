// Names of issuing bodies: where the place part of a name ends, whether the rest makes it the
// government of that place, and a key that stays the same when a body is named differently
// across years (平潭综合实验区 / 平潭综合实验区管委会办公室, 淮安市洪泽区人民政府 / 洪泽区人民政府).
import { findPlaces, formerPlace, fullPlaceName, resolvePlace, type FormerPlace, type PlaceMention } from './divisions.js';
import { toMatchable } from '../core/simplify.js';
import type { OrganKind } from '../core/report.js';

/** A body's name split at its last place name: 重庆市九龙坡区人民政府石桥铺街道 | 办事处. */
export interface OrganName {
  /** Half-width, simplified, without whitespace or bracketed asides. */
  name: string;
  /** Place names in `name`, leftmost-longest. */
  places: PlaceMention[];
  /** A place name the dataset does not know, right after the last known one or at the start. */
  unknownPlace: UnknownPlace | null;
  /** What follows the last place name, known or not; the whole name when it names no place. */
  rest: string;
}

/** 永定县 in 龙岩市永定县人民政府 (a district since 2014), 沐阳县 (a misreading of 沭阳县). */
export interface UnknownPlace {
  name: string;
  start: number;
  end: number;
  /** What it may be now (divisions.ts formerPlace), within the known places before it; null when
   *  no division of today fits. */
  former: FormerPlace | null;
}

// A county's name is known by its suffix; a 市 or 地区 the dataset lacks is taken as a place only
// when a division of today fits it (formerPlace), as 市 ends words too (城市管理局).
const UNKNOWN_COUNTY = /^(?!各|全|本|该|我|两|多)\p{Script=Han}{1,4}?县/u;
const UNKNOWN_CITY = /^\p{Script=Han}{2,4}?(?:地区|市)/u;

// A two-character county read inside a longer name the dataset does not know: 云县 in 密云县 (a
// district since 2015), 南县 in 潼南县. The one or two characters before it are then no place of
// their own; 中共和县 and 原和县 are the county.
function insideUnknownName(gap: string, mention: PlaceMention): boolean {
  return (
    mention.name.length === 2 &&
    mention.candidates.every((division) => division.level === 'county') &&
    /^\p{Script=Han}{1,2}$/u.test(gap) &&
    !/^(?:中共|原|驻)$/.test(gap)
  );
}

function unknownPlaceAt(name: string, start: number, known: readonly PlaceMention[]): UnknownPlace | null {
  const tail = name.slice(start);
  const county = UNKNOWN_COUNTY.exec(tail)?.[0];
  if (county !== undefined) {
    return { name: county, start, end: start + county.length, former: formerPlace(county, known) };
  }
  const city = UNKNOWN_CITY.exec(tail)?.[0];
  const former = city === undefined ? null : formerPlace(city, known);
  return city !== undefined && former !== null ? { name: city, start, end: start + city.length, former } : null;
}

// What follows a place name when the body is that place's government or the government's office.
const GOVERNMENT_REST = /^(?:(?:人民)?政府|(?:党工委)?(?:管委会|管理委员会)|(?:街道)?办事处|街道办|行政公署|行署)?(?:办公室|办公厅)?$/;
// The same words closing a name whose place the dataset does not know (沐阳县人民政府办公室,
// 雄安新区管理委员会): only right after a place suffix, so 国有资产监督管理委员会 keeps its name.
// 东城街街道办事处 (a street the dataset does not know) is the street's government, as 街道办事处 is after a known place.
const GOVERNMENT_ENDING = /(?:(?<=[省市县区旗镇乡])(?:(?:人民)?政府|(?:党工委)?(?:管委会|管理委员会))|(?<=街道)办事处)(?:办公室|办公厅)?$/;

/** Removes bracketed asides (brackets already half-width), which are remarks rather than part of
 *  a name: 地方税务局（正文亦称…）. */
function withoutAsides(name: string): string {
  return name.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '');
}

/** Splits a body's name, as written, at its last place name. */
export function parseOrgan(organ: string): OrganName {
  const name = withoutAsides(toMatchable(organ)).replace(/\s+/g, '');
  const places: PlaceMention[] = [];
  let end = 0;
  for (const mention of findPlaces(name)) {
    if (insideUnknownName(name.slice(end, mention.start), mention)) continue;
    places.push(mention);
    end = mention.end;
  }
  const unknownPlace = unknownPlaceAt(name, end, places);
  const restStart = unknownPlace?.end ?? (places.length > 0 ? end : 0);
  return { name, places, unknownPlace, rest: name.slice(restStart) };
}

// A name that is only a place the dataset does not know: 沐阳县, 雄安新区.
const BARE_PLACE = /^\p{Script=Han}{1,10}(?:省|自治区|市|县|旗|区|镇|乡|街道)$/u;

/** The place names a body's name gives, known or not (the names a passage masks as the body's own). */
export function placeNamesOf(organ: string): string[] {
  const { places, unknownPlace } = parseOrgan(organ);
  return [...places.map((mention) => mention.name), ...(unknownPlace ? [unknownPlace.name] : [])];
}

/** A government (or its office) when what follows the place name is 人民政府, 人民政府办公室,
 *  (街道)办事处, 管委会 or nothing at all (平房区, 新成路街道); a department otherwise. */
export function organKindOf(organ: OrganName): OrganKind {
  const government =
    organ.places.length > 0 || organ.unknownPlace
      ? GOVERNMENT_REST.test(organ.rest)
      : GOVERNMENT_ENDING.test(organ.name) || BARE_PLACE.test(organ.name);
  return government ? 'government' : 'department';
}

/** A stable key identifying the same issuing body across years: simplified, without whitespace and
 *  asides, with the government-office variants folded into the government (人民政府办公室,
 *  管委会办公室, 街道办事处 → the place itself), and with a place that resolves to one division
 *  written out in full from its province (洪泽区 → 江苏省淮安市洪泽区). An ambiguous place (朝阳区)
 *  stays as written. Abbreviations (科委 / 科学技术委员会) are not expanded. */
export function organKey(organ: string): string {
  const parsed = parseOrgan(organ);
  // 市人民政府国有资产监督管理委员会 is the same body as 市国有资产监督管理委员会.
  let rest = parsed.rest.replace(/^(?:人民)?政府(?=.)/, '');
  if ((parsed.places.length > 0 || parsed.unknownPlace) && GOVERNMENT_REST.test(rest)) rest = '';
  const unknown = parsed.unknownPlace;
  // An old name keys as the division it became (永定县 → 福建省龙岩市永定区) when that is one and of
  // the same level: 莱芜市 (a prefecture) is not 济南市莱芜区.
  const renamed = unknown?.former?.sameLevel === true;
  const resolution = resolvePlace(placesOfOrgan(parsed, { sameLevelOnly: true }));
  const known = resolution?.division ? fullPlaceName(resolution.division) : null;
  let place: string;
  if (unknown && !renamed) place = (known ?? parsed.name.slice(0, unknown.start)) + unknown.name;
  else place = known ?? parsed.name.slice(0, unknown?.end ?? parsed.places.at(-1)?.end ?? 0);
  return (place + rest).replace(GOVERNMENT_ENDING, '');
}

/** The places a body's name gives, to resolve it: the known ones, then an unknown one as the
 *  divisions it may be now (all of them, or only when it kept its level). */
export function placesOfOrgan(organ: OrganName, options: { sameLevelOnly: boolean }): PlaceMention[] {
  const { unknownPlace } = organ;
  const former = unknownPlace?.former;
  if (!unknownPlace || !former || (options.sameLevelOnly && !former.sameLevel)) return organ.places;
  return [...organ.places, { name: unknownPlace.name, start: unknownPlace.start, end: unknownPlace.end, candidates: former.readings }];
}
