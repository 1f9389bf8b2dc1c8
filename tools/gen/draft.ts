// A report before it is rendered: title, dates, sections made of blocks. Templates build the
// skeleton with the fixed parts (headings, numbers, tables) and empty prose; the report stage then
// fills the prose with phrase mentions and filler sentences up to the report's target size.
import type { SectionType } from '../../core/report.js';
import type { Organ } from './organs.js';
import type { Random } from './random.js';
import type { SentenceContext } from './sentences.js';
import type { Stats } from './stats.js';

export interface Cell {
  text: string;
  colspan?: number;
  rowspan?: number;
}

export interface Table {
  rows: Cell[][];
}

/** Sentences of one kind, grouped into paragraphs when the report is finished. */
export interface Prose {
  type: SectionType;
  sentences: string[];
  /** How much of the filler goes here, relative to the other prose of the report. */
  weight: number;
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'table'; table: Table }
  | { kind: 'prose'; prose: Prose };

export interface DraftSection {
  /** The heading without its number: 总体情况. */
  title: string;
  type: SectionType;
  blocks: Block[];
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface Draft {
  title: string;
  organ: string;
  publishedAt: CalendarDate;
  signedAt: CalendarDate;
  /** Paragraphs before the first heading (what the report is, where to ask). */
  intro: string[];
  sections: DraftSection[];
  /** Blocks after the signature (the old template's statistics table). */
  appendix: Block[];
}

/** What a template builds a draft from. */
export interface TemplateInput {
  random: Random;
  organ: Organ;
  year: number;
  stats: Stats;
  context: SentenceContext;
}

export function paragraph(text: string): Block {
  return { kind: 'paragraph', text };
}

export function prose(type: SectionType, weight = 1): Prose {
  return { type, sentences: [], weight };
}

/** Every prose of a draft, in document order. */
export function prosesOf(draft: Draft): Prose[] {
  const found: Prose[] = [];
  for (const section of draft.sections) {
    for (const block of section.blocks) if (block.kind === 'prose') found.push(block.prose);
  }
  return found;
}

function tableChars(table: Table): number {
  let chars = 0;
  for (const row of table.rows) for (const cell of row) chars += cell.text.length + 3;
  return chars;
}

/** Characters of text in a draft, headings and table cells included: the measure of its size. */
export function draftChars(draft: Draft): number {
  let chars = draft.title.length + draft.organ.length + 40;
  for (const paragraph of draft.intro) chars += paragraph.length;
  const blockChars = (block: Block): number => {
    if (block.kind === 'table') return tableChars(block.table);
    if (block.kind === 'prose') return block.prose.sentences.reduce((n, sentence) => n + sentence.length, 0);
    return block.text.length;
  };
  for (const section of draft.sections) {
    chars += section.title.length + 3;
    for (const block of section.blocks) chars += blockChars(block);
  }
  for (const block of draft.appendix) chars += blockChars(block);
  return chars;
}

/** Numbers of cells in the draft's tables: HTML spends bytes per cell. */
export function draftCells(draft: Draft): number {
  let cells = 0;
  const count = (block: Block): void => {
    if (block.kind === 'table') for (const row of block.table.rows) cells += row.length;
  };
  for (const section of draft.sections) section.blocks.forEach(count);
  draft.appendix.forEach(count);
  return cells;
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chineseSmall(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${n % 10 === 0 ? '' : CN_DIGITS[n % 10]}`;
}

/** 2020年1月3日, or 二〇二〇年一月三日 as signatures often write it. */
export function formatDate(date: CalendarDate, style: 'arabic' | 'chinese' | 'iso' | 'padded'): string {
  const { year, month, day } = date;
  const two = (n: number): string => String(n).padStart(2, '0');
  switch (style) {
    case 'arabic':
      return `${year}年${month}月${day}日`;
    case 'padded':
      return `${year}年${two(month)}月${two(day)}日`;
    case 'iso':
      return `${year}-${two(month)}-${two(day)}`;
    case 'chinese':
      return `${[...String(year)].map((d) => CN_DIGITS[Number(d)]).join('')}年${chineseSmall(month)}月${chineseSmall(day)}日`;
  }
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六'];

/** 一, 二, … 十六: the numbers of top-level headings. */
export function headingNumeral(position: number): string {
  return NUMERALS[position] ?? String(position + 1);
}
