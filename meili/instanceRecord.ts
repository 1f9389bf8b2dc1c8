import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { readOptionalFile } from './readOptionalFile.js';

/** <dataDir>/meili/instance.json: which process serves this DATA_DIR, written by its owner once it is healthy. */
export interface InstanceRecord {
  pid: number;
  host: string;
}

/** The record, or null when there is none or it cannot be read as one (a torn or foreign file is stale). */
export async function readInstanceRecord(file: string): Promise<InstanceRecord | null> {
  const text = await readOptionalFile(file);
  return text === null ? null : parseInstanceRecord(text);
}

export function parseInstanceRecord(text: string): InstanceRecord | null {
  try {
    const value = JSON.parse(text) as { pid?: unknown; host?: unknown };
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    if (typeof value.host !== 'string' || !/^https?:\/\//.test(value.host)) return null;
    return { pid: value.pid, host: value.host };
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a reader never sees half a record. */
export async function writeInstanceRecord(file: string, record: InstanceRecord): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await fs.writeFile(temporary, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
}

/**
 * Removes the record if it still names `pid` (or, with no pid, whatever it names). Synchronous because
 * it also runs in a process 'exit' handler.
 */
export function removeInstanceRecord(file: string, pid?: number): void {
  try {
    if (pid !== undefined) {
      const record = parseInstanceRecord(readFileSync(file, 'utf8'));
      if (record !== null && record.pid !== pid) return;
    }
    rmSync(file, { force: true });
  } catch {
    // Already gone, or DATA_DIR vanished: nothing left to clean.
  }
}
