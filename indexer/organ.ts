// Names of issuing bodies: where the place part of a name ends, whether the rest makes it the
// government of that place, and a key that stays the same when a body is named differently
// across years (平潭综合实验区 / 平潭综合实验区管委会办公室, 淮安市洪泽区人民政府 / 洪泽区人民政府).
import {
  findPlaces,
  formerPlace,
  fullPlaceName,
  liesWithin,
  lookupPlace,
  placeOfStem,
  resolvePlace,
  type FormerPlace,
  type PlaceMention,
} from './divisions.js';
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
  /** A development zone the dataset does not list, right after the last known place or at the start. */
  zone: DevelopmentZone | null;
  /** What follows the last place name, known or not, or the zone; the whole name when it names neither. */
  rest: string;
}

/** 经济技术开发区 in 天津经济技术开发区, 成都高新技术产业开发区, 湘江新区 in 湖南湘江新区: a zone the
 *  division data does not list, named after the place it lies in (some zones are listed, as counties:
 *  苏州工业园区, 合肥高新技术产业开发区). */
export interface DevelopmentZone {
  /** The zone's name after the known places, its stem included (成都高新技术产业开发区). */
  name: string;
  start: number;
  end: number;
  /** The city or county the stem, or its start, names without its suffix (成都 → 成都市, 青岛西海岸 →
   *  青岛市); null when it names none. */
  stemPlace: PlaceMention | null;
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
// A district the dataset lacks, right after known places: one merged or renamed before its data (上海市卢湾区,
// 北京市崇文区, 杭州市下城区). Not a word (城区, 辖区, 社区, 军分区) and not a development zone (高新区, 工业园区).
const UNKNOWN_DISTRICT = /^(?!各|全|本|该|我|两|多|辖|市|城|郊|地|军|分|校|厂|营|战|警)\p{Script=Han}{1,3}?区/u;
const NOT_A_DISTRICT = /(?:开发|新|园|保税|度假|实验|示范|高新|经开|景|矿|社|小|片|街|林|牧|库|灾|山|老|特)区$/;

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
  if (city !== undefined && former !== null) return { name: city, start, end: start + city.length, former };
  const district = unknownDistrictAt(name, start);
  const formerDistrict = district === null ? null : formerPlace(district, known);
  // After known places any district the data lacks is one; at the start only one a rename accounts for (东陵区).
  if (district === null || (known.length === 0 && formerDistrict === null)) return null;
  return { name: district, start, end: start + district.length, former: formerDistrict };
}

// The kinds of development zone, a longer name before a shorter one it ends with. After a stem of at most
// six characters: the place it is named after (成都, 湘江, 青岛西海岸) or nothing (天津|经济技术开发区).
const ZONE =
  /^(?<stem>\p{Script=Han}{0,6}?)(?:国家级)?(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|新技术产业开发区|新技术开发区|高新技术产业园区|高新区|经开区|工业园区|产业园区|开发区|新区|综合保税区|保税区|保税港区|旅游度假区|自由贸易试验区|综合实验区)/u;
// A stem names a place, not a body: 公安局开发区分局 is a branch of the police.
const NOT_A_STEM = /局|委|厅|办|部|院|所|站|队|处|科|会|司|署|中心/;

function zoneAt(name: string, start: number, known: readonly PlaceMention[]): DevelopmentZone | null {
  const match = ZONE.exec(name.slice(start));
  const stem = match?.groups?.stem;
  if (!match || stem === undefined || NOT_A_STEM.test(stem)) return null;
  const named = placeOfStem(stem, known);
  const stemPlace = named ? { ...named, start: start + named.start, end: start + named.end } : null;
  return { name: match[0], start, end: start + match[0].length, stemPlace };
}

/** A district's name at `start` that the dataset does not know (卢湾区 in 上海市卢湾区人民政府), or null. */
export function unknownDistrictAt(name: string, start: number): string | null {
  const district = UNKNOWN_DISTRICT.exec(name.slice(start))?.[0];
  return district === undefined || NOT_A_DISTRICT.test(district) || lookupPlace(district).length > 0 ? null : district;
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
  let elsewhere: UnknownPlace | null = null;
  for (const mention of findPlaces(name)) {
    if (insideUnknownName(name.slice(end, mention.start), mention)) continue;
    // 重庆市双桥区 (merged into 大足区 in 2011): a district or county the dataset knows only elsewhere
    // (承德市双桥区) is one it lacks here, not a jump to another province.
    if (places.length > 0 && mention.start === end && /[区县]$/.test(mention.name) && !liesWithin(mention, places)) {
      elsewhere = { name: mention.name, start: mention.start, end: mention.end, former: null };
      break;
    }
    places.push(mention);
    end = mention.end;
  }
  const unknownPlace = elsewhere ?? unknownPlaceAt(name, end, places);
  const zone = unknownPlace ? null : zoneAt(name, end, places);
  const restStart = zone?.end ?? unknownPlace?.end ?? (places.length > 0 ? end : 0);
  return { name, places, unknownPlace, zone, rest: name.slice(restStart) };
}

// A name that is only a place the dataset does not know: 沐阳县, 雄安新区.
const BARE_PLACE = /^\p{Script=Han}{1,10}(?:省|自治区|市|县|旗|区|镇|乡|街道)$/u;

/** The place names a body's name gives, known or not (the names a passage masks as the body's own). */
export function placeNamesOf(organ: string): string[] {
  const { places, unknownPlace } = parseOrgan(organ);
  return [...places.map((mention) => mention.name), ...(unknownPlace ? [unknownPlace.name] : [])];
}

/** Whether the name gives a place, known or not, or a zone: what follows it then decides its kind and key. */
function namesAPlace(organ: OrganName): boolean {
  return organ.places.length > 0 || organ.unknownPlace !== null || organ.zone !== null;
}

/** A government (or its office) when what follows the place name is 人民政府, 人民政府办公室,
 *  (街道)办事处, 管委会 or nothing at all (平房区, 新成路街道); a department otherwise. */
export function organKindOf(organ: OrganName): OrganKind {
  const government = namesAPlace(organ)
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
  if (namesAPlace(parsed) && GOVERNMENT_REST.test(rest)) rest = '';
  const { unknownPlace: unknown, zone } = parsed;
  // An old name keys as the division it became (永定县 → 福建省龙岩市永定区) when that is one and of
  // the same level: 莱芜市 (a prefecture) is not 济南市莱芜区.
  const renamed = unknown?.former?.sameLevel === true;
  const resolution = resolvePlace(placesOfOrgan(parsed, { sameLevelOnly: true }));
  const known = resolution?.division ? fullPlaceName(resolution.division) : null;
  let place: string;
  // A zone keys below the place it lies in, its stem written out: 成都高新区 and 成都市高新区 are one body.
  if (zone) place = (known ?? parsed.name.slice(0, zone.start)) + zone.name.slice(known ? (zone.stemPlace?.name.length ?? 0) : 0);
  else if (unknown && !renamed) place = (known ?? parsed.name.slice(0, unknown.start)) + unknown.name;
  else place = known ?? parsed.name.slice(0, unknown?.end ?? parsed.places.at(-1)?.end ?? 0);
  return (place + rest).replace(GOVERNMENT_ENDING, '');
}

/** The places a body's name gives, to resolve it: the known ones, then a zone's stem as the place it
 *  names, or an unknown one as the divisions it may be now (all of them, or only when it kept its level). */
export function placesOfOrgan(organ: OrganName, options: { sameLevelOnly: boolean }): PlaceMention[] {
  const { unknownPlace, zone } = organ;
  if (zone?.stemPlace) return [...organ.places, zone.stemPlace];
  const former = unknownPlace?.former;
  if (!unknownPlace || !former || (options.sameLevelOnly && !former.sameLevel)) return organ.places;
  return [...organ.places, { name: unknownPlace.name, start: unknownPlace.start, end: unknownPlace.end, candidates: former.readings }];
}
