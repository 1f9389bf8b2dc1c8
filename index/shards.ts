// Which Meilisearch instance (shard) holds a report. Every report and all its documents (sections,
// report, file record) live on exactly one shard, so counts summed over shards are exact. The rule
// is a pure function of the report id and the number of shards, the same on every machine and run:
// FNV-1a (32 bit) of the id's UTF-8 bytes, modulo the number of shards. Changing the number of
// shards therefore moves most reports (README "Changing the number of shards").

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The shard (0-based) that holds the report: FNV-1a 32 of its id's UTF-8 bytes mod `shardCount`. */
export function shardOf(reportId: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`shardCount must be a positive integer, got ${shardCount}`);
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(reportId, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash % shardCount;
}

/** A shard's address as users may see it: the URL without credentials, query or trailing slash. */
export function shardLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid address)';
  }
}
