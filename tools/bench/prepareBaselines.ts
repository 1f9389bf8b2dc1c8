// One untimed pass over the corpus through the indexer's text stages: writes the raw documents as
// NDJSON batches of about 10 MB and the grep file (one normalised section per line).
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DecodeError } from '../../indexer/decode.js';
import type { ListedFile } from '../../indexer/listFiles.js';
import { readReportBytes } from '../../indexer/extract.js';
import { createFormatReader } from '../../indexer/formatReader.js';
import { ExtractError } from '../../indexer/formats/types.js';
import { NotAReportError } from '../../indexer/readReport.js';
import { contentHashOf, reportIdOf } from '../../indexer/reportId.js';
import { grepLine, rawSectionDocuments } from './baselineDocuments.js';

export const RAW_BATCH_BYTES = 10 * 1024 * 1024;

export interface Baselines {
  /** NDJSON files of raw section documents, in push order. */
  batchFiles: string[];
  ndjsonBytes: number;
  grepFile: string;
  grepBytes: number;
  reports: number;
  sections: number;
  /** Characters of section text (headings included) after decoding and cleaning. */
  textChars: number;
  skipped: number;
}

export async function prepareBaselines(files: ListedFile[], outDir: string): Promise<Baselines> {
  const grepFile = join(outDir, 'sections.keys');
  const grep = createWriteStream(grepFile);
  const result: Baselines = { batchFiles: [], ndjsonBytes: 0, grepFile, grepBytes: 0, reports: 0, sections: 0, textChars: 0, skipped: 0 };
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const file = join(outDir, `raw-${String(result.batchFiles.length).padStart(5, '0')}.ndjson`);
    await writeFile(file, batch.join(''));
    result.batchFiles.push(file);
    batch = [];
    batchBytes = 0;
  };
  const formatReader = createFormatReader();
  for (const file of files) {
    const bytes = await readFile(file.absolutePath);
    let report: Awaited<ReturnType<typeof readReportBytes>>;
    try {
      report = await readReportBytes(
        bytes,
        {
          reportId: reportIdOf(file.absolutePath),
          source: file.path,
          fileName: basename(file.path),
          contentHash: contentHashOf(bytes),
        },
        formatReader,
      );
    } catch (error) {
      if (error instanceof DecodeError || error instanceof NotAReportError || error instanceof ExtractError) {
        result.skipped++;
        continue;
      }
      throw error;
    }
    result.reports++;
    for (const document of rawSectionDocuments(report)) {
      const line = `${JSON.stringify(document)}\n`;
      const size = Buffer.byteLength(line);
      if (batchBytes + size > RAW_BATCH_BYTES) await flush();
      batch.push(line);
      batchBytes += size;
      result.ndjsonBytes += size;
    }
    for (const section of report.sections) {
      const line = `${grepLine(section)}\n`;
      result.grepBytes += Buffer.byteLength(line);
      await write(grep, line);
      result.sections++;
      result.textChars += section.heading.length + section.text.length;
    }
  }
  await formatReader.close();
  await flush();
  await new Promise<void>((resolve, reject) => grep.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return result;
}

function write(stream: WriteStream, chunk: string): Promise<void> {
  return stream.write(chunk) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', () => resolve()));
}
