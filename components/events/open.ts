export interface AtlasOpenDetail {
  readonly dashboardId: string;
  readonly title: string;
  /** True for a dashboard just created from the list's New dashboard: open it in edit mode (`dashboard.edit()`). */
  readonly edit?: boolean;
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
