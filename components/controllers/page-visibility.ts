import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tells its owner when the page is hidden or shown again (another tab, a minimised window, a screen saver), while
 * the host is connected. Timers use it to pause: no point hitting the server for a page nobody sees.
 */
export class PageVisibilityController implements ReactiveController {
  #onChange: (visible: boolean) => void;

  constructor(host: ReactiveControllerHost, onChange: (visible: boolean) => void) {
    this.#onChange = onChange;
    host.addController(this);
  }

  /** Whether the page can be seen now. */
  get visible(): boolean {
    return document.visibilityState !== 'hidden';
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#changed);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#changed);
  }

  #changed = () => this.#onChange(this.visible);
}
