// Traditional-character reports: some sites serve a 繁體 version made by converting the page and
// annotating converted characters with pinyin (報(bào)告). OpenCC does the conversion.
import * as OpenCC from 'opencc-js';
import type { Random } from './random.js';

let converter: ((text: string) => string) | undefined;

// OpenCC's dictionaries match within runs of Han characters, so converting each run on its own
// gives the same text as converting the whole; runs (clauses between punctuation) repeat across
// reports, and a cache of them makes conversion about ten times faster. The cache only ever holds
// what OpenCC would return, so it cannot change the output; it is emptied when it grows too big.
const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const MAX_CACHED_RUNS = 200_000;
const converted = new Map<string, string>();

function convertRun(run: string): string {
  const cached = converted.get(run);
  if (cached !== undefined) return cached;
  const convert = converter ?? OpenCC.Converter({ from: 'cn', to: 'tw' });
  converter = convert;
  const result: string = convert(run);
  if (converted.size >= MAX_CACHED_RUNS) converted.clear();
  converted.set(run, result);
  return result;
}

/** Simplified → Taiwan-standard traditional characters (OpenCC cn→tw); the converter is built on first use. */
export function toTraditional(text: string): string {
  return text.replace(HAN_RUN, convertRun);
}

// Traditional characters that differ from their simplified form, with the reading they have in
// these reports. Only these are ever annotated.
const PINYIN: Readonly<Record<string, string>> = {
  報: 'bào',
  區: 'qū',
  開: 'kāi',
  務: 'wù',
  縣: 'xiàn',
  鎮: 'zhèn',
  國: 'guó',
  條: 'tiáo',
  權: 'quán',
  請: 'qǐng',
  辦: 'bàn',
  網: 'wǎng',
  發: 'fā',
  規: 'guī',
  審: 'shěn',
  處: 'chù',
  會: 'huì',
  體: 'tǐ',
  關: 'guān',
  時: 'shí',
  實: 'shí',
  應: 'yīng',
  專: 'zhuān',
  數: 'shù',
  據: 'jù',
  單: 'dān',
  項: 'xiàng',
  導: 'dǎo',
  領: 'lǐng',
  機: 'jī',
  議: 'yì',
  訟: 'sòng',
  類: 'lèi',
  設: 'shè',
  級: 'jí',
  門: 'mén',
  戶: 'hù',
  統: 'tǒng',
  計: 'jì',
  這: 'zhè',
  進: 'jìn',
  經: 'jīng',
  現: 'xiàn',
  動: 'dòng',
  點: 'diǎn',
  業: 'yè',
  總: 'zǒng',
  結: 'jié',
  構: 'gòu',
  與: 'yǔ',
  組: 'zǔ',
  織: 'zhī',
  強: 'qiáng',
  範: 'fàn',
  劃: 'huà',
  環: 'huán',
  資: 'zī',
  訊: 'xùn',
  歸: 'guī',
  職: 'zhí',
  責: 'zé',
  況: 'kuàng',
  維: 'wéi',
  護: 'hù',
  衛: 'wèi',
  質: 'zhì',
  濟: 'jì',
  傳: 'chuán',
  廣: 'guǎng',
};
const ANNOTATABLE = Object.keys(PINYIN);

/**
 * Annotates a random subset of the characters of the PINYIN table, every time they occur, the
 * way a site's conversion plug-in does it: 報(bào)告.
 */
export function annotatePinyin(text: string, random: Random): string {
  const chosen = new Set(random.sample(ANNOTATABLE, random.int(8, ANNOTATABLE.length)));
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (chosen.has(char)) {
      out += `${text.slice(from, i + 1)}(${PINYIN[char]})`;
      from = i + 1;
    }
  }
  return out + text.slice(from);
}
