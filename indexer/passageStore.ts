// The passage index on disk: one file, a JSON header (version, fingerprint, each report's scalar
// fields and each array's type and length) then the typed arrays' bytes, written aside and renamed
// so that a reader never sees half a file (a run killed while writing leaves the previous snapshot).
// The reports' passage lists are two concatenated arrays with offsets, not JSON: a run writes the
// snapshot every minute, and at 1M sections the lists are millions of numbers (format 1 wrote them
// as JSON, a transient string and boxed arrays of that size in the indexer's heap; still read).
// Format 3 leaves out the lookup chains, which the index rebuilds from the keys and signatures
// (formats 1 and 2 wrote them and two hash tables; still read, those arrays skipped). Format 4 keeps
// 8 bits of each MinHash value instead of 16. The index
// gives each array as its pages; they are written end to end and read back as one array.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type PassageIndexSnapshot, partsLength } from '../core/corpus/passageIndex.js';

const MAGIC = 'nianbao-passages 4\n';
const OLDER_MAGICS = ['nianbao-passages 3\n', 'nianbao-passages 2\n', 'nianbao-passages 1\n'];

type ArrayName =
  | 'keys'
  | 'signatures'
  | 'clusters'
  | 'firstOccurrence'
  | 'patterns'
  | 'occurrenceReport'
  | 'occurrenceNext'
  | 'reportPassageIds'
  | 'reportPassageChars'
  | 'reportOffsets';
const ARRAYS: Record<ArrayName, 'Float64Array' | 'Uint16Array' | 'Int32Array' | 'Uint8Array' | 'Uint32Array'> = {
  keys: 'Float64Array',
  // 8-bit MinHash values (format 4); formats 1–3 held 16 bits (SIGNATURES_BEFORE_4), read to learn
  // their fingerprint, which the index then refuses (IncompatibleSnapshotError: the reports are keyed again).
  signatures: 'Uint8Array',
  clusters: 'Int32Array',
  firstOccurrence: 'Int32Array',
  patterns: 'Uint8Array',
  occurrenceReport: 'Int32Array',
  occurrenceNext: 'Int32Array',
  // Every report's passageIds and passageChars in report order; report i's are [offsets[i], offsets[i+1]).
  reportPassageIds: 'Int32Array',
  reportPassageChars: 'Uint32Array',
  reportOffsets: 'Uint32Array',
};
const TYPES = { Float64Array, Uint16Array, Int32Array, Uint8Array, Uint32Array };
const SIGNATURES_BEFORE_4 = 'Uint16Array';
// Arrays formats 1 and 2 wrote that are no longer read (all Int32Array): skipped by their length.
const SKIPPED = new Set(['exactNext', 'bandNext', 'exactTable.keys', 'exactTable.values', 'bandTable.keys', 'bandTable.values']);

type ArrayPart = ArrayBufferView & { length: number };
type ReportFields = Omit<PassageIndexSnapshot['reports'][number], 'passageIds' | 'passageChars'>;

/** A passage index file that cannot be read; the message names it and says what to do. */
export class PassageSnapshotError extends Error {
  override readonly name = 'PassageSnapshotError';
}

interface Header {
  version: number;
  fingerprint: string;
  /** Formats 2 and 3: without the passage lists (in the arrays); format 1: with them as JSON arrays. */
  reports: Array<ReportFields & { passageIds?: number[]; passageChars?: number[] }>;
  /** name → element count, in the order the bytes follow. */
  lengths: Array<[string, number]>;
}

export async function writePassageSnapshot(path: string, snapshot: PassageIndexSnapshot): Promise<void> {
  const lists = concatenatedLists(snapshot.reports);
  const arrays: Record<ArrayName, readonly ArrayPart[]> = {
    ...snapshot,
    reportPassageIds: [lists.reportPassageIds],
    reportPassageChars: [lists.reportPassageChars],
    reportOffsets: [lists.reportOffsets],
  };
  const parts: Array<[string, readonly ArrayPart[]]> = [];
  for (const name of Object.keys(ARRAYS) as ArrayName[]) parts.push([name, arrays[name]]);
  const header: Header = {
    version: snapshot.version,
    fingerprint: snapshot.fingerprint,
    reports: snapshot.reports.map(({ passageIds: _ids, passageChars: _chars, ...fields }) => fields),
    lengths: parts.map(([name, array]) => [name, partsLength(array)]),
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
    offset += pad;
    for (const part of array) {
      const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      chunks.push(bytes);
      offset += bytes.length;
    }
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
  const magic = [MAGIC, ...OLDER_MAGICS].find((m) => headText.startsWith(m));
  if (magic === undefined) throw new PassageSnapshotError(`${path} is not a passage index: delete it and index again`);
  const header = JSON.parse(headText.slice(magic.length)) as Header;
  const arrays = new Map<string, ArrayBufferView>();
  let offset = 4 + headLength;
  // A copy of the bytes, aligned: a Buffer from readFile may sit at any offset of a shared pool.
  const aligned = new Uint8Array(file.length + 8);
  const base = (8 - (aligned.byteOffset % 8)) % 8;
  aligned.set(file, base);
  for (const [name, count] of header.lengths) {
    offset += (8 - (offset % 8)) % 8;
    const type = SKIPPED.has(name)
      ? 'Int32Array'
      : name === 'signatures' && magic !== MAGIC
        ? SIGNATURES_BEFORE_4
        : ARRAYS[name as ArrayName];
    if (type === undefined)
      throw new PassageSnapshotError(`${path} holds an array this version does not know (${name}): delete it and index again`);
    if (offset + count * TYPES[type].BYTES_PER_ELEMENT > file.length) {
      throw new PassageSnapshotError(`${path} is cut short (a damaged disk or copy): delete it and index again`);
    }
    const view = new TYPES[type](aligned.buffer, aligned.byteOffset + base + offset, count);
    if (!SKIPPED.has(name)) arrays.set(name, view);
    offset += view.byteLength;
  }
  const get = <T>(name: string): T => arrays.get(name) as T;
  const one = <T extends ArrayBufferView>(name: string): T[] => [get<T>(name)];
  const ids = get<Int32Array | undefined>('reportPassageIds');
  const chars = get<Uint32Array | undefined>('reportPassageChars');
  const offsets = get<Uint32Array | undefined>('reportOffsets');
  return {
    version: header.version,
    fingerprint: header.fingerprint,
    keys: one('keys'),
    signatures: one('signatures'),
    clusters: one('clusters'),
    firstOccurrence: one('firstOccurrence'),
    patterns: one('patterns'),
    occurrenceReport: one('occurrenceReport'),
    occurrenceNext: one('occurrenceNext'),
    reports: header.reports.map(({ passageIds, passageChars, ...fields }, i) =>
      ids && chars && offsets
        ? { ...fields, passageIds: ids.subarray(offsets[i], offsets[i + 1]), passageChars: chars.subarray(offsets[i], offsets[i + 1]) }
        : { ...fields, passageIds: Int32Array.from(passageIds ?? []), passageChars: Uint32Array.from(passageChars ?? []) },
    ),
  };
}

/** The reports' passage lists end to end, with report i's at [reportOffsets[i], reportOffsets[i + 1]). */
function concatenatedLists(reports: PassageIndexSnapshot['reports']): {
  reportPassageIds: Int32Array;
  reportPassageChars: Uint32Array;
  reportOffsets: Uint32Array;
} {
  const reportOffsets = new Uint32Array(reports.length + 1);
  reports.forEach((report, i) => {
    reportOffsets[i + 1] = reportOffsets[i]! + report.passageIds.length;
  });
  const total = reportOffsets[reports.length]!;
  const reportPassageIds = new Int32Array(total);
  const reportPassageChars = new Uint32Array(total);
  reports.forEach((report, i) => {
    reportPassageIds.set(report.passageIds, reportOffsets[i]);
    reportPassageChars.set(report.passageChars, reportOffsets[i]);
  });
  return { reportPassageIds, reportPassageChars, reportOffsets };
}
