export interface AtlasOpenDetail {
  readonly dashboardId: string;
  readonly title: string;
}

/** A user asked to open a dashboard (card title or the More menu's Open). The host decides how to navigate. */
export class AtlasOpenEvent extends Event {
  static readonly eventName = 'atlas-open';
  readonly detail: AtlasOpenDetail;
  constructor(detail: AtlasOpenDetail) {
    super(AtlasOpenEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-open': AtlasOpenEvent;
  }
}
