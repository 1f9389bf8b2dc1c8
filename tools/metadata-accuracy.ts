// How well the metadata stage reads a labelled corpus: for each file a folder's SOURCES.tsv lists,
// decode → clean → extractMetadata, then compare year, province and level with the table.
//
//   npx tsc -p tsconfig.json && node dist-tools/tools/metadata-accuracy.js [folder...]
//
// The default folder is /work/shared/corpus/real. Province is compared by prefix (福建 ~ 福建省); a
// SOURCES level written 'department(city)' means level city and organKind department, a plain
// level also asks for organKind government.
import { projectPath } from '../config/paths.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clean } from '../indexer/clean.js';
import { decode } from '../indexer/decode.js';
import { extractMetadata } from '../indexer/metadata.js';
import type { ReportMetadata } from '../core/report.js';

const DEFAULT_FOLDERS = [projectPath('..', 'shared', 'corpus', 'real')];
const FIELDS = ['year', 'province', 'level'] as const;
type Field = (typeof FIELDS)[number];

interface Expected {
  file: string;
  year: string;
  province: string;
  level: string;
}

interface Outcome {
  expected: Expected;
  got: ReportMetadata | null;
  error: string | null;
  correct: Record<Field, boolean>;
}

function readSources(folder: string): Expected[] {
  const path = join(folder, 'SOURCES.tsv');
  if (!existsSync(path)) throw new Error(`${path} not found; give a folder whose SOURCES.tsv lists file, year, province, level`);
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim());
  const header = lines[0]?.split('\t') ?? [];
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${folder}/SOURCES.tsv has no "${name}" column; expected file, year, province, level`);
    return index;
  };
  const [file, year, province, level] = [column('file'), column('year'), column('province'), column('level')];
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return { file: cells[file] ?? '', year: cells[year] ?? '', province: cells[province] ?? '', level: cells[level] ?? '' };
  });
}

function levelMatches(expected: string, got: ReportMetadata): boolean {
  const department = /^department\((\w+)\)$/.exec(expected);
  if (department) return got.level === department[1] && got.organKind === 'department';
  return got.level === expected && got.organKind !== 'department';
}

function judge(expected: Expected, got: ReportMetadata): Record<Field, boolean> {
  return {
    year: String(got.year) === expected.year,
    province: got.province !== null && expected.province !== '' && got.province.startsWith(expected.province),
    level: levelMatches(expected.level, got),
  };
}

function run(folder: string, expected: Expected): Outcome {
  try {
    const bytes = readFileSync(join(folder, expected.file));
    const decoded = decode(bytes, expected.file);
    const got = extractMetadata(clean(decoded), expected.file);
    return { expected, got, error: null, correct: judge(expected, got) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { expected, got: null, error: message, correct: { year: false, province: false, level: false } };
  }
}

function gotLevel(got: ReportMetadata): string {
  return got.organKind === 'department' ? `department(${got.level})` : String(got.level);
}

function describe(outcome: Outcome): string {
  const { expected, got } = outcome;
  if (!got) return `${expected.file}\n  ERROR ${outcome.error}`;
  const mark = (field: Field): string => (outcome.correct[field] ? 'ok ' : 'XX ');
  return [
    `${expected.file}  [${got.organ ?? '—'}] ${got.title ?? '(no title)'}`,
    `  ${mark('year')}year      expected ${expected.year} | got ${got.year}`,
    `  ${mark('province')}province  expected ${expected.province} | got ${[got.province, got.city, got.county].filter(Boolean).join(' ') || null}`,
    `  ${mark('level')}level     expected ${expected.level} | got ${gotLevel(got)}`,
    ...got.warnings.map((warning) => `     warning: ${warning}`),
  ].join('\n');
}

function main(folders: string[]): void {
  const outcomes = folders.flatMap((folder) => {
    try {
      return readSources(folder).map((expected) => run(folder, expected));
    } catch (error) {
      console.error(`skipping ${folder}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (outcomes.length === 0) {
    console.error('No labelled files to measure: give folders that hold a SOURCES.tsv.');
    process.exitCode = 1;
    return;
  }
  for (const outcome of outcomes) console.log(describe(outcome));

  console.log(`\nAccuracy over ${outcomes.length} files (${folders.join(', ')}):`);
  for (const field of FIELDS) {
    const correct = outcomes.filter((o) => o.correct[field]).length;
    const percent = ((100 * correct) / outcomes.length).toFixed(1);
    console.log(`  ${field.padEnd(9)} ${correct}/${outcomes.length} (${percent}%)`);
  }
  const failures = outcomes.filter((o) => FIELDS.some((field) => !o.correct[field]));
  console.log(failures.length ? '\nFailures:' : '\nNo failures.');
  for (const failure of failures) {
    const fields = FIELDS.filter((field) => !failure.correct[field]).join(', ');
    console.log(`  ${failure.expected.file}: ${failure.error ?? fields}`);
  }
}

main(process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FOLDERS);
