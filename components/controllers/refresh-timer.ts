import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RefreshTimerOptions {
  /** Seconds between refreshes; 0 or less turns the timer off. Read again after every tick. */
  interval: () => number;
  onTick: () => void;
}

/**
 * Calls `onTick` every `interval()` seconds while the host is connected. It pauses while the page is hidden (no
 * point hitting the server for a tab nobody sees) and, on coming back, refreshes at once if a tick was missed.
 */
export class RefreshTimerController implements ReactiveController {
  #host: ReactiveControllerHost;
  #options: RefreshTimerOptions;
  #timer?: ReturnType<typeof setTimeout>;
  #dueAt = 0;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: RefreshTimerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.restart();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#clear();
  }

  /** Starts a fresh interval from now (after a manual refresh or an interval change). */
  restart(): void {
    this.#clear();
    const seconds = this.#options.interval();
    if (!this.#connected || !(seconds > 0)) return;
    this.#dueAt = Date.now() + seconds * 1000;
    if (document.visibilityState !== 'hidden') this.#schedule(seconds * 1000);
  }

  get paused(): boolean {
    return document.visibilityState === 'hidden';
  }

  #schedule(ms: number) {
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, ms));
  }

  #tick() {
    this.#timer = undefined;
    this.#options.onTick();
    this.#host.requestUpdate();
    this.restart();
  }

  #clear() {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #onVisibility = () => {
    if (!this.#connected || !(this.#options.interval() > 0)) return;
    if (document.visibilityState === 'hidden') {
      this.#clear();
    } else if (this.#timer === undefined) {
      if (Date.now() >= this.#dueAt) this.#tick();
      else this.#schedule(this.#dueAt - Date.now());
    }
  };
}
