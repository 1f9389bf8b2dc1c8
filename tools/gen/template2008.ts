// The template of the 2008–2018 reports: 概述, 主动公开, 依申请公开, 收费及减免, 行政复议和行政
// 诉讼, 存在的主要问题, 其他需要报告的事项, and in many reports parts on 政策解读, 回应社会关切,
// 建议提案办理, platforms or organisation (more of them in later years). Numbers are given in the
// text; from 2013 some reports append the 统计表 after the signature.
import type { SectionType } from '../../core/report.js';
import { paragraph, prose, type Block, type Draft, type DraftSection, type TemplateInput } from './draft.js';
import { contactDetails, datesFor, titleFor } from './frontMatter.js';
import { problemsSection } from './problems.js';
import type { Random } from './random.js';
import { fillerSentence, openingSentence, type SentenceContext } from './sentences.js';
import { oldStatisticsTable } from './tables.js';

function proactiveFacts({ organ, year, stats }: TemplateInput): string {
  return `${year}年，${organ.self}共主动公开政府信息${stats.proactive}条，其中通过${organ.website}公开${stats.viaWebsite}条，通过其他方式公开${stats.viaNewMedia}条。`;
}

function requestFacts({ organ, year, stats }: TemplateInput): string {
  const { received, outcomes, byChannel } = stats.requests;
  const total = received[6]!;
  if (total === 0) return `${year}年，${organ.self}未收到政府信息公开申请。`;
  const channels = [`当面申请${byChannel.inPerson}件`, `网络申请${byChannel.online}件`, `信函申请${byChannel.letter}件`];
  if (byChannel.fax > 0) channels.push(`传真申请${byChannel.fax}件`);
  const sumRows = (from: number, to: number): number => outcomes.slice(from, to).reduce((n, r) => n + r[6]!, 0);
  return (
    `${year}年，${organ.self}共受理政府信息公开申请${total}件，其中${channels.join('，')}。` +
    `已答复的申请中，同意公开${outcomes[0]![6]}件，同意部分公开${outcomes[1]![6]}件，不予公开${sumRows(2, 10)}件，` +
    `信息不存在或非本机关掌握${sumRows(10, 13)}件，其他情形${sumRows(13, 19)}件。`
  );
}

function feeFacts({ organ, year, stats }: TemplateInput): string {
  if (stats.applicantFees > 0) return `${year}年，${organ.self}共收取检索、复制、邮寄等费用${stats.applicantFees}元，未发生减免情况。`;
  return `${year}年，${organ.self}在政府信息公开工作中未收取任何费用，也未发生减免费用情况。`;
}

function reviewFacts({ organ, year, stats }: TemplateInput): string {
  const reviews = stats.reviews[4]!;
  const suits = stats.reviews[9]! + stats.reviews[14]!;
  if (reviews + suits === 0) return `${year}年，${organ.self}未发生因政府信息公开申请提起行政复议、行政诉讼的情况。`;
  return `${year}年，因${organ.self}政府信息公开申请答复提起行政复议${reviews}件、行政诉讼${suits}件，其中维持原答复${stats.reviews[0]! + stats.reviews[5]! + stats.reviews[10]!}件。`;
}

interface Extra {
  titles: readonly string[];
  type: SectionType;
  /** Position: after which core section (by type) it goes. */
  after: SectionType;
  chance: (year: number) => number;
}

const EXTRAS: readonly Extra[] = [
  {
    titles: ['组织领导和制度建设情况', '政府信息公开工作机构建设情况', '工作机制建设情况'],
    type: 'organization',
    after: 'overview',
    chance: () => 0.5,
  },
  {
    titles: ['政府信息公开平台建设情况', '政府信息公开载体建设情况', '政府网站建设情况'],
    type: 'platform',
    after: 'overview',
    chance: () => 0.45,
  },
  { titles: ['重点领域信息公开情况'], type: 'proactive', after: 'proactive', chance: (y) => (y >= 2014 ? 0.4 : 0) },
  { titles: ['政策解读情况', '政策解读工作情况'], type: 'interpretation', after: 'proactive', chance: (y) => (y >= 2013 ? 0.6 : 0.2) },
  {
    titles: ['回应社会关切情况', '舆情回应情况', '回应公众关切情况'],
    type: 'response',
    after: 'proactive',
    chance: (y) => (y >= 2013 ? 0.55 : 0.2),
  },
  { titles: ['政府信息公开咨询处理情况', '政府信息公开咨询情况'], type: 'requests', after: 'requests', chance: () => 0.35 },
  { titles: ['建议提案办理情况', '人大代表建议和政协提案办理情况'], type: 'proposals', after: 'review', chance: () => 0.35 },
];

const OVERVIEW_SLOGANS = [
  '加强组织领导，健全工作机制',
  '完善制度建设，规范工作流程',
  '突出公开重点，深化公开内容',
  '拓宽公开渠道，提升公开实效',
  '强化监督检查，确保工作落实',
  '加强队伍建设，提升业务能力',
];

function overviewBlocks(random: Random, context: SentenceContext): Block[] {
  const blocks: Block[] = [paragraph(openingSentence(random, context)), { kind: 'prose', prose: prose('overview') }];
  if (random.chance(0.5)) {
    random.sample(OVERVIEW_SLOGANS, random.int(2, 4)).forEach((slogan, i) => {
      blocks.push({ kind: 'subheading', text: `（${'一二三四'[i]}）${slogan}` }, { kind: 'prose', prose: prose('overview') });
    });
  }
  return blocks;
}

/** A 2008–2018 report's draft, its prose still empty. */
export function draft2008(input: TemplateInput): Draft {
  const { random, organ, year, stats, context } = input;
  const core: DraftSection[] = [
    {
      title: random.pick(['概述', '概述', '总体情况', '基本情况', '政府信息公开工作概述']),
      type: 'overview',
      blocks: overviewBlocks(random, context),
    },
    {
      title: random.pick(['主动公开政府信息情况', '主动公开政府信息的情况', '政府信息主动公开情况']),
      type: 'proactive',
      blocks: [paragraph(proactiveFacts(input)), { kind: 'prose', prose: prose('proactive', 1.5) }],
    },
    {
      title: random.pick(['依申请公开政府信息情况', '政府信息依申请公开情况', '依申请公开政府信息和不予公开政府信息的情况']),
      type: 'requests',
      blocks: [paragraph(requestFacts(input)), { kind: 'prose', prose: prose('requests') }],
    },
  ];
  if (random.chance(0.9)) {
    core.push({
      title: random.pick(['政府信息公开的收费及减免情况', '政府信息公开收费及减免情况']),
      type: 'fees',
      blocks: [paragraph(feeFacts(input)), { kind: 'prose', prose: prose('fees', 0.1) }],
    });
  }
  core.push(
    {
      title: random.pick([
        '因政府信息公开申请提起行政复议、行政诉讼的情况',
        '因政府信息公开申请提起行政复议和行政诉讼情况',
        '政府信息公开行政复议、行政诉讼情况',
      ]),
      type: 'review',
      blocks: [paragraph(reviewFacts(input)), { kind: 'prose', prose: prose('review', 0.2) }],
    },
    problemsSection(random, context, [
      '政府信息公开工作存在的主要问题及改进情况',
      '存在的主要问题及改进措施',
      '政府信息公开工作存在的主要问题和改进措施',
    ]),
    {
      title: '其他需要报告的事项',
      type: 'other',
      blocks: [paragraph(fillerSentence(random, 'other', context)), { kind: 'prose', prose: prose('other', 0.2) }],
    },
  );

  const sections: DraftSection[] = [];
  for (const section of core) {
    sections.push(section);
    for (const extra of EXTRAS) {
      if (extra.after === section.type && random.chance(extra.chance(year))) {
        sections.push({ title: random.pick(extra.titles), type: extra.type, blocks: [{ kind: 'prose', prose: prose(extra.type) }] });
      }
    }
  }

  const appendix: Block[] =
    year >= 2013 && random.chance(0.35)
      ? [
          { kind: 'subheading', text: `附件：${year}年政府信息公开情况统计表` },
          { kind: 'table', table: oldStatisticsTable(stats, year) },
        ]
      : [];
  const intro = [
    `本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由${organ.name}编制的${year}年度政府信息公开工作年度报告。` +
      `全文包括${sections.map((s) => s.title).join('、')}等部分。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。` +
      `本报告的电子版可在${organ.website}下载。如对本报告有任何疑问，请与${organ.office}联系${contactDetails(random, organ)}。`,
  ];
  return { title: titleFor(random, organ, year), organ: organ.name, ...datesFor(random, year, false), intro, sections, appendix };
}
