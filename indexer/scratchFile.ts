// A scratch file only this process sees, for what an index run would otherwise hold in memory
// (waitingReports.ts, twinRegistry.ts). It is unlinked as soon as it is opened: the descriptor keeps
// it readable and writable, and the system frees its space when the process ends, however it ends,
// so a crashed run leaves nothing behind.
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Opens a new, already unlinked file in `folder` (made if missing) and returns its descriptor.
 * `what` names the file in the error, e.g. "the file for reports waiting for their sections".
 */
export function openScratchFile(folder: string, what: string): number {
  let made: string;
  try {
    mkdirSync(folder, { recursive: true });
    made = mkdtempSync(join(folder, '.nianbao-scratch-'));
  } catch (error) {
    throw new Error(`cannot make ${what} in ${folder} (${String(error)}); make that folder writable or set DATA_DIR to one that is`);
  }
  try {
    const path = join(made, 'scratch');
    const descriptor = openSync(path, 'w+');
    rmSync(path);
    return descriptor;
  } finally {
    rmSync(made, { recursive: true, force: true });
  }
}
