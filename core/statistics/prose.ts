// Totals the prose states in words, e.g. "共受理政府信息公开申请3119件". Read only where the phrase
// names what is counted and the number sits right after it: "申请" next to a number is too
// common ("申请人", "申请公开") to read more loosely.
import type { LegacyMeasure, ProseTotal } from './types.js';

const RECEIVED = /(?:共|全年|本年度?|年内)(?:收到|受理|接收|接到)(?:各类)?(?:政府)?信息公开申请(?:共|总计)?\s*(\d+)\s*(?:件|条|份|宗|个)/g;
// "2016年全区未收到有关政府信息公开申请": none received, said in words.
const NONE_RECEIVED =
  /(?:全年|本年度?|\d{4}年)(?:全[区县市]|我[区县市局委办])?(?:未|没有)(?:收到|受理|接到)(?:有关|任何)?(?:政府)?信息公开申请/g;
const ANSWERED = /(?:共|全年|本年度?)?(?:答复|办结|办理)(?:各类)?(?:政府)?信息公开申请(?:共|总计)?\s*(\d+)\s*(?:件|条|份|宗|个)/g;
const REVIEW = /(?:行政复议(?:案件|申请)?)\s*(\d+)\s*(?:件|起)/g;
const LITIGATION = /(?:行政诉讼(?:案件)?)\s*(\d+)\s*(?:件|起)/g;

/** The 受理/收到 totals of the prose, for checking against 表三. */
export function proseTotals(text: string): ProseTotal[] {
  return [...text.matchAll(RECEIVED)].map((m) => ({ measure: 'requestsReceived', value: Number(m[1]), offset: m.index }));
}

/**
 * Older reports' totals, one measure each: a measure stated twice with different numbers (a
 * department's count beside the whole government's) is left out rather than guessed.
 */
export function legacyMeasures(text: string): LegacyMeasure[] {
  const found: LegacyMeasure[] = [];
  const patterns: Array<[LegacyMeasure['measure'], RegExp]> = [
    ['requestsReceived', RECEIVED],
    ['requestsAnswered', ANSWERED],
    ['reviewCases', REVIEW],
    ['litigationCases', LITIGATION],
  ];
  for (const [measure, pattern] of patterns) {
    const matches = [...text.matchAll(pattern)];
    if (measure === 'requestsReceived') matches.push(...[...text.matchAll(NONE_RECEIVED)].map((m) => Object.assign(m, { 1: '0' })));
    const values = new Set(matches.map((m) => Number(m[1])));
    if (values.size !== 1) continue;
    const m = matches[0]!;
    found.push({ measure, value: Number(m[1]), offset: m.index, phrase: m[0] });
  }
  return found;
}
