/** What the owner changed in the share dialog. */
export type AtlasShareChangeKind =
  | 'user-added'
  | 'user-role'
  | 'user-removed'
  | 'project-access'
  | 'organization-access'
  | 'link-created'
  | 'link-revoked'
  | 'link-paused'
  | 'link-resumed'
  | 'link-expiry'
  | 'passcode'
  | 'locked-filters'
  | 'link-embedding'
  | 'link-rotated'
  | 'session-ended'
  | 'link-widgets'
  | 'link-pause-on-change'
  | 'link-confirmed'
  | 'link-export-policy';

export interface AtlasShareChangeDetail {
  readonly dashboardId: string;
  readonly kind: AtlasShareChangeKind;
  /** The user concerned (user-added, user-role, user-removed). */
  readonly username?: string;
  /**
   * The public link concerned (link-created, link-revoked, link-paused, link-resumed, link-expiry, passcode,
   * locked-filters, link-embedding, link-rotated, session-ended, link-widgets, link-pause-on-change,
   * link-confirmed, link-export-policy).
   */
  readonly linkId?: string;
}

/**
 * Sharing of a dashboard changed on the server after a user action in `<atlas-share-dialog>`. Hosts refresh their own
 * UI (permission icons, "Public" badges) from it; never fired for programmatic changes.
 */
export class AtlasShareChangeEvent extends Event {
  static readonly eventName = 'atlas-share-change';
  readonly detail: AtlasShareChangeDetail;
  constructor(detail: AtlasShareChangeDetail) {
    super(AtlasShareChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-share-change': AtlasShareChangeEvent;
  }
}
