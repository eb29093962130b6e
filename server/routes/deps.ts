import type { Config } from '../config.js';
import type { Lifecycle } from '../lifecycle.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';

/** What every route module receives from createApp. */
export interface RouteDeps {
  store: Store;
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  now: () => Date;
}
