// Maps a section heading to what the section is about, so search can facet on it. Reports
// word the same section many ways (2008–2018 free-form titles, the 2019 national template,
// traditional characters), so headings are matched on a simplified copy by key words.
import type { SectionType } from '../core/report.js';
import { toSimplified } from '../core/simplify.js';

// The numbering and markdown marks before the title: '## 一、', '第二部分：', '三 、'.
const NUMBERING = /^[\s#]*(?:第[一二三四五六七八九十]+(?:部分|章)[\s、．.，,：:]*|[一二三四五六七八九十]+[ \t\u3000]?[、．.，,][\s]*)?/u;

// Pinyin glosses some pages put after characters ('報(bào)告'); they would split key words.
const PINYIN_GLOSS = /\([a-z\u00e0-\u01dc]{1,8}\)/giu;

// Checked in order: the first match wins. Order matters where titles share words, e.g.
// '因政府信息公开申请提起行政复议' is about review, not requests; '政策解读回应' is interpretation.
const RULES: ReadonlyArray<readonly [SectionType, RegExp]> = [
  ['review', /复议|诉讼/],
  ['fees', /收费|减免|处理费/],
  ['other', /其[他它].{0,6}(?:事项|情况)|需要(?:报告|说明)的/],
  ['problems', /问题|改进|整改|不足/],
  ['requests', /依申请|收到和处理|申请.{0,10}情况/],
  ['proactive', /主动公开|重点领域/],
  ['overview', /总体|概述|概况|概要|基本情况/],
  ['interpretation', /解读/],
  ['response', /舆情|回应|关切/],
  ['proposals', /建议|提案/],
  ['platform', /平台|网站|载体|公开栏|互联网|新媒体/],
  ['organization', /组织|领导|机制|制度|保障|队伍|培训|监督/],
];

/**
 * What a heading says its section is about ('unclassified' when no rule matches). Takes the
 * heading as written, numbering included; never returns 'preamble' (that is a position, not a title).
 */
export function classifySection(heading: string): SectionType {
  // A heading cut by a hard wrap is read joined: '…提起行政' / '诉讼的情况'.
  const title = toSimplified(heading)
    .replace(PINYIN_GLOSS, '')
    .replace(NUMBERING, '')
    .replace(/\s*\n\s*/g, '');
  for (const [sectionType, pattern] of RULES) {
    if (pattern.test(title)) return sectionType;
  }
  return 'unclassified';
}
