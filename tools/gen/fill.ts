// Fills a draft's empty prose: first sentences about phrases drawn from the Zipf vocabulary, each
// in a section it belongs to, then one sentence wherever a heading would stand empty, then filler
// until the report reaches the size its plan asks for.
import type { SectionType } from '../../core/report.js';
import { draftCells, draftChars, prosesOf, type Draft, type Prose } from './draft.js';
import type { ReportPlan } from './plan.js';
import { type Random, WeightedTable } from './random.js';
import { fillerSentence, phraseSentence, type SentenceContext } from './sentences.js';
import { drawPhrases } from './vocabulary.js';

// Share of a report's free text given to sentences about ranked phrases; the rest is filler.
const PHRASE_SHARE = 0.4;
const AVERAGE_SENTENCE_CHARS = 45;
// Prose below this weight (the line or two beside a table) may stay empty.
const MAIN_PROSE_WEIGHT = 0.5;
// An HTML page's markup outside the text, and per table cell (<td></td> and line breaks).
const HTML_PAGE_BYTES = 700;
const HTML_CELL_BYTES = 10;

/** Fills the draft's prose: phrase mentions where they belong, then filler up to the planned size. */
export function fillDraft(random: Random, draft: Draft, plan: ReportPlan, context: SentenceContext): void {
  const proses = prosesOf(draft);
  const main = proses.filter((p) => p.weight >= MAIN_PROSE_WEIGHT);
  const bytesPerChar = plan.encoding === 'utf-8' ? 3 : 2;
  const markup = plan.format === 'html' ? HTML_PAGE_BYTES + HTML_CELL_BYTES * draftCells(draft) : 0;
  const targetChars = (plan.targetBytes - markup) / bytesPerChar;
  let chars = draftChars(draft);
  const add = (target: Prose, sentence: string): void => {
    target.sentences.push(sentence);
    chars += sentence.length;
  };

  const freeChars = Math.max(0, targetChars - chars);
  const mentions = Math.min(60, Math.max(3, Math.round((freeChars * PHRASE_SHARE) / AVERAGE_SENTENCE_CHARS)));
  // Where a phrase goes: a main prose of its section type, else the overview, else anywhere.
  const homes = new Map<SectionType, Prose[]>();
  for (const p of main) {
    const list = homes.get(p.type);
    if (list) list.push(p);
    else homes.set(p.type, [p]);
  }
  const fallback = homes.get('overview') ?? (main.length > 0 ? main : proses);
  for (const phrase of drawPhrases(random, context.year, mentions)) {
    add(random.pick(homes.get(phrase.home) ?? fallback), phraseSentence(random, phrase, context));
  }
  // No heading stands empty, however small the report.
  for (const p of main) if (p.sentences.length === 0) add(p, fillerSentence(random, p.type, context));

  // A prose takes filler until it has its share of the sentences; then the others fill up.
  const byWeight = new WeightedTable<Prose>(proses.map((p) => [p, p.weight] as const));
  const totalWeight = proses.reduce((sum, p) => sum + p.weight, 0);
  const expected = Math.max(1, (targetChars - chars) / AVERAGE_SENTENCE_CHARS);
  while (chars < targetChars) {
    let target = byWeight.draw(random);
    for (let attempt = 0; attempt < 4 && target.sentences.length > 3 + (2 * expected * target.weight) / totalWeight; attempt++) {
      target = byWeight.draw(random);
    }
    add(target, fillerSentence(random, target.type, context));
  }
  for (const p of proses) random.shuffle(p.sentences);
}
