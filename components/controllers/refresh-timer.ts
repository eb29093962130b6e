import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AlarmController } from './alarm.js';

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
  #alarm: AlarmController;

  constructor(host: ReactiveControllerHost, options: RefreshTimerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.#alarm = new AlarmController(host, () => this.#tick());
  }

  hostConnected(): void {
    this.restart();
  }

  /** Starts a fresh interval from now (after a manual refresh or an interval change). */
  restart(): void {
    const seconds = this.#options.interval();
    this.#alarm.set(seconds > 0 ? Date.now() + seconds * 1000 : 0);
  }

  #tick() {
    this.#options.onTick();
    this.#host.requestUpdate();
    this.restart();
  }
}
