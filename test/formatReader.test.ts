// The format worker: limits, and what a failure leaves behind. Runs the built worker (npm test builds first).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../config/paths.js';
import { createFormatReader, DEFAULT_FORMAT_READER_OPTIONS } from '../indexer/formatReader.js';
import { ExtractError } from '../indexer/formats/types.js';

const pdf = (): Buffer => readFileSync(projectPath('fixtures', 'formats', 'pdf', 'anji-2012-narrow.pdf'));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExtractError) return error.code;
    throw error;
  }
  return 'read';
}

describe('the format reader', () => {
  it('leaves the caller’s bytes untouched (it sends the worker a copy)', async () => {
    const reader = createFormatReader();
    try {
      const bytes = pdf();
      const before = Buffer.from(bytes);
      await reader.read('pdf', bytes, 'a.pdf');
      expect(bytes.equals(before)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('skips a file that needs more memory than the heap limit as too-large, then reads the next one', async () => {
    const reader = createFormatReader({ ...DEFAULT_FORMAT_READER_OPTIONS, maxHeapMb: 4 });
    try {
      expect(await codeOf(reader.read('pdf', pdf(), 'big.pdf'))).toBe('too-large');
    } finally {
      await reader.close();
    }
    const next = createFormatReader();
    try {
      expect((await next.read('pdf', pdf(), 'a.pdf')).pages).toBe(5);
    } finally {
      await next.close();
    }
  });

  it('skips a file that takes longer than the limit as timeout and starts a new worker for the next', async () => {
    const reader = createFormatReader({ ...DEFAULT_FORMAT_READER_OPTIONS, timeoutMs: 1 });
    try {
      expect(await codeOf(reader.read('pdf', pdf(), 'slow.pdf'))).toBe('timeout');
    } finally {
      await reader.close();
    }
  });

  it('names the file in an adapter’s refusal', async () => {
    const reader = createFormatReader();
    try {
      await expect(reader.read('pdf', Buffer.from('%PDF-1.4 truncated'), 'cut.pdf')).rejects.toThrow(/^cut\.pdf: /);
    } finally {
      await reader.close();
    }
  });
});
