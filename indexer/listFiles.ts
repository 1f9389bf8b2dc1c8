// Which files an index run reads: the given files and every file below the given folders, sorted so
// runs are deterministic. Files with other extensions are listed as skipped, with the reason.
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { READABLE_EXTENSIONS, UNSUPPORTED_EXTENSIONS } from './formats/sniff.js';

export interface ListedFile {
  /** As given (the input joined with the relative path below it). */
  path: string;
  absolutePath: string;
  size: number;
}

export interface SkippedPath {
  path: string;
  code: 'unsupported-type' | 'unreadable' | 'not-found';
  reason: string;
}

export interface FileListing {
  files: ListedFile[];
  skipped: SkippedPath[];
  /** Absolute paths of the folders given, for finding reports whose files are gone. */
  roots: string[];
}

export async function listFiles(inputs: string[]): Promise<FileListing> {
  const listing: FileListing = { files: [], skipped: [], roots: [] };
  const seen = new Set<string>();
  async function visit(path: string): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      listing.skipped.push(
        code === 'ENOENT'
          ? { path, code: 'not-found', reason: `${path} does not exist` }
          : { path, code: 'unreadable', reason: `cannot read ${path}: ${code ?? String(error)}` },
      );
      return;
    }
    if (info.isDirectory()) {
      let entries: string[];
      try {
        entries = (await readdir(path)).sort();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        listing.skipped.push({ path, code: 'unreadable', reason: `cannot list folder ${path}: ${code} (check its permissions)` });
        return;
      }
      for (const entry of entries) {
        if (entry.startsWith('.')) continue;
        await visit(join(path, entry));
      }
      return;
    }
    if (!info.isFile()) {
      listing.skipped.push({ path, code: 'unsupported-type', reason: `${path} is not a regular file (a device, pipe or socket)` });
      return;
    }
    const absolutePath = resolve(path);
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    const extension = extname(path).toLowerCase();
    if (!READABLE_EXTENSIONS.includes(extension)) {
      const what = UNSUPPORTED_EXTENSIONS[extension];
      listing.skipped.push({
        path,
        code: 'unsupported-type',
        reason: `${what ? `${path} is ${what}; ` : `${extension || 'no extension'}: `}not a report format the indexer reads (${READABLE_EXTENSIONS.join(' ')})`,
      });
      return;
    }
    listing.files.push({ path, absolutePath, size: info.size });
  }
  for (const input of inputs) {
    try {
      if ((await stat(input)).isDirectory()) listing.roots.push(resolve(input));
    } catch {
      // reported by visit()
    }
    await visit(input);
  }
  return listing;
}
