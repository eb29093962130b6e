/**
 * Public access audit (SPEC L8, O4). Events are queued and written in batches off the response path: a public
 * request never waits for its audit row. The queue is flushed on graceful shutdown (Lifecycle.onClose), so no
 * record is lost, and before the owner's link list is read, so counts there are never behind this process.
 */
import type { RouteDeps } from '../routes/deps.js';
import type { AuditEvent } from '../store/types.js';

const FLUSH_DELAY_MS = 200;
const FLUSH_AT = 500;
/** A database that stays down must not grow the queue without bound. */
const MAX_QUEUED = 50_000;
export const USER_AGENT_MAX = 256;

export class AuditWriter {
  #queue: AuditEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(private readonly deps: Pick<RouteDeps, 'store' | 'logger'>) {}

  record(event: AuditEvent): void {
    if (this.#queue.length >= MAX_QUEUED) {
      this.deps.logger.error('audit queue full; dropping the oldest event', { linkId: this.#queue[0]?.linkId });
      this.#queue.shift();
    }
    this.#queue.push({ ...event, userAgent: event.userAgent.slice(0, USER_AGENT_MAX) });
    if (this.#closed || this.#queue.length >= FLUSH_AT) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS).unref();
  }

  /** Writes everything queued so far; resolves when it is in the database. Flushes run one after another. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(() => this.#writeBatch());
    return this.#flushing;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  async #writeBatch(): Promise<void> {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    try {
      await this.deps.store.appendAudit(batch);
    } catch (err) {
      // Put the batch back in front so the next flush retries it in order.
      this.deps.logger.error('audit write failed; will retry', { err, events: batch.length });
      this.#queue = batch.concat(this.#queue).slice(-MAX_QUEUED);
      if (!this.#closed) this.#timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS * 5).unref();
    }
  }
}

const writers = new WeakMap<object, AuditWriter>();

/** One writer per app (keyed by its lifecycle), closed with it. */
export function auditWriterFor(deps: Pick<RouteDeps, 'store' | 'logger' | 'lifecycle'>): AuditWriter {
  let writer = writers.get(deps.lifecycle);
  if (!writer) {
    const created = new AuditWriter(deps);
    writer = created;
    writers.set(deps.lifecycle, created);
    deps.lifecycle.onClose(() => created.close());
  }
  return writer;
}
