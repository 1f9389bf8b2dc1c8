// Which files an index run reads: the given files and every file below the given folders, sorted so
// runs are deterministic. Files with other extensions are listed as skipped, with the reason; sidecar
// manifests (manifest.csv, manifest.tsv) are metadata, listed apart.
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { READABLE_EXTENSIONS, UNSUPPORTED_EXTENSIONS } from './formats/sniff.js';
import type { ManifestKind } from './manifest.js';

/** Sidecar manifests by file name (indexer/manifest.ts). */
export const MANIFEST_NAMES: Readonly<Record<string, ManifestKind>> = { 'manifest.csv': 'csv', 'manifest.tsv': 'tsv' };

export interface ListedFile {
  /** As given (the input joined with the relative path below it): for the user's own terminal. */
  path: string;
  /** Relative to the folder given (the file's name when the file was given), / separators: shown on the site. */
  relativePath: string;
  absolutePath: string;
  size: number;
}

export interface ListedManifest {
  path: string;
  absolutePath: string;
  kind: ManifestKind;
}

export interface SkippedPath {
  path: string;
  code: 'unsupported-type' | 'unreadable' | 'not-found' | 'hidden';
  reason: string;
}

export interface FileListing {
  files: ListedFile[];
  skipped: SkippedPath[];
  manifests: ListedManifest[];
  /** Absolute paths of the folders given, for finding reports whose files are gone. */
  roots: string[];
}

export async function listFiles(inputs: string[]): Promise<FileListing> {
  const listing: FileListing = { files: [], skipped: [], manifests: [], roots: [] };
  const seen = new Set<string>();
  /** `root`: the absolute path of the folder given that `path` is below; null for a file given. */
  async function visit(path: string, root: string | null): Promise<void> {
    let info: Awaited<ReturnType<typeof stat>>;
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
        if (entry.startsWith('.')) {
          // .DS_Store, .git, editor backups: listed, so every file given appears in the summary, never read.
          const hidden = join(path, entry);
          listing.skipped.push({ path: hidden, code: 'hidden', reason: `${hidden} is hidden (its name starts with a dot); not read` });
          continue;
        }
        await visit(join(path, entry), root);
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
    const manifestKind = MANIFEST_NAMES[basename(path).toLowerCase()];
    if (manifestKind !== undefined) {
      listing.manifests.push({ path, absolutePath, kind: manifestKind });
      return;
    }
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
    const relativePath = root === null ? basename(absolutePath) : relative(root, absolutePath).split(sep).join('/');
    listing.files.push({ path, relativePath, absolutePath, size: info.size });
  }
  for (const input of inputs) {
    let root: string | null = null;
    try {
      if ((await stat(input)).isDirectory()) root = resolve(input);
    } catch {
      // reported by visit()
    }
    if (root !== null) listing.roots.push(root);
    await visit(input, root);
  }
  return listing;
}
