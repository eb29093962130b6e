/**
 * Load shedding for expensive work (widget queries, XLSX exports): at most `concurrency` run at once, at most `queue`
 * wait, and anything beyond is answered at once with 503 `server_busy` and Retry-After instead of holding a connection
 * for tens of seconds. Requests that are cheap (health, cached results, layouts) never pass through a gate.
 *
 * Fairness (issue 18): one client's burst must not fill the queue and leave every other client with 503s. Work that
 * names its client (the public widget path passes the client address) is also capped per client: past `perClient`
 * running or waiting, that client alone gets 429 `too_many_queries` at once, and the rest of the queue stays open to
 * others. The per-client counts exist only while work is in flight, so they are bounded by concurrency + queue.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { AppError, BUSY_RETRY_AFTER_SECONDS, serverBusy } from '../errors.js';

export interface GateStats {
  running: number;
  waiting: number;
  shed: number;
  /** Refused because their client already had `perClient` running or waiting. */
  shedPerClient: number;
}

export class QueryGate {
  readonly #limit: LimitFunction;
  #shed = 0;
  #shedPerClient = 0;
  readonly #inFlight = new Map<string, number>();

  readonly #what: string;

  constructor(
    readonly concurrency: number,
    readonly queue: number,
    what = 'queries',
    /** Work of one client running or waiting at once; 0: no per-client cap. */
    readonly perClient = 0,
  ) {
    this.#limit = pLimit(concurrency);
    this.#what = what;
  }

  run<T>(work: () => Promise<T>, client?: string): Promise<T> {
    const held = client === undefined ? 0 : (this.#inFlight.get(client) ?? 0);
    if (this.perClient > 0 && client !== undefined && held >= this.perClient) {
      this.#shedPerClient++;
      return Promise.reject(tooManyQueries(this.#what));
    }
    if (this.#limit.activeCount + this.#limit.pendingCount >= this.concurrency + this.queue) {
      this.#shed++;
      return Promise.reject(serverBusy(this.#what));
    }
    if (client === undefined) return this.#limit(work);
    this.#inFlight.set(client, held + 1);
    return this.#limit(work).finally(() => {
      const left = (this.#inFlight.get(client) ?? 1) - 1;
      if (left > 0) this.#inFlight.set(client, left);
      else this.#inFlight.delete(client);
    });
  }

  get stats(): GateStats {
    return {
      running: this.#limit.activeCount,
      waiting: this.#limit.pendingCount,
      shed: this.#shed,
      shedPerClient: this.#shedPerClient,
    };
  }
}

/** One client has too much waiting: its own 429, so it is clear the server is fine for everyone else. */
const tooManyQueries = (what: string) =>
  new AppError(
    429,
    'too_many_queries',
    `Too many of your ${what} are already waiting. Try again in a moment.`,
    { retryAfter: BUSY_RETRY_AFTER_SECONDS },
    { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
  );
