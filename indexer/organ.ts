// Names of issuing bodies: where the place part of a name ends, whether the rest makes it the
// government of that place, and a key that stays the same when a body is named differently
// across years (平潭综合实验区 / 平潭综合实验区管委会办公室, 淮安市洪泽区人民政府 / 洪泽区人民政府).
import { findPlaces, fullPlaceName, resolvePlace, type PlaceMention } from './divisions.js';
import { toMatchable } from '../core/simplify.js';
import type { OrganKind } from '../core/report.js';

/** A body's name split at its last place name: 重庆市九龙坡区人民政府石桥铺街道 | 办事处. */
export interface OrganName {
  /** Half-width, simplified, without whitespace or bracketed asides. */
  name: string;
  /** Place names in `name`, leftmost-longest. */
  places: PlaceMention[];
  /** What follows the last place name; the whole name when it names no place. */
  rest: string;
}

// What follows a place name when the body is that place's government or the government's office.
const GOVERNMENT_REST = /^(?:(?:人民)?政府|(?:党工委)?(?:管委会|管理委员会)|(?:街道)?办事处|街道办)?(?:办公室|办公厅)?$/;
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
  const places = findPlaces(name);
  const last = places.at(-1);
  return { name, places, rest: last ? name.slice(last.end) : name };
}

// A name that is only a place the dataset does not know: 沐阳县, 雄安新区.
const BARE_PLACE = /^\p{Script=Han}{1,10}(?:省|自治区|市|县|旗|区|镇|乡|街道)$/u;

/** A government (or its office) when what follows the place name is 人民政府, 人民政府办公室,
 *  (街道)办事处, 管委会 or nothing at all (平房区, 新成路街道); a department otherwise. */
export function organKindOf(organ: OrganName): OrganKind {
  const government =
    organ.places.length > 0 ? GOVERNMENT_REST.test(organ.rest) : GOVERNMENT_ENDING.test(organ.name) || BARE_PLACE.test(organ.name);
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
  if (parsed.places.length > 0 && GOVERNMENT_REST.test(rest)) rest = '';
  const resolution = resolvePlace(parsed.places);
  const place = resolution?.division ? fullPlaceName(resolution.division) : parsed.name.slice(0, parsed.places.at(-1)?.end ?? 0);
  return (place + rest).replace(GOVERNMENT_ENDING, '');
}
