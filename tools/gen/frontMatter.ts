// What every report has before its first heading and after its last section: a title naming the
// body and the year covered, a publication date in the following year, and how to ask questions.
import type { CalendarDate } from './draft.js';
import { organAddress, type Organ } from './organs.js';
import type { Random } from './random.js';

/** A title with the covered year, in one of the forms real reports use. */
export function titleFor(random: Random, organ: Organ, year: number): string {
  const roll = random.next();
  if (roll < 0.5) return `${organ.name}${year}年政府信息公开工作年度报告`;
  if (roll < 0.72) return `${organ.name}${year}年度政府信息公开工作年度报告`;
  if (roll < 0.88) return `${year}年${organ.name}政府信息公开工作年度报告`;
  if (roll < 0.95) return `${organ.name}${year}年度政府信息公开工作报告`;
  return `${organ.name}${year}年信息公开工作年度报告`;
}

/**
 * Publication in the following year: the 2019 rules ask for January, the old ones for the end of
 * March. The signature is dated on or a few days before publication.
 */
export function datesFor(random: Random, year: number, newTemplate: boolean): { publishedAt: CalendarDate; signedAt: CalendarDate } {
  const month = newTemplate ? random.pick([1, 1, 1, 1, 1, 1, 1, 2, 2, 3]) : random.pick([1, 1, 1, 2, 2, 3, 3, 3, 3, 3]);
  const day = random.int(month === 1 ? 5 : 1, 28);
  const publishedAt = { year: year + 1, month, day };
  const signedAt = { ...publishedAt, day: Math.max(1, day - random.pick([0, 0, 0, 1, 2, 3, 5, 7])) };
  return { publishedAt, signedAt };
}

const AREA_CODES = ['010', '020', '021', '022', '023', '024', '025', '027', '028', '029'];

function phone(random: Random): string {
  const area = random.chance(0.3) ? random.pick(AREA_CODES) : `0${random.int(310, 999)}`;
  return `${area}-${random.int(2, 8)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** （地址：…；邮编：…；电话：…） for the sentence "如对本报告有疑问，请与…联系". */
export function contactDetails(random: Random, organ: Organ): string {
  const postcode = String(random.int(10, 86)) + String(random.int(0, 9999)).padStart(4, '0');
  const parts = [`地址：${organAddress(random, organ)}`, `邮编：${postcode}`, `电话：${phone(random)}`];
  if (random.chance(0.3)) parts.push(`传真：${phone(random)}`);
  return `（${parts.join('；')}）`;
}
