import fs from 'node:fs/promises';

/** The file's text, or null when it does not exist; other failures (permissions, not a file) are thrown. */
export async function readOptionalFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
