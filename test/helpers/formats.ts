// What the format adapters' tests share: the committed fixtures, and the ExtractError a refused file gives.
import { readFileSync } from 'node:fs';
import { ExtractError } from '../../indexer/formats/types.js';

const FORMATS = new URL('../../fixtures/formats/', import.meta.url);

/** A file of fixtures/formats/ (a path below it, e.g. 'pdf/anji-2012-narrow.pdf'). */
export const formatFixture = (name: string): Buffer => readFileSync(new URL(name, FORMATS));

/** The ExtractError the promise rejects with; fails the test if it resolves or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<ExtractError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  throw new Error('expected an ExtractError');
}
