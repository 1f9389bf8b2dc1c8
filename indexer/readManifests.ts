// The edge for sidecar manifests: reads each manifest an index run found, parses it (manifest.ts),
// checks that every file it names exists, and answers "what does a manifest say about this file?".
// A manifest describes files in its folder and below; where two manifests describe one file, the one
// in the deeper folder wins (it was written closer to the file).
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { ListedManifest } from './listFiles.js';
import { parseManifest } from './manifest.js';
import type { ManifestProvenance } from './provenance.js';

/** A manifest in the run's summary: how many rows it gave and what is wrong with it. */
export interface ManifestSummary {
  /** As given (the user's own terminal). */
  path: string;
  rows: number;
  warnings: string[];
}

export interface ManifestLookup {
  /** What the manifests say about the file at this absolute path; null when none names it. */
  provenanceOf(absolutePath: string): ManifestProvenance | null;
  summaries: ManifestSummary[];
}

export interface ManifestIo {
  readBytes?: (absolutePath: string) => Promise<Uint8Array>;
  isFile?: (absolutePath: string) => Promise<boolean>;
}

export async function readManifests(manifests: readonly ListedManifest[], io: ManifestIo = {}): Promise<ManifestLookup> {
  const readBytes = io.readBytes ?? ((path: string) => readFile(path));
  const isFile = io.isFile ?? (async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false);
  const byFile = new Map<string, ManifestProvenance>();
  const summaries = manifests.map((manifest): ManifestSummary => ({ path: manifest.path, rows: 0, warnings: [] }));
  // Shallow folders first, so that a deeper manifest's row replaces a shallower one's.
  const order = manifests.map((_, i) => i).sort((a, b) => depth(manifests[a]!.absolutePath) - depth(manifests[b]!.absolutePath) || a - b);
  for (const i of order) {
    const manifest = manifests[i]!;
    const summary = summaries[i]!;
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(manifest.absolutePath);
    } catch (error) {
      summary.warnings.push(`cannot read the manifest: ${(error as NodeJS.ErrnoException).code ?? String(error)} (check its permissions)`);
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      summary.warnings.push('the manifest is not UTF-8; save it as UTF-8 (nothing was read from it)');
      continue;
    }
    const parsed = parseManifest(text, manifest.kind);
    summary.warnings.push(...parsed.warnings);
    const folder = dirname(manifest.absolutePath);
    for (const { line, file, ...provenance } of parsed.rows) {
      const absolutePath = join(folder, ...file.split('/'));
      if (!(await isFile(absolutePath))) {
        summary.warnings.push(`line ${line}: ${file} does not exist (no file ${join(dirname(manifest.path), file)})`);
        continue;
      }
      byFile.set(absolutePath, provenance);
      summary.rows++;
    }
  }
  return { provenanceOf: (absolutePath) => byFile.get(absolutePath) ?? null, summaries };
}

function depth(path: string): number {
  return path.split(sep).length;
}
