// What every route module is built from.
import type { ReportSearch } from '../../search/port.js';
import type { Logger } from '../logger.js';
import type { Views } from '../views.js';

export interface RouteDeps {
  search: ReportSearch;
  views: Views;
  logger: Logger;
  now: () => Date;
  /** The most occurrences a concordance page reads (sorting by context needs them all in memory). */
  concordanceLimit: number;
}
