// The passage index on disk: one file, a JSON header (version, fingerprint, the report records and
// each array's type and length) then the typed arrays' bytes, written aside and renamed so that a
// reader never sees half a file (a run killed while writing leaves the previous snapshot).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PassageIndexSnapshot } from '../core/corpus/passageIndex.js';

const MAGIC = 'nianbao-passages 1\n';

type ArrayName =
  | 'keys'
  | 'signatures'
  | 'clusters'
  | 'firstOccurrence'
  | 'patterns'
  | 'exactNext'
  | 'bandNext'
  | 'occurrenceReport'
  | 'occurrenceNext';
const ARRAYS: Record<ArrayName, 'Float64Array' | 'Uint16Array' | 'Int32Array' | 'Uint8Array'> = {
  keys: 'Float64Array',
  signatures: 'Uint16Array',
  clusters: 'Int32Array',
  firstOccurrence: 'Int32Array',
  patterns: 'Uint8Array',
  exactNext: 'Int32Array',
  bandNext: 'Int32Array',
  occurrenceReport: 'Int32Array',
  occurrenceNext: 'Int32Array',
};
const TABLES = ['exactTable', 'bandTable'] as const;

interface Header {
  version: number;
  fingerprint: string;
  reports: PassageIndexSnapshot['reports'];
  /** name → element count, in the order the bytes follow (arrays, then each table's keys and values). */
  lengths: Array<[string, number]>;
}

export async function writePassageSnapshot(path: string, snapshot: PassageIndexSnapshot): Promise<void> {
  const parts: Array<[string, ArrayBufferView & { length: number }]> = [];
  for (const name of Object.keys(ARRAYS) as ArrayName[]) parts.push([name, snapshot[name]]);
  for (const table of TABLES) parts.push([`${table}.keys`, snapshot[table].keys], [`${table}.values`, snapshot[table].values]);
  const reports = snapshot.reports.map((r) => ({ ...r, passageIds: [...r.passageIds], passageChars: [...r.passageChars] }));
  const header: Header = {
    version: snapshot.version,
    fingerprint: snapshot.fingerprint,
    reports: reports as unknown as Header['reports'],
    lengths: parts.map(([name, array]) => [name, array.length]),
  };
  const head = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  // Each array starts at a multiple of 8 bytes, so it can be viewed in place when read.
  const chunks: Buffer[] = [length, head];
  let offset = 4 + head.length;
  for (const [, array] of parts) {
    const pad = (8 - (offset % 8)) % 8;
    if (pad > 0) chunks.push(Buffer.alloc(pad));
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    chunks.push(bytes);
    offset += pad + bytes.length;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, chunks);
  await rename(`${path}.tmp`, path);
}

/** The snapshot at `path`, or null when there is none; throws on a file that is not one. */
export async function readPassageSnapshot(path: string): Promise<PassageIndexSnapshot | null> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const headLength = file.readUInt32LE(0);
  const headText = file.subarray(4, 4 + headLength).toString('utf8');
  if (!headText.startsWith(MAGIC)) throw new Error(`${path} is not a passage index: delete it and index again`);
  const header = JSON.parse(headText.slice(MAGIC.length)) as Header;
  const arrays = new Map<string, ArrayBufferView>();
  let offset = 4 + headLength;
  // A copy of the bytes, aligned: a Buffer from readFile may sit at any offset of a shared pool.
  const aligned = new Uint8Array(file.length + 8);
  const base = (8 - (aligned.byteOffset % 8)) % 8;
  aligned.set(file, base);
  for (const [name, count] of header.lengths) {
    offset += (8 - (offset % 8)) % 8;
    const type = name.endsWith('.keys') || name.endsWith('.values') ? 'Int32Array' : ARRAYS[name as ArrayName];
    const Type = { Float64Array, Uint16Array, Int32Array, Uint8Array }[type];
    const view = new Type(aligned.buffer, aligned.byteOffset + base + offset, count);
    arrays.set(name, view);
    offset += view.byteLength;
  }
  const get = <T>(name: string): T => arrays.get(name) as T;
  return {
    version: header.version,
    fingerprint: header.fingerprint,
    keys: get('keys'),
    signatures: get('signatures'),
    clusters: get('clusters'),
    firstOccurrence: get('firstOccurrence'),
    patterns: get('patterns'),
    exactNext: get('exactNext'),
    bandNext: get('bandNext'),
    exactTable: { keys: get('exactTable.keys'), values: get('exactTable.values') },
    bandTable: { keys: get('bandTable.keys'), values: get('bandTable.values') },
    occurrenceReport: get('occurrenceReport'),
    occurrenceNext: get('occurrenceNext'),
    reports: header.reports.map((r) => ({
      ...r,
      passageIds: Int32Array.from(r.passageIds),
      passageChars: Uint32Array.from(r.passageChars),
    })),
  };
}
