import path from 'node:path';

/** Where the managed Meilisearch keeps its files, all inside one folder (<dataDir>/meili). */
export interface MeiliPaths {
  dir: string;
  dbPath: string;
  dumpDir: string;
  snapshotDir: string;
  logFile: string;
  masterKeyFile: string;
  instanceFile: string;
  /** Where the binary is copied when the one in node_modules cannot be made executable. */
  binDir: string;
}

/** The folder of DATA_DIR the managed Meilisearch owns. */
export const MEILI_FOLDER = 'meili';

/** The managed Meilisearch's files under a DATA_DIR, without creating anything (prepareMeiliDir creates the folder). */
export function managedMeiliPaths(dataDir: string): MeiliPaths {
  return meiliPaths(path.join(dataDir, MEILI_FOLDER));
}

export function meiliPaths(meiliDir: string): MeiliPaths {
  const dir = path.resolve(meiliDir);
  return {
    dir,
    dbPath: path.join(dir, 'data.ms'),
    dumpDir: path.join(dir, 'dumps'),
    snapshotDir: path.join(dir, 'snapshots'),
    logFile: path.join(dir, 'meili.log'),
    masterKeyFile: path.join(dir, 'master-key'),
    instanceFile: path.join(dir, 'instance.json'),
    binDir: path.join(dir, 'bin'),
  };
}
