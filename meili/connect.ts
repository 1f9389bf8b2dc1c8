import { connectExternal } from './connectExternal.js';
import { connectManaged } from './connectManaged.js';
import type { ConnectOptions, MeiliConnection } from './types.js';

export type { ConnectOptions, MeiliConnection } from './types.js';
export { ensureSearchKey } from './ensureSearchKey.js';
export { stopOnSignals } from './stopOnSignals.js';
export { DataDirError, MeiliAuthError, MeiliUnreachableError, SearchKeyRequiredError } from './errors.js';

/**
 * The Meilisearch this command should talk to. With MEILI_HOST (options.host): that server, checked and
 * never started. Otherwise the one managed in <dataDir>/meili: reused if another nianbao process runs
 * it, else started and owned by this process until close().
 */
export async function connectMeili(options: ConnectOptions): Promise<MeiliConnection> {
  const log = options.log ?? (() => {});
  if (options.host !== undefined && options.host !== '') {
    return connectExternal(options.host, options.apiKey ?? '', log);
  }
  if (options.apiKey !== undefined && options.apiKey !== '') {
    log('MEILI_API_KEY is set without MEILI_HOST: it is ignored, and the Meilisearch managed in DATA_DIR is used.');
  }
  return connectManaged(options, log);
}
