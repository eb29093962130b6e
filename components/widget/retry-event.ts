/** Fired when the user asks a failed widget to try again (the element reloads itself when it has a `loader`). */
export class AtlasWidgetRetryEvent extends Event {
  readonly detail: { readonly widgetId: string | undefined };
  constructor(widgetId: string | undefined) {
    super('atlas-widget-retry', { bubbles: true, composed: true });
    this.detail = { widgetId };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-widget-retry': AtlasWidgetRetryEvent;
  }
}
