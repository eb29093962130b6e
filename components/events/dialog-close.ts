/**
 * An `<atlas-dialog>` has closed: after a close request nobody canceled, or `hide()`. It neither bubbles nor leaves
 * the shadow root the dialog is in, so the element that owns the dialog hears it and its own host page does not.
 */
export class AtlasDialogCloseEvent extends Event {
  static readonly eventName = 'atlas-dialog-close';
  constructor() {
    super(AtlasDialogCloseEvent.eventName, { bubbles: false, composed: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-dialog-close': AtlasDialogCloseEvent;
  }
}
