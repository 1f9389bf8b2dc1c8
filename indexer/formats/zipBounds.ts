// Zip bounds: opens a zip container (DOCX, OFD) only after its central directory shows it cannot
// be a zip bomb, and reads its entries without ever inflating more than the directory declared.
// The only module that imports yauzl.
//
// Order of decisions: the entry count in the end-of-directory record; then each entry's declared
// size and compression ratio, as the directory is read (nothing is inflated yet); then the total.
// Reading an entry inflates it with yauzl's size validation, so an entry that lies about its size
// fails at the declared size instead of filling memory. A bomb is refused in milliseconds.
import yauzl from 'yauzl';
import { ExtractError } from './types.js';

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  maxEntries: number;
  /** An entry this many times larger than its compressed size is refused… */
  maxRatio: number;
  /** …when it is also larger than this (small files of repeated spaces compress well and are harmless). */
  ratioFloorBytes: number;
}

export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioFloorBytes: 50 * 1024 * 1024,
});

/** A zip whose central directory passed the limits. */
export interface BoundedZip {
  /** Entry names in directory order (folders included, ending in "/"). */
  names: readonly string[];
  /** Declared uncompressed bytes of all entries. */
  totalBytes: number;
  /** Inflates one entry; null when there is no such entry. */
  read(name: string): Promise<Buffer | null>;
  /** Inflates every entry and discards the bytes: proves the declared sizes true before another library inflates them. */
  verifySizes(): Promise<void>;
}

/**
 * Opens `bytes` as a zip within `limits`. `label` names the format in messages ("DOCX", "OFD").
 * Throws ExtractError 'too-large' beyond the limits, 'malformed' when the zip structure is damaged,
 * 'encrypted' when the zip's entries are password-protected.
 */
export async function openBoundedZip(bytes: Uint8Array, label: string, limits: Readonly<ZipLimits> = ZIP_LIMITS): Promise<BoundedZip> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    throw damaged(label, error);
  }
  if (zip.entryCount > limits.maxEntries) {
    throw new ExtractError(
      'too-large',
      `the ${label} holds ${zip.entryCount} files (more than ${limits.maxEntries}): refused as a possible zip bomb`,
    );
  }
  const entries = await readDirectory(zip, label, limits);
  let totalBytes = 0;
  for (const entry of entries.values()) totalBytes += entry.uncompressedSize;

  const read = async (entry: yauzl.Entry, keep: boolean): Promise<Buffer> => {
    if (entry.isEncrypted()) throw new ExtractError('encrypted', `the ${label} is password-protected (its zip entries are encrypted)`);
    const chunks: Buffer[] = [];
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) if (keep) chunks.push(chunk as Buffer);
    } catch (error) {
      // validateEntrySizes stops an entry that inflates past its declared size: a disguised bomb.
      const overflow = error instanceof Error && /too many bytes/i.test(error.message);
      if (overflow)
        throw new ExtractError(
          'too-large',
          `${entry.fileName} in the ${label} inflates beyond its declared size: refused as a possible zip bomb`,
          { cause: error },
        );
      throw damaged(label, error);
    }
    return Buffer.concat(chunks);
  };

  return {
    names: [...entries.keys()],
    totalBytes,
    read: async (name) => {
      const entry = entries.get(name);
      return entry === undefined ? null : read(entry, true);
    },
    verifySizes: async () => {
      for (const entry of entries.values()) if (!entry.fileName.endsWith('/')) await read(entry, false);
    },
  };
}

function damaged(label: string, error: unknown): ExtractError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ExtractError(
    'malformed',
    `the ${label} is damaged (its zip structure cannot be read: ${reason}); the file is probably truncated`,
    { cause: error },
  );
}

/** Reads the central directory entry by entry, refusing as soon as a limit is passed. */
function readDirectory(zip: yauzl.ZipFile, label: string, limits: Readonly<ZipLimits>): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    const fail = (error: Error): void => {
      zip.close();
      reject(error);
    };
    zip.on('error', (error: unknown) => fail(damaged(label, error)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      const size = entry.uncompressedSize;
      total += size;
      const ratio = size / Math.max(entry.compressedSize, 1);
      if (ratio > limits.maxRatio && size > limits.ratioFloorBytes) {
        return fail(
          new ExtractError(
            'too-large',
            `${entry.fileName} in the ${label} would inflate ${Math.round(ratio)}:1 to ${megabytes(size)}: refused as a possible zip bomb`,
          ),
        );
      }
      if (total > limits.maxTotalBytes) {
        return fail(
          new ExtractError(
            'too-large',
            `the ${label} would inflate to more than ${megabytes(limits.maxTotalBytes)}: refused as a possible zip bomb`,
          ),
        );
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
