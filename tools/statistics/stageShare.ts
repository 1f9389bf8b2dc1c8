// The statistics stage's share of the indexer's own time on a corpus folder (issue #11: ≤ 10% of
// indexing time): every stage of the bench's in-process profile (read → … → documents, jieba
// included) timed on a sample of its reports.
//
//   npm run build:tools && node dist-tools/tools/statistics/stageShare.js DIR [sample=1000]
import { listFiles } from '../../indexer/listFiles.js';
import { profileStages } from '../bench/stageProfile.js';

const [dir, sample = '1000'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: stageShare.js DIR [sample]');
  process.exit(2);
}
const listing = await listFiles([dir]);
const profile = await profileStages(listing.files, Number(sample));
const total = Object.values(profile.stageMs).reduce((n, ms) => n + ms, 0);
for (const [stage, ms] of Object.entries(profile.stageMs))
  console.log(`${stage.padEnd(10)} ${ms.toFixed(0).padStart(8)} ms  ${((100 * ms) / total).toFixed(1)}%`);
console.log(
  `reports ${profile.reports}, sections ${profile.sections}: statistics ${((100 * profile.stageMs.statistics) / total).toFixed(1)}% of the indexer's stages`,
);
