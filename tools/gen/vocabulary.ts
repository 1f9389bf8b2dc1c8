// The topical phrases of disclosure reports, ranked by how often real reports use them. Each
// report draws a few dozen mentions from a Zipf distribution over the ranks, so the first phrases
// are in nearly every report, the middle ones in some, the last ones in very few.
import type { SectionType } from '../../core/report.js';
import { type Random, WeightedTable } from './random.js';

export interface Phrase {
  text: string;
  /** The section a sentence about the phrase belongs in. */
  home: SectionType;
  /** Years in which the phrase was in use (政务新媒体 is a 2013+ word). */
  since?: number;
  until?: number;
}

type Row = readonly [text: string, home: SectionType, since?: number, until?: number];

// Rank order matters: it is the frequency order. The last rows are the rare ones a search for an
// unusual term should find in only a handful of reports.
const ROWS: readonly Row[] = [
  ['政府信息公开', 'overview'],
  ['主动公开', 'proactive'],
  ['依申请公开', 'requests'],
  ['政府门户网站', 'platform'],
  ['政务公开', 'overview'],
  ['信息公开指南', 'proactive'],
  ['信息公开目录', 'proactive'],
  ['公开属性源头认定', 'organization', 2016],
  ['保密审查', 'organization'],
  ['政策解读', 'interpretation'],
  ['政务新媒体', 'platform', 2013],
  ['政府信息公开工作领导小组', 'organization'],
  ['财政预决算', 'proactive'],
  ['重点领域信息公开', 'proactive', 2012],
  ['回应社会关切', 'response'],
  ['政务微博', 'platform', 2011],
  ['政务微信', 'platform', 2013],
  ['舆情回应', 'response', 2013],
  ['人大代表建议和政协委员提案', 'proposals'],
  ['三公经费', 'proactive', 2011],
  ['政府信息公开专栏', 'platform'],
  ['权力清单和责任清单', 'proactive', 2015],
  ['行政许可', 'proactive'],
  ['行政处罚', 'proactive'],
  ['规范性文件', 'proactive'],
  ['双随机一公开', 'proactive', 2015],
  ['政务服务事项', 'platform'],
  ['互联网+政务服务', 'platform', 2016],
  ['政务公开培训', 'organization'],
  ['政府信息公开申请登记', 'requests'],
  ['答复文书', 'requests'],
  ['监督考核', 'organization'],
  ['社会评议', 'organization'],
  ['责任追究', 'organization'],
  ['档案馆和图书馆查阅点', 'platform'],
  ['政务服务中心', 'platform'],
  ['新闻发布会', 'response'],
  ['12345政务服务便民热线', 'response', 2014],
  ['图文解读', 'interpretation', 2014],
  ['重大行政决策预公开', 'proactive', 2016],
  ['公开征求意见', 'proactive'],
  ['民生实事', 'proactive'],
  ['政府常务会议', 'proactive'],
  ['政府工作报告', 'proactive'],
  ['建议提案办理结果公开', 'proposals', 2014],
  ['信息发布协调机制', 'organization'],
  ['一网通办', 'platform', 2018],
  ['公共企事业单位信息公开', 'proactive', 2019],
  ['脱贫攻坚', 'proactive', 2015, 2020],
  ['乡村振兴', 'proactive', 2018],
  ['优化营商环境', 'proactive', 2018],
  ['放管服改革', 'proactive', 2015],
  ['三审三校', 'organization', 2017],
  ['网站集约化', 'platform', 2017],
  ['政府网站年度工作报表', 'platform', 2017],
  ['政务公开第三方评估', 'organization', 2015],
  ['基层政务公开', 'overview', 2017],
  ['村务公开', 'proactive'],
  ['公共资源交易', 'proactive'],
  ['环境保护信息', 'proactive'],
  ['食品药品安全', 'proactive'],
  ['安全生产', 'proactive'],
  ['保障性住房', 'proactive'],
  ['征地拆迁', 'proactive'],
  ['社会救助', 'proactive'],
  ['就业创业', 'proactive'],
  ['涉农补贴', 'proactive'],
  ['疫情防控', 'proactive', 2020, 2022],
  ['行政执法公示', 'proactive', 2017],
  ['审批结果', 'proactive'],
  ['政府开放日', 'response', 2017],
  ['领导信箱', 'response'],
  ['在线访谈', 'interpretation'],
  ['解读回应', 'interpretation', 2016],
  ['信息公开申请办理工作规程', 'requests'],
  ['告知书', 'requests'],
  ['延期答复', 'requests'],
  ['复议决定书', 'review'],
  ['政务公开工作要点', 'overview', 2016],
  ['政务公开专项经费', 'organization'],
  ['电子政务', 'platform'],
  ['政务信息资源共享', 'platform', 2016],
  ['政府信息管理', 'organization', 2019],
  ['政策文件库', 'platform', 2020],
  ['政务公开专区', 'platform', 2019],
  ['政府信息公开工作考核', 'organization'],
  ['基层政务公开标准目录', 'proactive', 2019],
  ['主动公开基本目录', 'proactive'],
  ['公众参与', 'response'],
  ['利益相关方', 'response'],
  ['一次性告知', 'requests'],
  ['政务服务好差评', 'platform', 2019],
  ['适老化改造', 'platform', 2021],
  ['无障碍浏览', 'platform'],
  ['政府信息公开工作台账', 'organization'],
  ['电子证照', 'platform', 2017],
  ['政务公开示范点', 'overview', 2019],
  ['历史政府信息清理', 'other'],
  ['公开属性动态调整', 'organization', 2019],
  ['政务公开标准化规范化', 'proactive', 2019],
  ['数据开放平台试运行', 'platform', 2016],
];

export const PHRASES: readonly Phrase[] = ROWS.map(([text, home, since, until]) => ({
  text,
  home,
  ...(since === undefined ? {} : { since }),
  ...(until === undefined ? {} : { until }),
}));

/** Zipf's s: weight of rank r is 1/r^s. With ~40 mentions per report the last phrases land in
 *  about one report in fifty. */
export const ZIPF_EXPONENT = 1.15;

const table = new WeightedTable(PHRASES.map((phrase, rank) => [phrase, 1 / (rank + 1) ** ZIPF_EXPONENT] as const));

function inUse(phrase: Phrase, year: number): boolean {
  return (phrase.since ?? 0) <= year && year <= (phrase.until ?? 9999);
}

/**
 * `count` phrase mentions for a report about `year` (repeats allowed: a common phrase is mentioned
 * several times). A phrase not yet (or no longer) in use is drawn again, a few times at most.
 */
export function drawPhrases(random: Random, year: number, count: number): Phrase[] {
  const mentions: Phrase[] = [];
  for (let i = 0; i < count; i++) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const phrase = table.draw(random);
      if (inUse(phrase, year)) {
        mentions.push(phrase);
        break;
      }
    }
  }
  return mentions;
}
