export interface AtlasRequestCloseDetail {
  /** What asked to close: the close button, the Escape key or a click on the backdrop. */
  readonly source: 'close-button' | 'keyboard' | 'backdrop';
}

/**
 * A dialog is about to close because of a user action. Cancel it (`event.preventDefault()`) to keep the dialog open,
 * e.g. while the host has unsaved work of its own.
 */
export class AtlasRequestCloseEvent extends Event {
  static readonly eventName = 'atlas-request-close';
  readonly detail: AtlasRequestCloseDetail;
  constructor(detail: AtlasRequestCloseDetail) {
    super(AtlasRequestCloseEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-request-close': AtlasRequestCloseEvent;
  }
}
