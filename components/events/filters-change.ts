import type { FilterValues } from '../internal/types.js';

export interface AtlasFiltersChangeDetail {
  readonly dashboardId: string;
  /** The session's global filter values (never saved to the server). */
  readonly filters: Readonly<FilterValues>;
}

/** The user changed a global filter of a dashboard. Fired on user action only. */
export class AtlasFiltersChangeEvent extends Event {
  static readonly eventName = 'atlas-filters-change';
  readonly detail: AtlasFiltersChangeDetail;
  constructor(detail: AtlasFiltersChangeDetail) {
    super(AtlasFiltersChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail, filters: Object.freeze({ ...detail.filters }) });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-filters-change': AtlasFiltersChangeEvent;
  }
}
