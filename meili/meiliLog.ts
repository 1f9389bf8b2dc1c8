import fs from 'node:fs/promises';

// Past this size the log is moved to meili.log.1 when an owner starts: Meilisearch logs every request.
const ROTATE_BYTES = 10 * 1024 * 1024;
// Enough for the startup error and the lines before it, without dumping megabytes into a message.
const TAIL_BYTES = 16 * 1024;

/** Rotates the log if it is large, appends a header for this start, and returns the offset where this start's output begins. */
export async function beginLogSection(file: string, header: string): Promise<number> {
  const size = await fs
    .stat(file)
    .then((stat) => stat.size)
    .catch(() => 0);
  if (size > ROTATE_BYTES) await fs.rename(file, `${file}.1`);
  await fs.appendFile(file, `\n=== ${header} ===\n`, { mode: 0o600 });
  return (await fs.stat(file)).size;
}

/** The last `maxLines` lines written since `offset`, without terminal colour codes. */
export async function readLogTail(file: string, offset: number, maxLines = 25): Promise<string[]> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    const start = Math.max(offset, size - TAIL_BYTES);
    const buffer = Buffer.alloc(Math.max(0, size - start));
    await handle.read(buffer, 0, buffer.length, start);
    return logLines(buffer.toString('utf8')).slice(-maxLines);
  } catch {
    return [];
  } finally {
    await handle?.close();
  }
}

export function logLines(text: string): string[] {
  // Meilisearch colours its log even when it goes to a file.
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split(/\r?\n/).filter((line) => line.trim() !== '');
}
