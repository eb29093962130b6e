import { emit } from '../internal/emit.js';
import type { ExportPolicyBody } from '../api/contract.js';
import type { DashboardRole, FilterValues } from '../internal/types.js';
import type { ErrorSlot } from './sharing-model.js';
import type { ProjectAccessRole } from './types.js';

/** A change the user asked for in one of the share dialog's panels. */
export type ShareIntent =
  | { kind: 'add-user'; user: string; role: DashboardRole }
  | { kind: 'change-role'; username: string; role: DashboardRole }
  | { kind: 'remove-user'; username: string }
  | { kind: 'project-access'; enabled: boolean; role: ProjectAccessRole }
  | { kind: 'organization-access'; enabled: boolean }
  | { kind: 'create-link'; label: string; lockedFilters: FilterValues }
  | { kind: 'revoke-link'; linkId: string }
  | { kind: 'pause-link'; linkId: string; paused: boolean }
  | { kind: 'link-expiry'; linkId: string; expiresAt: string | null }
  | { kind: 'passcode'; linkId: string; enabled: boolean | 'regenerate' }
  | { kind: 'locked-filters'; linkId: string; lockedFilters: FilterValues }
  | { kind: 'embedding'; linkId: string; frameAncestors: string[] | null }
  | { kind: 'rotate-link'; linkId: string; graceSeconds: number }
  | { kind: 'link-sessions'; linkId: string }
  | { kind: 'end-session'; linkId: string; sessionId: string }
  | { kind: 'link-widgets'; linkId: string; widgetIds: string[] | null }
  | { kind: 'link-pause-on-change'; linkId: string; pauseOnChange: boolean }
  | { kind: 'confirm-link'; linkId: string }
  | { kind: 'export-policy'; linkId: string; exportPolicy: ExportPolicyBody }
  | { kind: 'dismiss-error'; slot: ErrorSlot };

/** How a change ended, once the server answered and the dialog shows the result. */
export type IntentOutcome = { ok: true; linkId?: string } | { ok: false; message: string };

/**
 * A panel of `<atlas-share-dialog>` asks for a change. The dialog handles it (it calls the API and updates what the
 * panels show) and answers through `respondWith`; the panel awaits `outcome` to move focus or close an editor.
 */
export class AtlasShareIntentEvent extends Event {
  static readonly eventName = 'atlas-share-intent';
  readonly detail: ShareIntent;
  /** Settles once a listener has responded, when the change is done (or failed). */
  readonly outcome: Promise<IntentOutcome>;
  #resolve!: (outcome: IntentOutcome | Promise<IntentOutcome>) => void;
  #responded = false;

  constructor(detail: ShareIntent) {
    super(AtlasShareIntentEvent.eventName, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
    this.outcome = new Promise((resolve) => (this.#resolve = resolve));
  }

  get responded(): boolean {
    return this.#responded;
  }

  /** Answers the intent; only the first answer counts. */
  respondWith(outcome: IntentOutcome | Promise<IntentOutcome>): void {
    if (this.#responded) return;
    this.#responded = true;
    this.#resolve(outcome);
  }
}

/** Sends an intent from a panel and resolves with its outcome (refused when no share dialog is around to take it). */
export function requestChange(from: HTMLElement, intent: ShareIntent): Promise<IntentOutcome> {
  const event = new AtlasShareIntentEvent(intent);
  emit(from, event);
  event.respondWith({ ok: false, message: 'This control only works inside <atlas-share-dialog>.' });
  return event.outcome;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atlas-share-intent': AtlasShareIntentEvent;
  }
}
