/**
 * Widget queries on a SQLite file run in worker threads, each with its own read-only connection (WAL lets them read
 * while the main connection writes). better-sqlite3 is synchronous: on the main thread a slow query would stall every
 * other request, /healthz and cached answers included, and it cannot be interrupted. Here the main thread stays free,
 * two queries can run at once on two cores, and a query past its time limit is answered with 503 `query_timeout` at
 * once: its worker is terminated and replaced (the SQLite step in progress finishes inside the dying thread, since
 * better-sqlite3 offers no interrupt; its result is discarded).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { queryTimeout, serverBusy } from '../../errors.js';
import type { CompiledSql } from '../types.js';

const require = createRequire(import.meta.url);

/** The worker, as CommonJS source: no build step or loader can get in its way, from the source tree or from dist. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 500) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(params) });
  } catch (err) {
    parentPort.postMessage({ id, error: { message: String(err && err.message), code: err && err.code } });
  }
});
`;

interface Pending {
  resolve(rows: Record<string, unknown>[]): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout | undefined;
}

class QueryWorker {
  readonly worker: Worker;

  failPending(err: Error): void {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(err);
      this.pending.delete(id);
    }
  }

  readonly pending = new Map<number, Pending>();
  /** Answered at least once: a worker that dies before that (a broken file) is not replaced in a tight loop. */
  served = false;
  /**
   * Resolves once the thread has opened the database. A query's time limit starts then, not when it was handed to a
   * fresh worker: booting a thread (after a stuck one was retired) is not the query's time, and on a busy machine it
   * alone can take longer than a short limit.
   */
  readonly ready: Promise<void>;
  #markReady!: () => void;

  constructor(file: string, onExit: (self: QueryWorker) => void) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3') },
    });
    this.worker.unref();
    this.ready = new Promise((resolve) => (this.#markReady = resolve));
    this.worker.on(
      'message',
      (message: {
        id: number;
        ready?: true;
        rows?: Record<string, unknown>[];
        error?: { message: string; code?: string };
      }) => {
        if (message.ready) return this.#markReady();
        const entry = this.pending.get(message.id);
        if (!entry) return;
        this.pending.delete(message.id);
        this.served = true;
        clearTimeout(entry.timer);
        if (message.error) entry.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
        else entry.resolve(message.rows ?? []);
      },
    );
    const failAll = (err: Error) => {
      this.failPending(err);
      onExit(this);
    };
    this.worker.on('error', failAll);
    // Queries queued behind a terminated one did not fail on their own: a retryable 503, like a full queue.
    this.worker.on('exit', () => failAll(serverBusy()));
  }
}

export interface QueryWorkerPool {
  run(query: CompiledSql): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export function createQueryWorkerPool(file: string, size: number, timeoutMs: number): QueryWorkerPool {
  let closed = false;
  let nextId = 0;
  let turn = 0;
  const workers: QueryWorker[] = [];
  const replace = (dead: QueryWorker) => {
    const index = workers.indexOf(dead);
    if (index < 0 || closed) return;
    if (dead.served) {
      workers[index] = new QueryWorker(file, replace);
      return;
    }
    // Died before answering anything: try again a second later rather than spinning.
    setTimeout(() => {
      if (!closed && workers[index] === dead) workers[index] = new QueryWorker(file, replace);
    }, 1000).unref();
  };
  for (let i = 0; i < size; i++) workers.push(new QueryWorker(file, replace));

  /**
   * Takes a worker stuck in a query out of service at once: a fresh one takes its place (the stuck thread exits when
   * its SQLite step returns, which termination cannot cut short), and what was queued on it is refused as busy.
   */
  const retire = (stuck: QueryWorker) => {
    const index = workers.indexOf(stuck);
    if (index >= 0 && !closed) workers[index] = new QueryWorker(file, replace);
    stuck.failPending(serverBusy());
    void stuck.worker.terminate();
  };

  /** The least busy worker (ties in turn): one slow query does not hold up the next in line. */
  const pick = () => {
    turn = (turn + 1) % workers.length;
    let best = workers[turn]!;
    for (const w of workers) if (w.pending.size < best.pending.size) best = w;
    return best;
  };

  return {
    run(query) {
      if (closed) return Promise.reject(new Error('the store is closed'));
      const target = pick();
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const entry: Pending = { resolve, reject, timer: undefined };
        // Pending from now (a worker that dies while booting fails it); the clock runs once the worker is ready.
        target.pending.set(id, entry);
        void target.ready.then(() => {
          if (!target.pending.has(id)) return;
          entry.timer = setTimeout(() => {
            target.pending.delete(id);
            reject(queryTimeout());
            retire(target);
          }, timeoutMs);
          target.worker.postMessage({ id, sql: query.sql, params: query.params });
        });
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
