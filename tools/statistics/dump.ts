// Prints the text the statistics parser sees for each file given (a debugging aid).
//   node dist/tools/statistics/dump.js FILE...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createFormatReader } from '../../indexer/formatReader.js';
import { statisticsInput } from './reportText.js';

const reader = createFormatReader();
try {
  for (const file of process.argv.slice(2)) {
    const text = await statisticsInput(readFileSync(file), basename(file), reader);
    process.stdout.write(`===== ${file}\n${text}\n`);
  }
} finally {
  await reader.close();
}
