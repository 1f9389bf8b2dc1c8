// Template sentences: text every report must contain (the regulation, the 2019 and 2021 national
// report templates), labelled `template` rather than counted as copying. Two rules, either is enough:
//  1. the passage matches one of TEMPLATE_PATTERNS, written as data below against the normalised
//     text (passages.ts: no whitespace or punctuation, numbers as #, masked names as @);
//  2. the passage is shared by at least `minOrgans` bodies in at least `minProvinces` provinces
//     (WIDESPREAD_RULE): copying between neighbours stays in one province, a wording that bodies of
//     three provinces use independently comes from a national text. Provinces, not bodies alone,
//     because a city's departments copying the city government's report is copying, however many.
// Both are explainable: a template label names the pattern, or the bodies and provinces counted.

/** A template wording, matched against a passage's normalised text. */
export interface TemplatePattern {
  id: string;
  /** Where the wording is required: the regulation, a national template, or long-standing practice. */
  source: string;
  description: string;
  pattern: RegExp;
}

// Against normalised text: 《条例》 is 条例, 2011年1月1日 is #年#月#日, 五个部分 keeps its numeral.
export const TEMPLATE_PATTERNS: readonly TemplatePattern[] = Object.freeze([
  {
    id: 'preamble-basis',
    source: '条例 第五十条; 2019/2021 年度报告格式 导语',
    description: '本报告根据《中华人民共和国政府信息公开条例》…编制',
    pattern: /(?:本(?:年度)?报告|根据).{0,40}(?:中华人民共和国)?政府信息公开条例.{0,200}(?:编制|制定|撰写|公布)/u,
  },
  {
    id: 'preamble-structure',
    source: '2008–2018 各地年度报告导语 (国办 2008 年要求的年报结构)',
    description: '本报告由概述、主动公开政府信息情况…等部分组成',
    pattern: /^(?:全文|本报告)(?:包括|由).{0,160}(?:共[#一二三四五六七八九十]+个?部分|等部分|部分)组成/u,
  },
  {
    id: 'statistics-period',
    source: '年度报告导语',
    description: '本报告所列数据的统计期限自…起至…止',
    pattern: /本(?:年度)?报告(?:中)?所列数据的?统计(?:期限|时限|时间|周期)(?:自|为|是)?#年#月#日(?:起)?至#年#月#日止?/u,
  },
  {
    id: 'electronic-copy',
    source: '年度报告导语',
    description: '本报告的电子版可在…下载',
    pattern: /本(?:年度)?报告的?电子版(?:可)?在.{0,80}(?:下载|查阅|浏览)/u,
  },
  {
    id: 'contact',
    source: '年度报告导语',
    description: '如对本报告有任何疑问，请与…联系',
    pattern: /(?:如对本(?:年度)?报告|对本(?:年度)?报告如)有(?:任何)?疑问.{0,60}(?:联系|咨询)/u,
  },
  {
    id: 'report-title',
    source: '年度报告标题',
    description: '…XXXX年政府信息公开工作年度报告, the title line: every report has one, the same once its name and year are masked',
    pattern: /^.{0,40}#年度?政府信息公开(?:工作)?年度报告$/u,
  },
  {
    id: 'template-heading',
    source: '2019/2021 年度报告格式 标题',
    description: 'the six headings of the national template, as a sentence of their own',
    pattern:
      /^[一二三四五六七八九十]*(?:政府信息公开(?:工作)?)?(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议行政诉讼情况|(?:政府信息公开工作)?存在的主要问题及改进情况|其他需要报告的事项)$/u,
  },
  {
    id: 'template-table',
    source: '2019/2021 年度报告格式 统计表',
    description: 'row and column labels of the national statistics tables',
    pattern:
      /(?:本年(?:新收|度)?政府信息公开申请数量|上年结转政府信息公开申请数量|本年制发件数本年废止件数现行有效件数|本年处理决定数量|自然人法人或其他组织|结果维持结果纠正其他结果尚未审结)/u,
  },
]);

/** The first template pattern a normalised passage matches, or null. */
export function matchTemplatePattern(normalised: string, patterns: readonly TemplatePattern[] = TEMPLATE_PATTERNS): TemplatePattern | null {
  for (const candidate of patterns) if (candidate.pattern.test(normalised)) return candidate;
  return null;
}

/** Rule 2: how widely a passage must be shared to be a template wording. */
export interface WidespreadRule {
  minOrgans: number;
  minProvinces: number;
}

/** Ten bodies in three provinces. Not measurable on the real corpus (three provinces, nine bodies,
 *  where only the pattern list applies); chosen so that a whole county's departments copying their
 *  government (tens of bodies, one province) stays copying, while a national wording, which
 *  thousands of bodies in all 31 provinces use, is caught early in a growing index. */
export const WIDESPREAD_RULE: WidespreadRule = Object.freeze({ minOrgans: 10, minProvinces: 3 });

/** Whether a passage shared by these many bodies and provinces is template wording by rule 2. */
export function isWidespread(organs: number, provinces: number, rule: WidespreadRule = WIDESPREAD_RULE): boolean {
  return organs >= rule.minOrgans && provinces >= rule.minProvinces;
}
