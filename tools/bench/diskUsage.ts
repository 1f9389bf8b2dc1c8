// Bytes a folder occupies on disk, as `du` counts them (blocks, not apparent size: LMDB files are
// sparse, and their apparent size is the map size, not the data).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function diskUsageBytes(path: string): Promise<number> {
  const { stdout } = await run('du', ['-sk', path]);
  const kb = Number(stdout.trim().split(/\s+/)[0]);
  if (!Number.isFinite(kb)) throw new Error(`du gave no size for ${path}: ${stdout}`);
  return kb * 1024;
}
