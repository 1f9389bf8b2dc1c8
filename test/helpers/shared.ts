// The real reports beside the checkout (../shared), present on developers' machines and in CI.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths.js';

export const SHARED = join(PROJECT_ROOT, '..', 'shared');
export const SHARED_SEEDS = join(SHARED, 'seeds');
export const SHARED_REAL = join(SHARED, 'corpus', 'real');

/** The real report files (.txt and .html) of the given ../shared folders, sorted; none when a folder is missing. */
export function sharedReportFiles(dirs: readonly string[] = [SHARED_SEEDS, SHARED_REAL]): string[] {
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith('.txt') || name.endsWith('.html'))
          .sort()
          .map((name) => join(dir, name))
      : [],
  );
}
