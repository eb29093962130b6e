import type { Config } from '../config.js';
import type { Lifecycle } from '../lifecycle.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { QueryGate } from '../services/query-gate.js';
import type { WidgetResults } from '../services/widget-results.js';
import type { ExportLimits } from '../services/export-limits.js';

/** What every route module receives from createApp. */
export interface RouteDeps {
  store: Store;
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  now: () => Date;
  /** Built once per app (createApp): kept, coalesced widget results under the query gate. */
  widgetResults: WidgetResults;
  /** XLSX exports under their own gate. */
  exportGate: QueryGate;
  /** Public-link exports per link and per client address. */
  exportLimits: ExportLimits;
}
