// What a report will be before any text is written: issuing level, year, characters, encoding,
// format and size, drawn from the corpus mix.
import type { Level } from '../../core/report.js';
import type { OutputEncoding } from './encode.js';
import { type Random, WeightedTable } from './random.js';

/** The proportions a corpus is drawn in. Shares are probabilities in [0, 1]. */
export interface CorpusMix {
  /** Relative weights of the issuing levels. */
  levels: Readonly<Record<Level, number>>;
  /** Share of reports in traditional characters. */
  traditional: number;
  /** Share of traditional reports saved as Big5; the others are UTF-8 with pinyin annotations. */
  big5OfTraditional: number;
  /** Share of simplified reports saved as GB18030; the others are UTF-8. */
  gb18030OfSimplified: number;
  /** Share of reports saved as HTML pages. */
  html: number;
  /** Share of plain-text files with Windows line breaks. */
  crlf: number;
}

/**
 * Most reports come from townships and county bodies; traditional text and legacy encodings are
 * the exception, as on the web.
 */
export const DEFAULT_MIX: CorpusMix = Object.freeze({
  levels: Object.freeze({ township: 40, county: 35, city: 18, province: 6, national: 1 }),
  traditional: 0.05,
  big5OfTraditional: 0.5,
  gb18030OfSimplified: 0.15,
  html: 0.12,
  crlf: 0.15,
});

/** Reports per year covered: few in the first years of the 2008 regulations, most after 2019. */
const YEAR_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [2008, 2],
  [2009, 2.5],
  [2010, 3],
  [2011, 3.5],
  [2012, 4],
  [2013, 4.5],
  [2014, 5],
  [2015, 5],
  [2016, 5.5],
  [2017, 6],
  [2018, 6],
  [2019, 7],
  [2020, 7.5],
  [2021, 8],
  [2022, 8],
  [2023, 8],
  [2024, 8],
  [2025, 4],
];
const years = new WeightedTable(YEAR_WEIGHTS);

export interface ReportPlan {
  level: Level;
  year: number;
  traditional: boolean;
  /** UTF-8 traditional text gets pinyin annotations; Big5 cannot hold the tone marks. */
  pinyin: boolean;
  encoding: OutputEncoding;
  format: 'text' | 'html';
  lineBreak: '\n' | '\r\n';
  /** The size filler text is added up to, in bytes of the encoding; headings, facts and tables
   *  alone can make a report larger. */
  targetBytes: number;
}

const levelTables = new WeakMap<CorpusMix['levels'], WeightedTable<Level>>();

function levelTable(levels: CorpusMix['levels']): WeightedTable<Level> {
  let table = levelTables.get(levels);
  if (!table) {
    table = new WeightedTable(Object.entries(levels) as Array<[Level, number]>);
    levelTables.set(levels, table);
  }
  return table;
}

export function planReport(random: Random, mix: CorpusMix): ReportPlan {
  const level = levelTable(mix.levels).draw(random);
  const year = years.draw(random);
  const traditional = random.chance(mix.traditional);
  const encoding: OutputEncoding = traditional
    ? random.chance(mix.big5OfTraditional)
      ? 'big5'
      : 'utf-8'
    : random.chance(mix.gb18030OfSimplified)
      ? 'gb18030'
      : 'utf-8';
  const format = random.chance(mix.html) ? 'html' : 'text';
  // Files from Windows tools, more often among legacy encodings.
  const crlf = format === 'text' && random.chance(encoding === 'utf-8' ? mix.crlf : Math.min(1, mix.crlf * 3));
  // Sum of two uniforms: sizes bunch around the middle of 2.5–14 KB, as real reports do (the real
  // corpus: 6–17 KB of UTF-8).
  const targetBytes = Math.round(2500 + 11500 * ((random.next() + random.next()) / 2));
  return {
    level,
    year,
    traditional,
    pinyin: traditional && encoding === 'utf-8',
    encoding,
    format,
    lineBreak: crlf ? '\r\n' : '\n',
    targetBytes,
  };
}
