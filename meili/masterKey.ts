import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { DataDirError } from './errors.js';
import { dataDirError } from './prepareMeiliDir.js';
import { readOptionalFile } from './readOptionalFile.js';

// Meilisearch refuses master keys shorter than 16 bytes in production; ours are 43 characters.
const MIN_KEY_LENGTH = 16;

/**
 * Reads the master key kept in `file`, creating it (0600) on first use. Creation is atomic: the key is
 * written to a private temporary file and hard-linked into place, so two processes starting at once
 * agree on one key and nobody ever reads a half-written file.
 */
export async function loadOrCreateMasterKey(file: string): Promise<string> {
  try {
    const existing = await readKey(file);
    if (existing !== null) return existing;
    await createKey(file);
    const created = await readKey(file);
    if (created === null) throw new Error(`${file} disappeared right after it was created`);
    return created;
  } catch (error) {
    if (error instanceof DataDirError) throw error;
    throw dataDirError(file, error);
  }
}

async function readKey(file: string): Promise<string | null> {
  const text = await readOptionalFile(file);
  if (text === null) return null;
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new DataDirError(
      `${file} does not hold a usable master key (at least ${MIN_KEY_LENGTH} characters). ` +
        `Delete it to generate a new one; API keys made with the old one stop working.`,
      file,
    );
  }
  // Someone may have copied the folder with a loose umask; the key must stay private.
  const { mode } = await fs.stat(file);
  if ((mode & 0o077) !== 0) await fs.chmod(file, 0o600);
  return key;
}

async function createKey(file: string): Promise<void> {
  const key = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await fs.writeFile(temporary, `${key}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.chmod(temporary, 0o600);
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process created the key first: use theirs.
  } finally {
    await fs.rm(temporary, { force: true });
  }
}
