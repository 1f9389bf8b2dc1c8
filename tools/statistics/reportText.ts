// The text the statistics parser is given for one file: the product's own extraction (extractText),
// the clean stage, then folding to simplified Chinese — as the indexer hands it over.
import { clean } from '../../indexer/clean.js';
import { extractText } from '../../indexer/extract.js';
import type { FormatReader } from '../../indexer/formatReader.js';
import { toSimplified } from '../../core/simplify.js';

export async function statisticsInput(bytes: Uint8Array, fileName: string, reader: FormatReader): Promise<string> {
  const extracted = await extractText(bytes, fileName, reader);
  return toSimplified(clean(extracted).text);
}
