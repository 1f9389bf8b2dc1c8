// The numbers of one report, drawn once so that the text and the tables agree with each other
// (the application table adds up: received + carried over = outcomes + carried forward).
import type { Level, OrganKind } from '../../core/report.js';
import { type Random, WeightedTable } from './random.js';

/** Applicant columns of the 2019+ application table; the seventh column is the total. */
export const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;

/** Outcome rows of the application table (section 三 of the 2019+ template), in order. */
export const OUTCOME_GROUPS: ReadonlyArray<{ label: string; items: readonly string[] }> = [
  { label: '（一）予以公开', items: [] },
  { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', items: [] },
  {
    label: '（三）不予公开',
    items: [
      '1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
      '3.危及“三安全一稳定”',
      '4.保护第三方合法权益',
      '5.属于三类内部事务信息',
      '6.属于四类过程性信息',
      '7.属于行政执法案卷',
      '8.属于行政查询事项',
    ],
  },
  { label: '（四）无法提供', items: ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'] },
  {
    label: '（五）不予处理',
    items: [
      '1.信访举报投诉类申请',
      '2.重复申请',
      '3.要求提供公开出版物',
      '4.无正当理由大量反复申请',
      '5.要求行政机关确认或重新出具已获取信息',
    ],
  },
];

/** （六）其他处理 gained three sub-items in the 2021 format. */
export const OTHER_OUTCOMES_2021 = [
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
];

// How likely each outcome cell is, in the order of OUTCOME_GROUPS' cells followed by 其他处理.
const OUTCOME_WEIGHTS = [45, 8, 0.3, 0.5, 0.3, 1.5, 1, 2, 0.5, 1, 22, 2, 2, 3, 1.5, 0.5, 0.3, 0.3, 4];
const OUTCOME_CELLS = OUTCOME_WEIGHTS.length;
const outcomeTable = new WeightedTable(OUTCOME_WEIGHTS.map((w, i) => [i, w] as const));
const applicantTable = new WeightedTable([75, 14, 1, 1, 6, 3].map((w, i) => [i, w] as const));

export interface RequestStats {
  /** Per applicant column (6) then the total: new requests of the year. */
  received: number[];
  carriedOver: number[];
  /** outcomes[cell][column]: one row per outcome cell (予以公开 … 其他处理), 7 columns. */
  outcomes: number[][];
  carriedForward: number[];
  /** Old-template breakdown of new requests by how they were filed. */
  byChannel: { inPerson: number; online: number; letter: number; fax: number };
}

export interface Stats {
  proactive: number;
  viaWebsite: number;
  viaNewMedia: number;
  documents: { made: number; repealed: number; valid: number };
  rules: { made: number; repealed: number; valid: number };
  licensing: number;
  penalties: number;
  enforcement: number;
  /** 万元 */
  feeIncome: number;
  interpretations: number;
  requests: RequestStats;
  /** 行政复议 (4 results + total), then 行政诉讼 without and after review (5 each). */
  reviews: number[];
  /** Fees charged to applicants, in yuan (old template). */
  applicantFees: number;
}

const SIZE: Record<Level, number> = { township: 0.08, county: 1, city: 3, province: 6, national: 5 };

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function withTotal(values: number[]): number[] {
  return [...values, sum(values)];
}

function requestStats(random: Random, scale: number): RequestStats {
  const none = random.chance(scale < 0.2 ? 0.6 : scale < 1 ? 0.3 : 0.05);
  const total = none ? 0 : random.logInt(1, Math.max(2, Math.round(60 * scale)));
  const received = new Array<number>(6).fill(0);
  for (let i = 0; i < total; i++) received[applicantTable.draw(random)]! += 1;
  const carriedOver = received.map((n) => (n > 3 && random.chance(0.3) ? random.int(0, Math.ceil(n / 10)) : 0));
  const outcomes = Array.from({ length: OUTCOME_CELLS }, () => new Array<number>(6).fill(0));
  const carriedForward = new Array<number>(6).fill(0);
  for (let column = 0; column < 6; column++) {
    const open = received[column]! + carriedOver[column]!;
    const pending = open > 5 && random.chance(0.3) ? random.int(0, Math.ceil(open / 15)) : 0;
    carriedForward[column] = pending;
    for (let i = 0; i < open - pending; i++) outcomes[outcomeTable.draw(random)]![column]! += 1;
  }
  const inPerson = Math.round(total * random.next() * 0.4);
  const letter = Math.round((total - inPerson) * random.next() * 0.3);
  const fax = random.chance(0.2) ? Math.min(total - inPerson - letter, random.int(0, 2)) : 0;
  return {
    received: withTotal(received),
    carriedOver: withTotal(carriedOver),
    outcomes: outcomes.map(withTotal),
    carriedForward: withTotal(carriedForward),
    byChannel: { inPerson, online: total - inPerson - letter - fax, letter, fax },
  };
}

function reviewStats(random: Random, requests: number): number[] {
  const cases = (rate: number): number[] => {
    const n = requests > 0 && random.chance(Math.min(0.8, requests * rate)) ? random.int(1, Math.max(1, Math.ceil(requests * rate))) : 0;
    const results = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) results[random.pick([0, 0, 0, 1, 2, 3])]! += 1;
    return withTotal(results);
  };
  return [...cases(0.05), ...cases(0.02), ...cases(0.01)];
}

/** The numbers of a report of a body at `level`; departments handle fewer requests than governments. */
export function drawStats(random: Random, level: Level, kind: OrganKind): Stats {
  const scale = SIZE[level] * (kind === 'department' ? 0.4 : 1);
  const proactive = random.logInt(Math.round(20 * scale) + 5, Math.round(3000 * scale) + 60);
  const viaWebsite = Math.round(proactive * (0.5 + random.next() * 0.4));
  const makesRules = level === 'province' || level === 'national' || (level === 'city' && random.chance(0.5));
  const made = random.logInt(0, Math.max(1, Math.round(12 * scale)));
  const rulesMade = makesRules ? random.int(0, 6) : 0;
  const requests = requestStats(random, scale);
  return {
    proactive,
    viaWebsite,
    viaNewMedia: proactive - viaWebsite,
    documents: { made, repealed: random.int(0, Math.ceil(made / 2)), valid: made + random.int(0, Math.round(40 * scale) + 2) },
    rules: { made: rulesMade, repealed: makesRules ? random.int(0, 2) : 0, valid: makesRules ? rulesMade + random.int(0, 60) : 0 },
    licensing: random.chance(0.7) ? random.logInt(1, Math.round(5000 * scale) + 10) : 0,
    penalties: random.chance(0.6) ? random.logInt(1, Math.round(2000 * scale) + 10) : 0,
    enforcement: random.chance(0.4) ? random.logInt(1, Math.round(200 * scale) + 5) : 0,
    feeIncome: random.chance(0.4) ? random.logInt(1, Math.round(5000 * scale) + 10) : 0,
    interpretations: random.int(0, Math.round(10 * scale) + 3),
    requests,
    reviews: reviewStats(random, requests.received[6]!),
    applicantFees: random.chance(0.03) ? random.int(5, 300) : 0,
  };
}
