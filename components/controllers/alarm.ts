import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PageVisibilityController } from './page-visibility.js';

/** setTimeout holds at most 2^31 - 1 ms (about 24.8 days); a longer wait is taken in steps. */
const LONGEST_TIMEOUT_MS = 2_000_000_000;

/**
 * Rings once at a set time (the next refresh or retry, the end of a session or of a lockout) while the host is
 * connected and the page can be seen. A ring due while the page is hidden or the host disconnected waits for the page
 * to show or the host to come back, then comes at once: no request for a screen nobody sees, and no missed one.
 */
export class AlarmController implements ReactiveController {
  #onRing: () => void;
  #visibility: PageVisibilityController;
  #at = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #connected = false;

  constructor(host: ReactiveControllerHost, onRing: () => void) {
    this.#onRing = onRing;
    host.addController(this);
    this.#visibility = new PageVisibilityController(host, () => this.#arm());
  }

  /** When it rings, in ms since the epoch; 0 when it is off (or has rung). */
  get at(): number {
    return this.#at;
  }

  /** Rings at `at` (ms since the epoch) instead of any earlier setting; 0 or NaN turns it off. */
  set(at: number): void {
    this.#at = at > 0 ? at : 0;
    this.#arm();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#arm();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#arm();
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#connected || !this.#at || !this.#visibility.visible) return;
    const left = this.#at - Date.now();
    this.#timer = setTimeout(
      () => (left > LONGEST_TIMEOUT_MS ? this.#arm() : this.#ring()),
      Math.min(Math.max(0, left), LONGEST_TIMEOUT_MS),
    );
  }

  #ring(): void {
    this.#timer = undefined;
    this.#at = 0;
    this.#onRing();
  }
}
