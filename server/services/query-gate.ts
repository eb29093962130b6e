/**
 * Load shedding for expensive work (widget queries, XLSX exports): at most `concurrency` run at once, at most `queue`
 * wait, and anything beyond is answered at once with 503 `server_busy` and Retry-After instead of holding a connection
 * for tens of seconds. Requests that are cheap (health, cached results, layouts) never pass through a gate.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { serverBusy } from '../errors.js';

export interface GateStats {
  running: number;
  waiting: number;
  shed: number;
}

export class QueryGate {
  readonly #limit: LimitFunction;
  #shed = 0;

  readonly #what: string;

  constructor(
    readonly concurrency: number,
    readonly queue: number,
    what = 'queries',
  ) {
    this.#limit = pLimit(concurrency);
    this.#what = what;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#limit.activeCount + this.#limit.pendingCount >= this.concurrency + this.queue) {
      this.#shed++;
      return Promise.reject(serverBusy(this.#what));
    }
    return this.#limit(work);
  }

  get stats(): GateStats {
    return { running: this.#limit.activeCount, waiting: this.#limit.pendingCount, shed: this.#shed };
  }
}
