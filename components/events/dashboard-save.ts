export interface AtlasDashboardSaveDetail {
  readonly dashboardId: string;
  readonly title: string;
}

/** Edit mode was saved: the title and widget changes reached the server. */
export class AtlasDashboardSaveEvent extends Event {
  static readonly eventName = 'atlas-dashboard-save';
  readonly detail: AtlasDashboardSaveDetail;
  constructor(detail: AtlasDashboardSaveDetail) {
    super(AtlasDashboardSaveEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-dashboard-save': AtlasDashboardSaveEvent;
  }
}
