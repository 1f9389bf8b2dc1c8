import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DataDirError } from './errors.js';
import { MEILI_FOLDER } from './paths.js';

/**
 * Creates <dataDir>/meili and returns its real path. The real path matters: the instance record, the
 * start lock and the running process are matched by it, so two spellings of one folder must agree.
 */
export async function prepareMeiliDir(dataDir: string): Promise<string> {
  const meiliDir = path.resolve(dataDir, MEILI_FOLDER);
  try {
    await fs.mkdir(meiliDir, { recursive: true, mode: 0o700 });
    await fs.access(meiliDir, constants.W_OK | constants.X_OK);
    return await fs.realpath(meiliDir);
  } catch (error) {
    throw dataDirError(meiliDir, error);
  }
}

/** The error a user sees for any file-system failure inside DATA_DIR. */
export function dataDirError(target: string, cause: unknown): DataDirError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  return new DataDirError(
    `Cannot write ${target} (${code}). Set DATA_DIR to a folder this user can create and write, ` +
      `or fix the permissions of the one given.`,
    target,
    { cause },
  );
}
