// Years and dates as Chinese reports write them: 2019年, 2019年度, 二〇一九年, 2020-01-03,
// 2021年01月22日, 二〇二〇年一月三日. Texts are expected half-width (full-width digits converted).

const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  '○': 0,
  零: 0,
  O: 0,
  o: 0,
  '0': 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
// A year in Chinese digits, read digit by digit; reports also write 〇 as ○, O or 0.
const CN_YEAR = '[〇○零Oo0一二三四五六七八九]{4}';
const CN_SMALL = '[一二三四五六七八九十]{1,3}';

/** 二〇一九 → 2019 (digit by digit); 十二 → 12, 二十三 → 23 (with 十). */
function chineseNumber(text: string): number | null {
  if (!text.includes('十')) {
    let value = 0;
    for (const char of text) {
      const digit = CHINESE_DIGITS[char];
      if (digit === undefined) return null;
      value = value * 10 + digit;
    }
    return value;
  }
  const [tens, units] = text.split('十');
  const tensValue = tens ? CHINESE_DIGITS[tens] : 1;
  const unitsValue = units ? CHINESE_DIGITS[units] : 0;
  return tensValue === undefined || unitsValue === undefined ? null : tensValue * 10 + unitsValue;
}

function plausibleYear(year: number | null): year is number {
  return year !== null && year >= 1990 && year <= 2100;
}

/** A year naming a period ("2019年", "2019年度", "二〇一九年"), not the year of a date ("2019年3月"). */
const YEAR = new RegExp(`(?<!\\d)((?:19|20)\\d{2})\\s*年度?(?!\\s*\\d{1,2}\\s*月)|(${CN_YEAR})\\s*年度?(?!\\s*${CN_SMALL}\\s*月)`, 'g');

export interface YearMatch {
  year: number;
  start: number;
  end: number;
}

/** The first year in a text that names a period, with where it stands. */
export function findYear(text: string): YearMatch | null {
  for (const match of text.matchAll(YEAR)) {
    const year = match[1] ? Number(match[1]) : chineseNumber(match[2] ?? '');
    if (plausibleYear(year)) return { year, start: match.index, end: match.index + match[0].length };
  }
  return null;
}

/** Regex source for one date, in digits (2020-01-03, 2020/1/3, 2021年01月22日) or in Chinese
 *  numerals (二〇二〇年一月三日); read the match with dateFrom. */
export const DATE =
  '(?:(?<dy>(?:19|20)\\d{2})\\s*[-/.年]\\s*(?<dm>\\d{1,2})\\s*[-/.月]\\s*(?<dd>\\d{1,2})(?!\\d)(?:\\s*日)?' +
  `|(?<cy>${CN_YEAR})\\s*年\\s*(?<cm>${CN_SMALL})\\s*月\\s*(?<cd>${CN_SMALL})\\s*日)`;

/** Regex source for a year and a month without a day (2021年1月, 二〇二一年一月), as a signature is
 *  often dated: it dates nothing (dateFrom gives no day), but it tells a signature from a heading. */
export const YEAR_MONTH = `(?:(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}|${CN_YEAR}\\s*年\\s*${CN_SMALL})\\s*月`;

function isoDate(year: number | null, month: number | null, day: number | null): string | null {
  if (!plausibleYear(year) || month === null || day === null) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The ISO date (YYYY-MM-DD) a regex containing DATE matched; null for a day that does not exist. */
export function dateFrom(match: RegExpMatchArray): string | null {
  const groups = match.groups ?? {};
  if (groups.dy) return isoDate(Number(groups.dy), Number(groups.dm), Number(groups.dd));
  return isoDate(chineseNumber(groups.cy ?? ''), chineseNumber(groups.cm ?? ''), chineseNumber(groups.cd ?? ''));
}
