import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AlarmController } from '../controllers/alarm.js';
import { Backoff } from './backoff.js';

export interface RetryOptions {
  /** Called when a retry is due. */
  onRetry: () => void;
  /** The delays (exponential, capped, jittered); injectable for tests. */
  backoff?: Backoff;
}

/**
 * Retries after a failure by itself, so a wall screen recovers without anyone touching it (SPEC V4): each retry
 * waits longer (see `Backoff`) and never comes before the Retry-After the server asked for. While one is set, the
 * host updates every second (for its "Retrying in N s"). Retries pause while the page is hidden and, when it shows
 * again, come at once if overdue (see `AlarmController`). Everything stops when the host is disconnected.
 */
export class RetryController implements ReactiveController {
  #host: ReactiveControllerHost;
  #backoff: Backoff;
  #alarm: AlarmController;
  #ticker?: ReturnType<typeof setInterval>;

  constructor(host: ReactiveControllerHost, { onRetry, backoff = new Backoff() }: RetryOptions) {
    this.#host = host;
    this.#backoff = backoff;
    host.addController(this);
    this.#alarm = new AlarmController(host, onRetry);
  }

  /**
   * Sets the next retry after one more failure: the backoff's next delay, at least `atLeastMs` (the server's
   * Retry-After). Replaces any pending retry. Returns when it is due.
   */
  schedule(atLeastMs = 0): number {
    this.cancel();
    const at = Date.now() + this.#backoff.next(atLeastMs);
    this.#alarm.set(at);
    // Runs on after the retry is made, until `cancel()`: the host's "Retrying…" stays current while it is in flight.
    this.#ticker = setInterval(() => this.#host.requestUpdate(), 1000);
    return at;
  }

  /** Drops the pending retry, if any (the failures counted so far still count). */
  cancel(): void {
    this.#alarm.set(0);
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  /** After a success: no retry pending, and the next failure starts again from the shortest delay. */
  reset(): void {
    this.cancel();
    this.#backoff.reset();
  }

  hostDisconnected(): void {
    this.cancel();
  }
}
