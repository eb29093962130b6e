export interface AtlasShareDetail {
  readonly dashboardId: string;
  readonly title: string;
}

/**
 * The owner chose Share. Fired before an `<atlas-share-dialog>` (when one is registered) opens, so a host without the
 * dialog can open its own sharing UI.
 */
export class AtlasShareEvent extends Event {
  static readonly eventName = 'atlas-share';
  readonly detail: AtlasShareDetail;
  constructor(detail: AtlasShareDetail) {
    super(AtlasShareEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-share': AtlasShareEvent;
  }
}
