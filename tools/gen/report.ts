// One report, from its seed to its bytes: plan → issuing body → numbers → template skeleton →
// phrases and filler up to the planned size → rendered text → traditional characters → bytes.
// Pure given the places: the same (seed, index) always gives the same bytes.
import type { Level, OrganKind } from '../../core/report.js';
import type { Draft } from './draft.js';
import { encodeText, type OutputEncoding } from './encode.js';
import { fillDraft } from './fill.js';
import { chooseOrgan } from './organs.js';
import type { Places } from './places.js';
import { DEFAULT_MIX, planReport, type CorpusMix, type ReportPlan } from './plan.js';
import { Random, reportSeed } from './random.js';
import { renderHtml, renderText } from './render.js';
import { annotatePinyin, toTraditional } from './script.js';
import type { SentenceContext } from './sentences.js';
import { drawStats } from './stats.js';
import { hardWrap, type WrapOptions } from './wrap.js';
import { draft2008 } from './template2008.js';
import { draft2019 } from './template2019.js';
import { copyFromEarlier } from './copy.js';

/** What MANIFEST.tsv records about a report (the organ in simplified characters). */
export interface ReportFacts {
  encoding: OutputEncoding;
  year: number;
  province: string;
  level: Level;
  organKind: OrganKind;
  organ: string;
}

export interface GeneratedReport {
  /** ASCII, pinyin-free: 2016-county-dept. */
  slug: string;
  extension: 'txt' | 'html';
  bytes: Buffer;
  facts: ReportFacts;
}

const WRAP_STREAM = 0x5f3759df;

const CHARSETS: Record<OutputEncoding, readonly string[]> = {
  'utf-8': ['utf-8', 'UTF-8'],
  gb18030: ['gb2312', 'gb2312', 'GBK', 'gb18030'],
  big5: ['big5', 'Big5'],
};

/** How a report is laid out beyond what the plan draws. */
export interface LayoutOptions {
  /** Hard-wrap plain-text reports like pdftotext output (wrap.ts); off by default. */
  wrap?: WrapOptions;
  /** Share of reports (0–1) that copy sentences from an earlier report of the corpus (copy.ts); 0 by default. */
  copy?: number;
}

/** The report's text as it will be saved in `encoding` (the charset an HTML page declares). */
function compose(draft: Draft, plan: ReportPlan, encoding: OutputEncoding, layoutSeed: number, options: LayoutOptions): string {
  const layout = new Random(layoutSeed);
  let text = plan.format === 'html' ? renderHtml(draft, layout, layout.pick(CHARSETS[encoding])) : renderText(draft, layout);
  if (plan.traditional) text = toTraditional(text);
  // A stream of its own, so that wrapping leaves every other choice of the report as it was.
  if (options.wrap && plan.format === 'text') text = hardWrap(text, new Random(layoutSeed ^ WRAP_STREAM), options.wrap);
  if (plan.pinyin && encoding === 'utf-8') text = annotatePinyin(text, layout);
  if (plan.lineBreak === '\r\n') text = text.replace(/\n/g, '\r\n');
  return text;
}

/** Report `index` of the corpus seeded `seed`. */
/** Report `index`'s draft before any copying, with the stream the rest of the report draws from. */
export function draftReport(places: Places, seed: number, index: number, mix: CorpusMix = DEFAULT_MIX) {
  const random = new Random(reportSeed(seed, index));
  const plan = planReport(random, mix);
  const organ = chooseOrgan(random, places, plan.level, plan.year);
  const stats = drawStats(random, plan.level, organ.kind);
  const context: SentenceContext = { organ, year: plan.year, usedFacts: new Set() };
  const input = { random, organ, year: plan.year, stats, context };
  const draft = plan.year >= 2019 ? draft2019(input) : draft2008(input);
  fillDraft(random, draft, plan, context);
  return { random, plan, organ, draft };
}

export function generateReport(
  places: Places,
  seed: number,
  index: number,
  mix: CorpusMix = DEFAULT_MIX,
  options: LayoutOptions = {},
): GeneratedReport {
  const { random, plan, organ, draft } = draftReport(places, seed, index, mix);
  // Copying has a stream of its own: without --copy every report is byte-identical to before.
  if (options.copy) copyFromEarlier(draft, seed, index, options.copy, (j) => draftReport(places, seed, j, mix).draft);

  // The layout has its own stream, so a Big5 report whose place name Big5 cannot hold keeps its
  // layout when it falls back to UTF-8.
  const layoutSeed = Math.floor(random.next() * 4294967296);
  const legacy = plan.encoding === 'utf-8' ? null : encodeText(compose(draft, plan, plan.encoding, layoutSeed, options), plan.encoding);
  const encoding = legacy === null ? 'utf-8' : plan.encoding;
  const bytes = legacy ?? Buffer.from(compose(draft, plan, 'utf-8', layoutSeed, options), 'utf8');

  return {
    slug: `${plan.year}-${plan.level}-${organ.kind === 'government' ? 'gov' : 'dept'}`,
    extension: plan.format === 'html' ? 'html' : 'txt',
    bytes,
    facts: {
      encoding,
      year: plan.year,
      province: organ.province ?? '',
      level: plan.level,
      organKind: organ.kind,
      organ: organ.name,
    },
  };
}
