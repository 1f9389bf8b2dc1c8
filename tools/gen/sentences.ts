// Sentences assembled from parts, so that no two reports share a paragraph word for word: a
// frame per section type with slots ({adv}{verb}…, {self}, {n:1-40}) filled from small pools.
// Frames and pools are compiled once, when the module loads.
import type { SectionType } from '../../core/report.js';
import type { Organ } from './organs.js';
import type { Random } from './random.js';
import type { Phrase } from './vocabulary.js';

/** What a sentence may say about its report. */
export interface SentenceContext {
  organ: Organ;
  year: number;
  /** The fact frames this report has used (each states its fact once per report). */
  usedFacts: Set<object>;
}

type Piece = string | { slot: string } | { min: number; max: number };
interface Frame {
  pieces: readonly Piece[];
  /** States a fact: used at most once per report. */
  once: boolean;
}

function compile(template: string): Frame {
  const once = template.startsWith('!');
  const text = once ? template.slice(1) : template;
  const pieces: Piece[] = [];
  const pattern = /\{([^}]+)\}/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) pieces.push(text.slice(last, match.index));
    const range = /^n:(\d+)-(\d+)$/.exec(match[1]!);
    pieces.push(range ? { min: Number(range[1]), max: Number(range[2]) } : { slot: match[1]! });
    last = pattern.lastIndex;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return { pieces, once };
}

const compileAll = (templates: readonly string[]): readonly Frame[] => templates.map(compile);

// Pools. None may contain a ranked phrase of vocabulary.ts, or that phrase's frequency would be
// the template's rather than its rank's. Verbs and their objects come in matched pools
// ({verb}{measure}, {raise}{quality}) so that the pairs read naturally.
const POOL_TEXT: Record<string, readonly string[]> = {
  lead: [
    '',
    '',
    '',
    '',
    '',
    '同时，',
    '此外，',
    '本年度，',
    '{year}年，',
    '全年，',
    '报告期内，',
    '按照上级部署，',
    '结合工作实际，',
    '在此基础上，',
    '与此同时，',
    '对照年度工作要点，',
    '另一方面，',
    '工作中，',
  ],
  adv: ['进一步', '持续', '不断', '认真', '切实', '扎实', '积极', '全面', '着力', '稳步'],
  verb: ['加强', '推进', '规范', '完善', '健全', '优化', '强化', '改进'],
  raise: ['提高', '提升', '保障', '确保'],
  quality: ['答复质量', '办理效率', '公开质量', '服务水平', '工作效能', '信息发布的准确性', '公开的时效性'],
  purpose: [
    '确保政府信息公开及时、准确、完整',
    '切实保障人民群众的知情权、参与权、表达权和监督权',
    '进一步提高政府工作透明度',
    '推动各项工作提质增效',
    '增强政府公信力和执行力',
    '不断提升公众获得感和满意度',
    '做到应公开尽公开',
    '为{whole}经济社会发展营造良好环境',
    '充分发挥政府信息对人民群众生产、生活和经济社会活动的服务作用',
    '促进依法行政',
    '提升服务水平',
    '让权力在阳光下运行',
    '取得了较好的社会效果',
    '方便群众查阅和监督',
    '有效回应了社会关注',
    '为群众办事提供了便利',
  ],
  result: [
    '取得了明显成效',
    '得到进一步加强',
    '更加规范有序',
    '取得新的进展',
    '成效明显',
    '水平稳步提升',
    '基础更加扎实',
    '逐步走上制度化轨道',
  ],
  measure: ['工作机制', '制度体系', '审核流程', '工作队伍', '责任分工', '考核办法', '发布流程', '工作制度', '协调机制', '工作规程'],
  goal: ['建设法治政府', '转变政府职能', '推进依法行政', '建设服务型政府', '密切联系群众'],
  mainWork: ['年度重点工作', '依法行政工作', '机关效能建设', '目标管理考核', '党风廉政建设'],
  channel: [
    '政务公开栏',
    '电子显示屏',
    '新闻媒体',
    '公告栏',
    '便民服务中心',
    '宣传册',
    '村（居）务公开栏',
    '新闻客户端',
    '广播电视',
    '报刊',
  ],
  topic: [
    '机构职能',
    '规划计划',
    '财政资金',
    '人事任免',
    '项目建设',
    '招商引资',
    '教育卫生',
    '社会保障',
    '城乡建设',
    '农业农村',
    '应急管理',
    '价格收费',
    '统计数据',
    '工作动态',
    '通知公告',
    '政策文件',
    '统计公报',
    '重大项目',
  ],
  interpForm: ['文字解读', '图表图解', '视频解读', '专家访谈', '问答', '动漫', '新闻通气会'],
  people: ['工作人员', '信息员', '业务骨干', '各科室负责人', '联络员'],
};

// Frames per section type. A frame starting with "!" states a fact with numbers and is used at
// most once per report, so that a report never says the same thing twice with different numbers.
const FRAMES_TEXT: Record<SectionType, readonly string[]> = {
  overview: [
    '{lead}{self}始终把信息公开作为{goal}的重要抓手，{adv}{verb}{measure}，{purpose}。',
    '{lead}{self}{adv}{verb}{measure}，{measure}{result}。',
    '{lead}围绕{whole}中心工作，{self}{adv}拓展公开内容，{purpose}。',
    '{lead}{self}坚持“以公开为常态、不公开为例外”的原则，{adv}{verb}{measure}，{purpose}。',
    '!{lead}{self}共召开专题会议{n:1-6}次，研究部署信息公开工作，{purpose}。',
    '{lead}{self}把信息公开工作纳入{mainWork}，{adv}{verb}{measure}，{purpose}。',
    '{lead}{self}主要负责同志多次听取工作汇报，对{measure}提出明确要求。',
    '{lead}{self}{adv}{raise}{quality}，{purpose}。',
    '{lead}信息公开工作{result}，{purpose}。',
  ],
  proactive: [
    '{lead}{self}通过{channel}、{channel}等渠道，及时公开{topic}、{topic}等信息，{purpose}。',
    '!{lead}{self}{adv}做好{topic}类信息公开，全年发布相关信息{n:5-200}条。',
    '{lead}对涉及群众切身利益的{topic}等事项，{self}做到第一时间公开，{purpose}。',
    '{lead}{self}按照“谁制作、谁公开，谁保存、谁公开”的原则，{adv}{verb}信息发布工作，{purpose}。',
    '!{lead}{self}及时更新{topic}栏目，全年更新信息{n:5-120}条，{purpose}。',
    '{lead}{self}对{topic}、{topic}等内容实行动态更新，{purpose}。',
    '{lead}{self}{adv}{raise}{quality}，{purpose}。',
    '{lead}{topic}、{topic}等信息均按要求及时公开，{purpose}。',
  ],
  requests: [
    '{lead}{self}严格按照《条例》规定的程序和时限办理信息公开申请，{purpose}。',
    '{lead}{self}{adv}{verb}申请办理流程，对申请的受理、登记、审核、答复等环节进行全程跟踪，确保按时办结。',
    '{lead}对申请人提出的申请，{self}做到件件有登记、事事有回音，{purpose}。',
    '{lead}{self}明确专人负责申请的接收和办理，{adv}{raise}{quality}，未发生超期答复情况。',
    '{lead}对申请内容不明确的，{self}及时与申请人沟通，耐心做好解释说明工作。',
    '{lead}{self}{adv}{raise}{quality}，{purpose}。',
  ],
  fees: ['{lead}{self}严格执行国家有关收费规定，向申请人提供信息均未收取检索、复制、邮寄等费用。', '!本年度未发生收费及减免情况。'],
  review: [
    '{lead}{self}{adv}提高依法答复能力，减少因答复不规范引发的争议。',
    '{lead}对申请人提出的异议，{self}耐心做好解释说明工作，{purpose}。',
    '{lead}{self}认真研究复议和诉讼案例，{adv}{raise}{quality}。',
  ],
  problems: [
    '{lead}{self}将{adv}{verb}{measure}，{purpose}。',
    '{lead}{self}将加强对{people}的业务培训，{purpose}。',
    '{lead}{self}将{adv}{raise}{quality}，{purpose}。',
  ],
  other: [
    '!本年度{self}无其他需要报告的事项。',
    '!{lead}{self}按照要求完成了{year}年度信息公开年报的编制和发布工作。',
    '!{lead}{self}未发生因信息公开工作引发的重大舆情。',
  ],
  interpretation: [
    '!{lead}{self}坚持政策文件与解读材料同步组织、同步审签、同步部署，全年共解读文件{n:1-40}件，{purpose}。',
    '{lead}{self}通过{interpForm}、{interpForm}等形式，对出台的重要文件进行解读，{purpose}。',
    '{lead}{self}邀请{people}参与解读，用通俗易懂的语言讲清文件要点，{purpose}。',
    '{lead}对涉及群众切身利益的文件，{self}做到应解读尽解读，{purpose}。',
    '{lead}{self}{adv}{verb}解读工作{measure}，{purpose}。',
  ],
  response: [
    '!{lead}{self}密切关注网络舆情，及时回应群众关切，全年回应热点问题{n:1-60}次，{purpose}。',
    '{lead}对群众反映的问题，{self}做到及时受理、限时办结，{purpose}。',
    '{lead}{self}{adv}{verb}舆情监测和处置机制，{purpose}。',
    '{lead}对涉及{topic}的热点问题，{self}及时发布权威信息，{purpose}。',
    '{lead}{self}畅通群众诉求表达渠道，{purpose}。',
  ],
  proposals: [
    '!{year}年，{self}共承办人大代表建议{n:1-40}件、政协委员提案{n:1-50}件，均已按期办结，办复率100%。',
    '{lead}{self}{adv}{verb}建议和提案办理工作，对涉及公共利益的办理复文进行公开，{purpose}。',
    '{lead}{self}坚持“谁承办、谁公开”的原则，{adv}{raise}{quality}。',
    '{lead}{self}主动与代表委员沟通，认真听取意见建议，{purpose}。',
  ],
  platform: [
    '{lead}{self}{adv}{verb}{website}建设，{adv}优化栏目设置，{purpose}。',
    '!{lead}{self}对{website}进行了改版升级，新增栏目{n:2-12}个，{purpose}。',
    '{lead}{self}充分发挥{channel}的作用，{purpose}。',
    '!{lead}{self}在办事大厅设置信息查阅点，配备查询设备{n:1-6}台，{purpose}。',
    '{lead}{self}{adv}{verb}网站内容保障{measure}，{purpose}。',
    '{lead}{self}利用{channel}、{channel}等载体公开信息，{purpose}。',
  ],
  organization: [
    '!{lead}{self}成立了由主要负责同志任组长、分管负责同志任副组长的工作领导小组，明确{office}具体负责日常工作，{purpose}。',
    '{lead}{self}{adv}{verb}信息发布审核制度，坚持“先审查、后公开”和“一事一审”原则，{purpose}。',
    '!{lead}{self}组织开展业务培训{n:1-8}次，参训人员{n:10-200}人次，{purpose}。',
    '{lead}{self}{adv}{verb}{measure}，{measure}{result}。',
    '{lead}{self}将信息公开工作纳入{mainWork}，{purpose}。',
    '{lead}{self}明确{people}负责信息报送，{adv}{verb}{measure}。',
  ],
  preamble: ['{lead}{self}{adv}{verb}{measure}，{purpose}。'],
  unclassified: ['{lead}{self}{adv}{verb}{measure}，{purpose}。'],
};

// The first sentence of an overview.
const OPENINGS = compileAll([
  '{year}年，在{leadership}的正确领导下，{self}认真贯彻落实《中华人民共和国政府信息公开条例》，{adv}{verb}信息公开{measure}，{purpose}。',
  '{year}年，{self}以《中华人民共和国政府信息公开条例》为依据，紧紧围绕{leadership}中心工作，{adv}推进信息公开工作，{purpose}。',
  '{year}年，{self}认真贯彻落实上级关于信息公开工作的部署要求，{adv}{verb}{measure}，{purpose}。',
  '{year}年，{self}按照《中华人民共和国政府信息公开条例》的规定和上级工作要求，坚持以人民为中心，{adv}{verb}信息公开工作，{purpose}。',
]);

// A phrase mention: any noun phrase fits each of these.
const PHRASE_FRAMES = compileAll([
  '{lead}{self}{adv}推进{p}工作，{purpose}。',
  '{lead}在{p}方面，{self}{adv}{verb}{measure}，{purpose}。',
  '{lead}{self}把{p}作为{mainWork}的重要内容，{adv}{verb}{measure}，{purpose}。',
  '{lead}围绕{p}，{self}{adv}{raise}{quality}，{purpose}。',
  '{lead}{p}{result}。',
  '{lead}{self}对{p}进行了全面梳理，{purpose}。',
  '{lead}{self}{adv}做好{p}相关工作，{purpose}。',
  '{lead}{self}高度重视{p}，{adv}{verb}{measure}。',
  '{lead}{self}将{p}列入重要议事日程，{purpose}。',
]);

const PROBLEMS = [
  '公开内容还不够全面，部分信息更新不够及时',
  '解读形式较为单一，解读的针对性有待提高',
  '工作人员业务水平有待进一步提高',
  '主动公开的深度和广度还需进一步拓展',
  '公开平台建设相对滞后，信息检索还不够便捷',
  '部门之间的协调配合还不够紧密',
  '申请答复的规范性还需加强',
  '公众参与的渠道还不够多',
  '工作经费保障不足',
  '基层公开工作发展还不平衡',
];

const IMPROVEMENTS = [
  '加强业务培训，提升工作人员业务能力',
  '拓展公开渠道，丰富公开形式',
  '加强平台建设，提升公开实效',
  '健全工作机制，强化督促检查',
  '聚焦群众关切，深化重点信息公开',
  '规范申请办理，提高答复质量',
  '加大宣传力度，营造良好氛围',
  '强化考核评估，推动工作落实',
];

const ORDINALS = ['一', '二', '三', '四', '五', '六'];

const POOLS: Record<string, readonly Frame[]> = Object.fromEntries(
  Object.entries(POOL_TEXT).map(([name, texts]) => [name, compileAll(texts)]),
);
const FRAMES = Object.fromEntries(Object.entries(FRAMES_TEXT).map(([type, texts]) => [type, compileAll(texts)])) as Record<
  SectionType,
  readonly Frame[]
>;

function contextSlot(slot: string, context: SentenceContext, phrase: string | undefined): string | undefined {
  const { organ, year } = context;
  switch (slot) {
    case 'self':
      return organ.self;
    case 'whole':
      return organ.whole;
    case 'leadership':
      return organ.leadership;
    case 'office':
      return organ.office;
    case 'website':
      return organ.website;
    case 'year':
      return String(year);
    case 'nextYear':
      return String(year + 1);
    case 'p':
      return phrase;
    default:
      return undefined;
  }
}

function expand(frame: Frame, random: Random, context: SentenceContext, phrase?: string): string {
  let out = '';
  for (const piece of frame.pieces) {
    if (typeof piece === 'string') out += piece;
    else if ('min' in piece) out += String(random.int(piece.min, piece.max));
    else {
      const fixed = contextSlot(piece.slot, context, phrase);
      if (fixed !== undefined) out += fixed;
      else {
        const pool = POOLS[piece.slot];
        if (!pool) throw new Error(`sentence frame uses unknown slot {${piece.slot}}`);
        out += expand(random.pick(pool), random, context, phrase);
      }
    }
  }
  return out;
}

/** A sentence of the kind a section of `type` is made of. */
export function fillerSentence(random: Random, type: SectionType, context: SentenceContext): string {
  const used = context.usedFacts;
  const frames = FRAMES[type];
  let frame = random.pick(frames);
  for (let attempt = 0; frame.once && used.has(frame) && attempt < 8; attempt++) frame = random.pick(frames);
  if (frame.once && used.has(frame)) frame = frames.find((f) => !f.once) ?? frame;
  if (frame.once) used.add(frame);
  return expand(frame, random, context);
}

/** The first sentence of a report's overview. */
export function openingSentence(random: Random, context: SentenceContext): string {
  return expand(random.pick(OPENINGS), random, context);
}

/** A sentence that mentions `phrase`. */
export function phraseSentence(random: Random, phrase: Phrase, context: SentenceContext): string {
  return expand(random.pick(PHRASE_FRAMES), random, context, phrase.text);
}

/** The problems section's two enumerations (一是…；二是…): what fell short, and what comes next. */
export function problemsParagraphs(random: Random, context: SentenceContext): string[] {
  const list = (items: string[]): string => items.map((item, i) => `${ORDINALS[i]}是${item}`).join('；');
  const problems = random.sample(PROBLEMS, random.int(2, 4));
  const improvements = random.sample(IMPROVEMENTS, random.int(2, 4));
  const { organ, year } = context;
  return [
    `${year}年，${organ.self}信息公开工作虽然取得了一定成效，但与上级要求和人民群众的期待相比，仍存在一些不足：${list(problems)}。`,
    `${random.chance(0.5) ? `${year + 1}年，` : '下一步，'}${organ.self}将重点做好以下工作：${list(improvements)}。`,
  ];
}
