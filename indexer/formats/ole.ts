// OLE directory: the names of the streams in an OLE compound file (Word 97–2003 .doc, WPS,
// .xls, and password-protected .docx, which Office wraps in an OLE file), read without any
// library so the adapters can say what an OLE file is before handing it to a reader.
//
// Invariants: reads only the header, the FAT sectors it names and the directory chain; every
// offset is checked against the buffer, and the directory chain is bounded (a loop in a corrupt
// FAT cannot hang it). Returns null when the header or the chain is damaged.

/** One stream or storage of an OLE file. */
export interface OleEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  /** First sector of the stream (in the FAT, or in the mini stream when size < 4096). */
  start: number;
  size: number;
}

export interface OleDirectory {
  entries: OleEntry[];
  sectorSize: number;
  /** Byte offset of a regular sector in the file. */
  sectorOffset(sector: number): number;
  /** The sector after `sector` in its chain (from the FAT); null when the FAT cannot say. */
  nextSector(sector: number): number | null;
}

const MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const HEADER_FAT_SLOTS = 109;
const ENTRY_SIZE = 128;
/** More directory sectors than this means a corrupt chain; real files have a handful. */
const MAX_DIRECTORY_SECTORS = 10_000;

/** The directory of an OLE compound file, or null when `bytes` is not one or its header is damaged. */
export function readOleDirectory(bytes: Uint8Array): OleDirectory | null {
  if (bytes.length < 512 || !MAGIC.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorOffset = (sector: number): number => (sector + 1) * sectorSize;
  const inFile = (sector: number): boolean => sectorOffset(sector) + sectorSize <= bytes.length;

  // The FAT sectors listed in the header (enough for files up to ~7 MB with 512-byte sectors; the
  // directory of larger files almost always lies in that range too, and a miss only returns null).
  const fatSectors: number[] = [];
  const fatCount = view.getUint32(0x2c, true);
  for (let i = 0; i < Math.min(fatCount, HEADER_FAT_SLOTS); i++) fatSectors.push(view.getUint32(0x4c + 4 * i, true));
  const next = (sector: number): number | null => {
    const perSector = sectorSize / 4;
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || !inFile(fatSector)) return null;
    return view.getUint32(sectorOffset(fatSector) + 4 * (sector % perSector), true);
  };

  const entries: OleEntry[] = [];
  let sector: number | null = view.getUint32(0x30, true);
  for (let seen = 0; sector !== END_OF_CHAIN; seen++) {
    if (sector === null || seen >= MAX_DIRECTORY_SECTORS || !inFile(sector)) return null;
    for (let at = sectorOffset(sector); at < sectorOffset(sector) + sectorSize; at += ENTRY_SIZE) {
      const type = view.getUint8(at + 0x42);
      if (type === 0) continue; // unused slot
      const nameBytes = Math.min(view.getUint16(at + 0x40, true), 64);
      const name = Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.max(nameBytes - 2, 0)).toString('utf16le');
      entries.push({ name, type, start: view.getUint32(at + 0x74, true), size: view.getUint32(at + 0x78, true) });
    }
    sector = next(sector);
  }
  return entries.some((e) => e.type === 5) ? { entries, sectorSize, sectorOffset, nextSector: next } : null;
}
