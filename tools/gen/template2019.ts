// The national template in force from the 2019 reports on: six parts (总体情况 with its five
// sub-parts, three statistics tables, problems, other matters). Many bodies lift sub-parts to the
// top level or add parts of their own (政策解读, 建议提案办理…), which this template does at random,
// for about ten top-level sections on average.
import type { SectionType } from '../../core/report.js';
import { paragraph, prose, type Block, type Draft, type DraftSection, type TemplateInput } from './draft.js';
import { contactDetails, datesFor, titleFor } from './frontMatter.js';
import { problemsSection } from './problems.js';
import { openingSentence, type SentenceContext } from './sentences.js';
import { proactiveTable, requestsTable, reviewTable } from './tables.js';

interface Part {
  /** Title as a sub-part of 总体情况, then as a top-level section. */
  subTitles: readonly string[];
  topTitles: readonly string[];
  type: SectionType;
  facts: (input: TemplateInput) => string[];
}

function proactiveFacts({ organ, year, stats }: TemplateInput): string[] {
  return [
    `${year}年，${organ.self}共主动公开政府信息${stats.proactive}条，其中通过${organ.website}公开${stats.viaWebsite}条，通过其他渠道公开${stats.viaNewMedia}条。`,
  ];
}

function requestFacts({ organ, year, stats }: TemplateInput): string[] {
  const { received, carriedOver, carriedForward } = stats.requests;
  const total = received[6]!;
  if (total === 0 && carriedOver[6] === 0) return [`${year}年，${organ.self}未收到政府信息公开申请。`];
  const carried = carriedOver[6]! > 0 ? `，上年结转${carriedOver[6]}件` : '';
  const done = total + carriedOver[6]! - carriedForward[6]!;
  const pending = carriedForward[6]! > 0 ? `，结转下年度继续办理${carriedForward[6]}件` : '，均在法定期限内予以答复';
  return [`${year}年，${organ.self}共收到政府信息公开申请${total}件${carried}，办结${done}件${pending}。`];
}

const SUB_PARTS: readonly Part[] = [
  { subTitles: ['主动公开', '主动公开情况'], topTitles: ['主动公开情况'], type: 'proactive', facts: proactiveFacts },
  { subTitles: ['依申请公开', '依申请公开情况'], topTitles: ['依申请公开情况'], type: 'requests', facts: requestFacts },
  { subTitles: ['政府信息管理', '政府信息管理情况'], topTitles: ['政府信息管理情况'], type: 'organization', facts: () => [] },
  {
    subTitles: ['政府信息公开平台建设', '平台建设情况'],
    topTitles: ['政府信息公开平台建设情况', '平台建设情况'],
    type: 'platform',
    facts: () => [],
  },
  { subTitles: ['监督保障', '监督保障情况'], topTitles: ['监督保障情况', '组织保障和监督考核情况'], type: 'organization', facts: () => [] },
];

const EXTRA_PARTS: ReadonlyArray<{ titles: readonly string[]; type: SectionType }> = [
  { titles: ['政策解读情况', '政策解读和回应关切情况', '解读回应情况'], type: 'interpretation' },
  { titles: ['回应社会关切情况', '舆情回应情况', '回应关切情况'], type: 'response' },
  { titles: ['建议提案办理结果公开情况', '人大代表建议和政协提案办理情况'], type: 'proposals' },
  { titles: ['重点领域信息公开情况', '重点领域政府信息公开情况'], type: 'proactive' },
  { titles: ['组织领导和制度建设情况', '政务公开工作主要做法'], type: 'organization' },
];

// Slogans that sometimes stand in for a sub-part's plain title: （一）突出公开重点，深化主动公开.
const SLOGANS: Partial<Record<SectionType, readonly string[]>> = {
  proactive: ['突出公开重点，深化主动公开', '聚焦群众关切，做好主动公开', '拓宽公开渠道，丰富公开内容'],
  requests: ['规范依申请公开，保障合法权益', '依法依规办理，提高答复质量'],
  organization: ['健全制度机制，规范信息管理', '强化监督考核，压实工作责任', '加强组织领导，夯实工作基础'],
  platform: ['加强平台建设，提升服务水平', '优化平台功能，增强公开实效'],
};

function partBlocks(input: TemplateInput, part: Part): Block[] {
  return [...part.facts(input).map(paragraph), { kind: 'prose', prose: prose(part.type) }];
}

function overallSection(input: TemplateInput, subParts: readonly Part[], context: SentenceContext): DraftSection {
  const { random } = input;
  const blocks: Block[] = [paragraph(openingSentence(random, context)), { kind: 'prose', prose: prose('overview', 0.6) }];
  subParts.forEach((part, i) => {
    const slogans = SLOGANS[part.type];
    const title = slogans && random.chance(0.3) ? random.pick(slogans) : random.pick(part.subTitles);
    blocks.push({ kind: 'subheading', text: `（${'一二三四五'[i]}）${title}` }, ...partBlocks(input, part));
  });
  return { title: random.chance(0.9) ? '总体情况' : '概述', type: 'overview', blocks };
}

function sectionTitles(sections: readonly DraftSection[]): string {
  return sections.map((s) => s.title).join('、');
}

/** A 2019+ report's draft, its prose still empty. */
export function draft2019(input: TemplateInput): Draft {
  const { random, organ, year, stats, context } = input;

  // How many of 总体情况's sub-parts become sections of their own, and which extra parts are added.
  const lifted = random.pick([0, 0, 0, 0, 2, 2, 3, 3, 5, 5, 5]);
  const subParts = SUB_PARTS.slice(0, SUB_PARTS.length - lifted);
  const liftedParts = SUB_PARTS.slice(SUB_PARTS.length - lifted);
  const extras = random.sample(EXTRA_PARTS, random.int(0, 3));

  const sections: DraftSection[] = [];
  if (subParts.length > 0 || random.chance(0.7)) sections.push(overallSection(input, subParts, context));
  for (const part of liftedParts) {
    sections.push({ title: random.pick(part.topTitles), type: part.type, blocks: partBlocks(input, part) });
  }
  for (const extra of extras) {
    sections.push({ title: random.pick(extra.titles), type: extra.type, blocks: [{ kind: 'prose', prose: prose(extra.type) }] });
  }
  const table = (title: string, type: SectionType, block: Block): DraftSection => ({
    title,
    type,
    blocks: [{ kind: 'prose', prose: prose(type, 0.15) }, block],
  });
  sections.push(
    table('主动公开政府信息情况', 'proactive', { kind: 'table', table: proactiveTable(stats, year) }),
    table('收到和处理政府信息公开申请情况', 'requests', { kind: 'table', table: requestsTable(random, stats, year) }),
    table('政府信息公开行政复议、行政诉讼情况', 'review', { kind: 'table', table: reviewTable(stats) }),
    problemsSection(random, context, ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况']),
    {
      title: '其他需要报告的事项',
      type: 'other',
      blocks: [
        paragraph(
          year >= 2021
            ? `依据《政府信息公开信息处理费管理办法》，本年度${organ.self}未收取信息处理费。`
            : `本年度${organ.self}无其他需要报告的事项。`,
        ),
        { kind: 'prose', prose: prose('other', 0.2) },
      ],
    },
  );

  const notice = year >= 2021 ? '国办公开办函〔2021〕30号' : '国办公开办函〔2019〕60号';
  const intro = [
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（${notice}）要求，由${organ.name}编制。` +
      `全文包括${sectionTitles(sections)}。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。` +
      `本报告电子版可在${organ.website}查阅或下载。如对本报告有疑问，请与${organ.office}联系${contactDetails(random, organ)}。`,
  ];
  return { title: titleFor(random, organ, year), organ: organ.name, ...datesFor(random, year, true), intro, sections, appendix: [] };
}
