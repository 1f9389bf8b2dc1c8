// The scan baseline: `grep -F -c` for a phrase's unit key over the file of normalised sections
// (one per line). LC_ALL=C makes grep compare bytes, its fastest mode, and exact for UTF-8 keys.
// Each run is a fresh process, as a researcher would run it; the first run is reported as cold.
import { spawn } from 'node:child_process';

export interface GrepTimings {
  needle: string;
  count: number;
  coldMs: number;
  warmMs: number[];
}

export async function timeGrep(file: string, needle: string, runs: number): Promise<GrepTimings> {
  const first = await grepCount(file, needle);
  const warmMs: number[] = [];
  for (let run = 0; run < runs; run++) warmMs.push((await grepCount(file, needle)).ms);
  return { needle, count: first.count, coldMs: first.ms, warmMs };
}

function grepCount(file: string, needle: string): Promise<{ count: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('grep', ['-F', '-c', '-e', needle, file], {
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      // grep exits 1 when nothing matched: still a count.
      if (code !== 0 && code !== 1) reject(new Error(`grep exited with ${code}: ${err.trim()}`));
      else resolve({ count: Number(out.trim()), ms });
    });
  });
}
