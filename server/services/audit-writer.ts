/**
 * Public access audit (SPEC L8, O4), durable: a public response is sent only after its audit row is committed, so
 * killing the process at any moment loses no row of a response a client received. Rows are written by group commit:
 * every request that reaches its answer in the same turn of the event loop joins one batch, written in one
 * transaction right after (setImmediate), while the next batch gathers behind it. Under load a batch holds many rows
 * and the cost per request stays a fraction of one commit; alone, a request waits for one small insert.
 *
 * If the database refuses the rows, the waiting requests fail (503 audit_unavailable) rather than answer unrecorded.
 */
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AuditEvent, Store } from '../store/types.js';

export const USER_AGENT_MAX = 256;

interface Queued {
  event: AuditEvent;
  resolve(): void;
  reject(err: Error): void;
}

const auditUnavailable = () =>
  new AppError(503, 'audit_unavailable', 'This link cannot be served right now. Try again in a moment.', undefined, {
    'Retry-After': '2',
  });

export class AuditWriter {
  #queue: Queued[] = [];
  #scheduled = false;
  #writing: Promise<void> = Promise.resolve();

  readonly #deps: { store: Pick<Store, 'appendAudit'>; logger: Logger };

  /** One per app, built by createApp, which closes it (flushing the queue) when its lifecycle closes. */
  constructor(deps: { store: Pick<Store, 'appendAudit'>; logger: Logger }) {
    this.#deps = deps;
  }

  /** Resolves once `event` is committed to the database (with the others of its batch). */
  commit(event: AuditEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ event: { ...event, userAgent: event.userAgent.slice(0, USER_AGENT_MAX) }, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Writes everything queued so far; resolves when it is in the database. Batches are written one after another. */
  flush(): Promise<void> {
    this.#scheduled = false;
    this.#writing = this.#writing.then(() => this.#writeBatch());
    return this.#writing;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  async #writeBatch(): Promise<void> {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    try {
      await this.#deps.store.appendAudit(batch.map((q) => q.event));
      for (const q of batch) q.resolve();
    } catch (err) {
      this.#deps.logger.error('audit write failed; the requests of this batch are refused', {
        err,
        events: batch.length,
      });
      for (const q of batch) q.reject(auditUnavailable());
    }
  }
}
