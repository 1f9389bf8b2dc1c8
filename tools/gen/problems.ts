// The 存在的主要问题及改进情况 section, the same in both templates: what fell short, what comes next.
import { paragraph, prose, type DraftSection } from './draft.js';
import type { Random } from './random.js';
import { problemsParagraphs, type SentenceContext } from './sentences.js';

export function problemsSection(random: Random, context: SentenceContext, titles: readonly string[]): DraftSection {
  return {
    title: random.pick(titles),
    type: 'problems',
    blocks: [...problemsParagraphs(random, context).map(paragraph), { kind: 'prose', prose: prose('problems', 0.3) }],
  };
}
