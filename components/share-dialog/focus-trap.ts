import type { ReactiveController, ReactiveControllerHost } from 'lit';

const TABBABLE = 'a[href], button, input, select, textarea, [tabindex]';

/**
 * Keeps Tab and Shift+Tab inside a modal container. A native modal `<dialog>` already makes the page behind it inert,
 * but Tab from its last control still leaves for the browser's own UI; this wraps it back to the first control, as
 * the WAI-ARIA dialog pattern asks.
 */
export class FocusTrapController implements ReactiveController {
  #container: () => HTMLElement | null | undefined;

  constructor(host: ReactiveControllerHost, container: () => HTMLElement | null | undefined) {
    this.#container = container;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The controls Tab visits, in order. */
  tabbables(): HTMLElement[] {
    const container = this.#container();
    if (!container) return [];
    return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
      (el) =>
        el.tabIndex >= 0 &&
        !(el as HTMLButtonElement).disabled &&
        !el.closest('[hidden], [inert]') &&
        (typeof el.checkVisibility !== 'function' ||
          el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)),
    );
  }

  /** Call from the container's keydown handler. */
  handleKeydown(event: KeyboardEvent, active: Element | null): void {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this.tabbables();
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items.at(-1)!;
    const index = active ? items.indexOf(active as HTMLElement) : -1;
    if (event.shiftKey && index <= 0) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (index === -1 || index === items.length - 1)) {
      event.preventDefault();
      first.focus();
    }
  }
}
