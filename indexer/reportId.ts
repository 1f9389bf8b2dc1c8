// Stable ids: a report's id comes from its absolute path, so indexing the same file again replaces
// it and two files never collide. Meilisearch ids allow only A-Z a-z 0-9 - _ .
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';

export function reportIdOf(absolutePath: string): string {
  const name = basename(absolutePath, extname(absolutePath));
  const slug =
    name
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'report';
  const digest = createHash('sha256').update(absolutePath).digest('hex').slice(0, 12);
  return `${slug}-${digest}`;
}

export function contentHashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
