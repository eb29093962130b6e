/**
 * Load shedding for expensive work (widget queries, XLSX exports): at most `concurrency` run at once, at most `queue`
 * wait, and anything beyond is answered at once with 503 `server_busy` and Retry-After instead of holding a connection
 * for tens of seconds. Requests that are cheap (health, cached results, layouts) never pass through a gate.
 *
 * Fairness (issue 18): one client's burst must not fill the queue and leave every other client with 503s. Work that
 * names its client (the public widget path passes the client address) is also capped per client: past `perClient`
 * running or waiting, that client alone gets 429 `too_many_queries` at once, and the rest of the queue stays open to
 * others. And waiting work is started round-robin across clients, not first come first served: a client whose one
 * query arrives behind another client's eight waits for one of theirs, not for all eight. The per-client counts and
 * lanes exist only while work is in flight, so they are bounded by concurrency + queue.
 */
import { AppError, BUSY_RETRY_AFTER_SECONDS, serverBusy } from '../errors.js';

export interface GateStats {
  running: number;
  waiting: number;
  shed: number;
  /** Refused because their client already had `perClient` running or waiting. */
  shedPerClient: number;
}

/** The lane of work that names no client (exports, signed-in queries): one more client in the rotation. */
const UNNAMED = Symbol('unnamed');
type Lane = string | typeof UNNAMED;

export class QueryGate {
  #running = 0;
  #waiting = 0;
  /** Waiting work per client, in the order lanes take turns (a Map iterates in insertion order). */
  readonly #lanes = new Map<Lane, (() => void)[]>();
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
    this.#what = what;
  }

  run<T>(work: () => Promise<T>, client?: string): Promise<T> {
    const held = client === undefined ? 0 : (this.#inFlight.get(client) ?? 0);
    if (this.perClient > 0 && client !== undefined && held >= this.perClient) {
      this.#shedPerClient++;
      return Promise.reject(tooManyQueries(this.#what));
    }
    if (this.#running + this.#waiting >= this.concurrency + this.queue) {
      this.#shed++;
      return Promise.reject(serverBusy(this.#what));
    }
    if (client !== undefined) this.#inFlight.set(client, held + 1);
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#running++;
        // Started on a later tick: a synchronous throw becomes a rejection.
        Promise.resolve()
          .then(work)
          .then(resolve, reject)
          .finally(() => {
            this.#running--;
            if (client !== undefined) {
              const left = (this.#inFlight.get(client) ?? 1) - 1;
              if (left > 0) this.#inFlight.set(client, left);
              else this.#inFlight.delete(client);
            }
            this.#next();
          });
      };
      if (this.#running < this.concurrency) return start();
      const lane: Lane = client ?? UNNAMED;
      const waiting = this.#lanes.get(lane);
      if (waiting) waiting.push(start);
      else this.#lanes.set(lane, [start]);
      this.#waiting++;
    });
  }

  /** Starts the first waiting work of the lane whose turn it is; that lane then goes to the back of the rotation. */
  #next(): void {
    const turn = this.#lanes.entries().next();
    if (turn.done) return;
    const [lane, waiting] = turn.value;
    const start = waiting.shift()!;
    this.#lanes.delete(lane);
    if (waiting.length > 0) this.#lanes.set(lane, waiting);
    this.#waiting--;
    start();
  }

  get stats(): GateStats {
    return {
      running: this.#running,
      waiting: this.#waiting,
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
