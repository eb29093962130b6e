export type PublicViewerStatus = 'idle' | 'loading' | 'passcode' | 'ready' | 'offline' | 'unavailable' | 'error';

export interface AtlasPublicStatusDetail {
  /** What the public viewer shows now. */
  readonly status: PublicViewerStatus;
  /** True while the data on screen is the last known because the server cannot be reached (SPEC V4). */
  readonly stale: boolean;
}

/**
 * The public viewer's state changed: a host page (a wall display, a customer site) can react to a revoked link or a
 * lost server without reading the viewer's shadow DOM.
 */
export class AtlasPublicStatusEvent extends Event {
  static readonly eventName = 'atlas-public-status';
  readonly detail: AtlasPublicStatusDetail;
  constructor(detail: AtlasPublicStatusDetail) {
    super(AtlasPublicStatusEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-public-status': AtlasPublicStatusEvent;
  }
}
