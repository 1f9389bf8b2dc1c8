// The alias list in force for organ keys: the shipped core/corpus/organAliases.json extended by the
// user's file (ORGAN_ALIASES_FILE, same shape; mergeOrganAliases says who wins), the fingerprint the
// index keeps of it (a run whose list differs re-keys the reports, organRekey.ts), and a report's
// organKey under it. A user's file that cannot be read, is not JSON, or gives a conflicting or
// cyclic list stops the run with an OrganAliasError naming the file and the entry to fix.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createOrganKeyer,
  mergeOrganAliases,
  OrganAliasError,
  parseOrganAliases,
  type OrganAlias,
  type SourcedOrganAlias,
} from '../core/corpus/organKey.js';
import { projectPath } from '../config/paths.js';
import { organKey as divisionKey } from './organ.js';

export const SHIPPED_ORGAN_ALIASES = projectPath('core', 'corpus', 'organAliases.json');

// Part of the fingerprint: change it when the way a name becomes a key changes (organKey.ts,
// organ.ts), so that every index is re-keyed once by its next run without reading a file again.
// 2: an organ alias's names are keyed as a body's are (division data included).
// 3: a place renamed since the division data keys as the division it became (密云县 → 北京市密云区), and
//    a two-character county is no longer read inside a longer unknown name (云县 in 密云县).
// 4: a development zone the division data does not list keys below the place it is named after, its stem
//    written out (成都高新区 → 四川省成都市高新区), and its 管委会 is its government; a district the data
//    lacks after known places keys under them (重庆市双桥区, not 河北省承德市双桥区).
const KEYING_RULE = 4;

/** What the indexer needs of the alias list: the key of a report's body and the list's fingerprint. */
export interface OrganKeying {
  /** sha256 (hex) of the keying rule and the entries that decide keys (kind, from, to, in order). */
  fingerprint: string;
  /** A report's organKey: `province|key`, the province keeping apart names that are ambiguous on
   *  their own (朝阳区 in Beijing and Changchun); null without an organ. */
  reportOrganKey(organ: string | null, province: string | null): string | null;
}

export interface OrganAliasesInForce extends OrganKeying {
  entries: SourcedOrganAlias[];
  /** The user's file as configured; null when there is none. */
  userFile: string | null;
}

/** The shipped list extended by `userFile` (null: the shipped list alone). */
export function organAliasesInForce(userFile: string | null): OrganAliasesInForce {
  const shipped = parseOrganAliases(readJson(SHIPPED_ORGAN_ALIASES, 'the shipped list is part of nianbao: reinstall it'));
  const user = userFile === null ? [] : readJson(userFile, 'fix the file or ORGAN_ALIASES_FILE, or unset it');
  const entries = inFile(userFile, () => mergeOrganAliases(shipped, userFile === null ? [] : parseOrganAliases(user)));
  const keyer = inFile(userFile, () => createOrganKeyer({ aliases: entries, placeKey: divisionKey }));
  return {
    entries,
    userFile,
    fingerprint: organAliasFingerprint(entries),
    reportOrganKey: (organ, province) => (organ ? `${province ?? ''}|${keyer(organ).key}` : null),
  };
}

/** The fingerprint of a list: the same entries in the same order (notes and years aside) give the same. */
export function organAliasFingerprint(entries: readonly OrganAlias[]): string {
  const canonical = JSON.stringify([KEYING_RULE, entries.map((a) => [a.kind, a.from, a.to])]);
  return createHash('sha256').update(canonical).digest('hex');
}

let shippedOnly: OrganAliasesInForce | undefined;
/** The shipped list alone, read once: the default of runs and documents not given a list. */
export function shippedOrganAliases(): OrganAliasesInForce {
  shippedOnly ??= organAliasesInForce(null);
  return shippedOnly;
}

function readJson(path: string, advice: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new OrganAliasError(`${path}: cannot be read (${code}); ${advice}`, null, 'user');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OrganAliasError(`${path}: not JSON (${(error as Error).message}); ${advice}`, null, 'user');
  }
}

/** Runs `work`, naming the user's file in an OrganAliasError about it. */
function inFile<T>(userFile: string | null, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof OrganAliasError) || userFile === null || error.message.startsWith(userFile)) throw error;
    const advice = 'fix that entry, or unset ORGAN_ALIASES_FILE to use the shipped list alone';
    throw new OrganAliasError(`${userFile}: ${error.message}; ${advice}`, error.entry, error.source ?? 'user');
  }
}
