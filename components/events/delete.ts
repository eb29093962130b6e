export interface AtlasDeleteDetail {
  readonly dashboardId: string;
  readonly title: string;
}

/** A dashboard was deleted on the server after the owner confirmed; lists drop it. */
export class AtlasDeleteEvent extends Event {
  static readonly eventName = 'atlas-delete';
  readonly detail: AtlasDeleteDetail;
  constructor(detail: AtlasDeleteDetail) {
    super(AtlasDeleteEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-delete': AtlasDeleteEvent;
  }
}
