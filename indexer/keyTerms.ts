// jieba lives here and nowhere else. It gives each section its key terms (TF-IDF over jieba words,
// with a dictionary of disclosure vocabulary so 依申请公开 or 保密审查 stay whole). Key terms are
// stored on every section document and shown with each hit; exact search does not use jieba
// (DESIGN.md explains why word segmentation cannot give exact counts).
import nodejieba from 'nodejieba';
import { projectPath } from '../config/paths.js';

const NOT_A_KEY_TERM = /^[\p{N}\p{P}\p{S}a-z]+$|^.$/u;

/** The section's most characteristic words, best first (at most `count`). Input: simplified text. */
export type KeyTermExtractor = (simplifiedText: string, count?: number) => string[];

/**
 * Loads jieba's dictionaries (about 250 MB: only an index run creates one, never the web server)
 * and gives the extractor. jieba's state is process-wide: create one per process.
 */
export function createKeyTermExtractor(): KeyTermExtractor {
  nodejieba.load({ userDict: projectPath('indexer', 'jieba-user.dict') });
  return keyTerms;
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
