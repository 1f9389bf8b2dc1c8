// jieba lives here and nowhere else. It gives each section its key terms (TF-IDF over jieba words,
// with a dictionary of disclosure vocabulary so 依申请公开 or 保密审查 stay whole). Key terms are
// stored on every section document and shown with each hit; exact search does not use jieba
// (DESIGN.md explains why word segmentation cannot give exact counts).
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import nodejieba from 'nodejieba';
import { projectPath } from '../config/paths.js';

// A process's open files by descriptor number (Linux): an open file removed from its folder is still read there.
const OPEN_FILES = '/proc/self/fd';
// The temp folder the pruned dictionary is written to.
const DICTIONARY_FOLDER = 'nianbao-jieba-';

const NOT_A_KEY_TERM = /^[\p{N}\p{P}\p{S}a-z]+$|^.$/u;

/**
 * jieba's words seen fewer times than this in its training corpus are left out of the dictionary it
 * loads. nodejieba builds the dictionary's trie twice (its TextRank extractor keeps its own copy, and
 * `load` cannot be told not to), about 110 MB each for all 349,000 words; half of them were seen 2
 * or 3 times. Leaving out the rare words shrinks jieba's memory, and a section's key terms barely
 * change: the HMM still finds most rare words, and our domain words come from the user dictionary.
 * Measured by `node dist-tools/tools/keyTermAgreement.js` on the real reports (BENCHMARKS.md,
 * sessions 12 and 22): of the whole dictionary's key terms, ≥ 4 keeps 96.5% in 134 MiB, ≥ 16 keeps
 * 94.9% in 88 MiB, ≥ 32 91.1% in 72 MiB. 16 is the knee; its 46 MiB are what keeps the 1M index run
 * under 1 GB.
 */
export const DEFAULT_MINIMUM_WORD_FREQUENCY = 16;

/** The section's most characteristic words, best first (at most `count`). Input: simplified text. */
export type KeyTermExtractor = (simplifiedText: string, count?: number) => string[];

export interface KeyTermOptions {
  /** Leave out jieba's dictionary words seen fewer times than this; 0 loads the whole dictionary. */
  minimumWordFrequency?: number;
}

/**
 * Loads jieba's dictionaries (about 90 MB, 250 MB with the whole dictionary: only an index run creates
 * one, never the web server) and gives the extractor. jieba's state is process-wide: the last
 * extractor created is the one every extractor uses.
 */
export function createKeyTermExtractor(options: KeyTermOptions = {}): KeyTermExtractor {
  const minimum = options.minimumWordFrequency ?? DEFAULT_MINIMUM_WORD_FREQUENCY;
  const userDict = projectPath('indexer', 'jieba-user.dict');
  if (minimum <= 0) {
    nodejieba.load({ userDict });
    return keyTerms;
  }
  // jieba reads its dictionary from a file by name. Loading takes about a second, and a process killed
  // in it (a test runner's worker, an index run stopped at once) used to leave the pruned dictionary's
  // folder behind in the system's temp folder; on Linux jieba reads it through the open descriptor's
  // name in /proc, after the folder is gone.
  const pruned = prunedDictionary(readFileSync(jiebaDictionaryPath()), minimum);
  const folder = mkdtempSync(join(tmpdir(), DICTIONARY_FOLDER));
  const file = join(folder, 'jieba.dict.utf8');
  let descriptor: number | null = null;
  try {
    writeFileSync(file, pruned);
    if (existsSync(OPEN_FILES)) {
      // The descriptor is the only way left to the file once its folder is gone; the file goes when
      // it is closed or the process ends.
      descriptor = openSync(file, 'r');
      rmSync(folder, { recursive: true, force: true });
    }
    nodejieba.load({ dict: descriptor === null ? file : join(OPEN_FILES, String(descriptor)), userDict });
  } finally {
    if (descriptor !== null) closeSync(descriptor);
    rmSync(folder, { recursive: true, force: true });
  }
  return keyTerms;
}

/**
 * jieba's dictionary lines ("word frequency tag") whose frequency is at least `minimum`. It works on
 * bytes, copying kept lines into one buffer: splitting 349,000 lines into strings would leave tens of
 * megabytes of garbage in a process whose memory is what this pruning is for.
 */
export function prunedDictionary(dictionary: Buffer, minimum: number): Buffer {
  const kept = Buffer.allocUnsafe(dictionary.length + 1);
  let length = 0;
  let start = 0;
  while (start < dictionary.length) {
    const newline = dictionary.indexOf(0x0a, start);
    const end = newline < 0 ? dictionary.length : newline;
    if (frequencyOf(dictionary, start, end) >= minimum) {
      length += dictionary.copy(kept, length, start, end);
      kept[length++] = 0x0a;
    }
    start = end + 1;
  }
  return kept.subarray(0, length);
}

/** The second space-separated field of the line [start, end), read as a decimal number; -1 if none. */
function frequencyOf(bytes: Buffer, start: number, end: number): number {
  let at = bytes.indexOf(0x20, start);
  if (at < 0 || at >= end) return -1;
  at += 1;
  let value = 0;
  let digits = 0;
  for (; at < end && bytes[at] !== 0x20 && bytes[at] !== 0x0d; at += 1) {
    const digit = (bytes[at] ?? 0) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
    digits += 1;
  }
  return digits === 0 ? -1 : value;
}

function jiebaDictionaryPath(): string {
  const packageFile = createRequire(import.meta.url).resolve('nodejieba/package.json');
  return join(dirname(packageFile), 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
}

function keyTerms(simplifiedText: string, count = 8): string[] {
  if (simplifiedText.trim().length === 0) return [];
  // Extraction cost grows with the text; the first 20,000 characters characterise a section.
  const sample = simplifiedText.length > 20_000 ? simplifiedText.slice(0, 20_000) : simplifiedText;
  const terms: string[] = [];
  for (const { word } of nodejieba.extract(sample, count * 2)) {
    if (NOT_A_KEY_TERM.test(word) || terms.includes(word)) continue;
    terms.push(word);
    if (terms.length === count) break;
  }
  return terms;
}
