// Copying between reports (--copy RATE), so that the corpus has what real ones have and the passage
// finder (issue #14) has work to do at scale: a share of reports take sentences from an earlier
// report of the corpus — half of the time from a nearby one (a neighbouring body, the same kind of
// report), otherwise from any earlier one — some word for word, some with a character or two changed
// (a name, a word), as reports copy from a template, a neighbour or last year's report.
import { prosesOf, type Draft } from './draft.js';
import { Random, reportSeed } from './random.js';

const COPY_STREAM = 0x2c1b3c6d;
// Characters a copier changes: what differs between a report and its neighbour's.
const CHANGED = ['区', '县', '市', '局', '委', '镇', '部', '室', '单', '位', '组', '织', '推', '进'];

/** Copies sentences of an earlier report's prose into `draft`, replacing some of its own. */
export function copyFromEarlier(draft: Draft, seed: number, index: number, rate: number, earlier: (index: number) => Draft): void {
  if (index === 0) return;
  const random = new Random(reportSeed(seed, index) ^ COPY_STREAM);
  if (!random.chance(rate)) return;
  const back = random.chance(0.5) ? random.int(1, Math.min(index, 20)) : random.int(1, index);
  const source = prosesOf(earlier(index - back));
  const share = random.next() * 0.6 + 0.2;
  prosesOf(draft).forEach((prose, p) => {
    const from = source[p % Math.max(1, source.length)]?.sentences ?? [];
    for (let s = 0; s < prose.sentences.length && s < from.length; s++) {
      if (!random.chance(share)) continue;
      let sentence = from[s] as string;
      if (random.chance(0.3) && sentence.length > 12) {
        const at = random.int(2, sentence.length - 3);
        sentence = sentence.slice(0, at) + random.pick(CHANGED) + sentence.slice(at + 1);
      }
      prose.sentences[s] = sentence;
    }
  });
}
