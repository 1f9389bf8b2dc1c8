// The corpus a run measures: a folder given with --corpus (generated there first when it does not
// exist yet, and kept), or a generated one in a temporary folder removed at the end. Generation is
// `npm run gen`'s script, run as a child process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { projectPath } from '../../config/paths.js';
import { listFiles, type ListedFile } from '../../indexer/listFiles.js';
import type { Cleanup } from './cleanup.js';

/** What the generator writes per report on average (tools/gen: ~10 sections). */
export const SECTIONS_PER_REPORT = 10;

export interface Corpus {
  dir: string;
  /** The report files the indexer will read (MANIFEST.tsv and the like are left out). */
  files: ListedFile[];
  bytes: number;
  /** Seconds spent generating it in this run; null when it already existed. */
  generatedIn: number | null;
}

export interface CorpusOptions {
  dir?: string;
  sections: number;
  seed: number;
}

export async function prepareCorpus(options: CorpusOptions, cleanup: Cleanup, log: (line: string) => void): Promise<Corpus> {
  let dir: string;
  let generatedIn: number | null = null;
  if (options.dir !== undefined && (await hasReports(options.dir))) {
    dir = resolve(options.dir);
    log(`corpus: using ${dir}`);
  } else {
    if (options.dir !== undefined) {
      dir = resolve(options.dir);
    } else {
      dir = await mkdtemp(join(tmpdir(), 'nianbao-bench-corpus-'));
      cleanup.add(() => rm(dir, { recursive: true, force: true }));
    }
    const reports = Math.max(1, Math.ceil(options.sections / SECTIONS_PER_REPORT));
    log(`corpus: generating ${reports} reports (≈${options.sections} sections, seed ${options.seed}) in ${dir}…`);
    const started = performance.now();
    await generate(reports, options.seed, dir);
    generatedIn = (performance.now() - started) / 1000;
  }
  const listing = await listFiles([dir]);
  if (listing.files.length === 0) throw new Error(`no report files (.txt .html .htm .md) under ${dir}`);
  return { dir, files: listing.files, bytes: listing.files.reduce((n, f) => n + f.size, 0), generatedIn };
}

async function hasReports(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return false;
  return (await readdir(dir)).length > 0;
}

function generate(reports: number, seed: number, out: string): Promise<void> {
  const script = projectPath('dist-tools', 'tools', 'gen.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, '--reports', String(reports), '--seed', String(seed), '--out', out], {
      // Its summary line is progress, not a figure: it goes to stderr with ours.
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`the corpus generator (${script}) exited with ${code}`)),
    );
  });
}
