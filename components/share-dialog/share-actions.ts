/**
 * What each change the panels ask for means on the server: which endpoint the share dialog calls, which controls wait
 * meanwhile, where a failure is shown, which transition of the model the answer feeds and which `atlas-share-change`
 * tells the host page. The share dialog runs these plans; the panels never call the API.
 */
import type { AtlasApiClient } from '../api/client.js';
import {
  changeShareRole,
  confirmLinkChanges,
  createLink,
  regenerateLinkPasscode,
  removeShare,
  revokeLink,
  setLinkPasscode,
  setLinkPaused,
  setOrganizationAccess,
  setProjectAccess,
  shareDashboard,
  updateLink,
} from '../api/endpoints.js';
import type { CreateLinkBody } from '../api/contract.js';
import type { AtlasShareChangeKind } from '../events/share-change.js';
import type { ShareIntent } from './intent.js';
import { linkChangesConfirmed, linkWidgetsSaved, pauseOnChangeSaved } from './link-guard.model.js';
import { compactLockedFilters } from './locked-filters.js';
import { endLinkSession, listLinkSessions, rotateLink } from '../api/link-lifecycle-endpoints.js';
import { linkRotated, sessionEnded, sessionsEndedBy, sessionsLoaded } from './link-lifecycle.model.js';
import {
  addUserProblem,
  embeddingSaved,
  exportPolicySaved,
  linkCreated,
  linkExpiryChanged,
  linkPauseChanged,
  linkRevoked,
  lockedFiltersSaved,
  organizationAccessChanged,
  organizationName,
  passcodeChanged,
  projectAccessChanged,
  projectName,
  userAdded,
  userRemoved,
  userRoleChanged,
  type BusyKey,
  type ErrorSlot,
  type ShareState,
  type Transition,
} from './sharing-model.js';

/** What the host page is told after a change (`atlas-share-change`, without the dashboard id). */
export interface ChangeNotice {
  kind: AtlasShareChangeKind;
  username?: string;
  linkId?: string;
}

/** The server's answer, ready for the model. */
export interface ActionResult {
  next: Transition;
  /** Absent for a read that changed nothing (loading a link's sessions). */
  change?: ChangeNotice;
}

export interface ActionPlan {
  busy: BusyKey;
  /**
   * Where a failure is shown, with the sentence around the server's message. Undefined: only the panel that asked
   * hears it (the embedding editor shows it beside its field).
   */
  failure?: { slot: ErrorSlot; sentence: (message: string) => string };
  /** A reason to refuse before asking the server. */
  refusal?: string;
  run(api: AtlasApiClient, dashboardId: string): Promise<ActionResult>;
}

type ChangeIntent = Exclude<ShareIntent, { kind: 'dismiss-error' }>;

const nameOf = (state: ShareState, username: string) =>
  state.data.sharing?.users.find((u) => u.username === username)?.name ?? username;

export function planFor(intent: ChangeIntent, state: ShareState): ActionPlan {
  switch (intent.kind) {
    case 'add-user':
      return {
        busy: 'add-user',
        failure: { slot: 'user', sentence: (m) => m },
        refusal: addUserProblem(state.data, intent.user),
        async run(api, id) {
          const answer = await shareDashboard(api, { id }, { username: intent.user.trim(), role: intent.role });
          return { next: userAdded(answer), change: { kind: 'user-added', username: answer.share.username } };
        },
      };
    case 'change-role': {
      const name = nameOf(state, intent.username);
      return {
        busy: `user:${intent.username}`,
        failure: { slot: 'people', sentence: (m) => `Could not change ${name}'s role: ${m}` },
        async run(api, id) {
          const answer = await changeShareRole(api, { id, username: intent.username }, { role: intent.role });
          return { next: userRoleChanged(answer), change: { kind: 'user-role', username: intent.username } };
        },
      };
    }
    case 'remove-user': {
      const name = nameOf(state, intent.username);
      return {
        busy: `user:${intent.username}`,
        failure: { slot: 'people', sentence: (m) => `Could not remove ${name}: ${m}` },
        async run(api, id) {
          await removeShare(api, { id, username: intent.username });
          return { next: userRemoved(intent.username), change: { kind: 'user-removed', username: intent.username } };
        },
      };
    }
    case 'project-access': {
      const name = projectName(state.data);
      return {
        busy: 'project',
        failure: { slot: 'general', sentence: (m) => `Could not change access for everyone in ${name}: ${m}` },
        async run(api, id) {
          const answer = await setProjectAccess(api, { id }, { enabled: intent.enabled, role: intent.role });
          return { next: projectAccessChanged(answer), change: { kind: 'project-access' } };
        },
      };
    }
    case 'organization-access': {
      const name = organizationName(state.data);
      return {
        busy: 'organization',
        failure: { slot: 'general', sentence: (m) => `Could not change access for everyone in ${name}: ${m}` },
        async run(api, id) {
          const answer = await setOrganizationAccess(api, { id }, { enabled: intent.enabled });
          return { next: organizationAccessChanged(answer), change: { kind: 'organization-access' } };
        },
      };
    }
    case 'create-link':
      return {
        busy: 'create-link',
        failure: { slot: 'links', sentence: (m) => `Could not generate a public link: ${m}` },
        async run(api, id) {
          const body: CreateLinkBody = {};
          const locked = compactLockedFilters(intent.lockedFilters);
          if (intent.label.trim()) body.label = intent.label.trim();
          if (Object.keys(locked).length) body.lockedFilters = locked;
          const { link } = await createLink(api, { id }, body);
          return { next: linkCreated(link), change: { kind: 'link-created', linkId: link.id } };
        },
      };
    case 'revoke-link':
      return linkPlan(intent.linkId, 'revoke this link', async (api, params) => {
        await revokeLink(api, params);
        return { next: linkRevoked(intent.linkId), change: { kind: 'link-revoked', linkId: intent.linkId } };
      });
    case 'rotate-link':
      return linkPlan(intent.linkId, 'rotate this link', async (api, params) => {
        const { link } = await rotateLink(api, params, { graceSeconds: intent.graceSeconds });
        return { next: linkRotated(link), change: { kind: 'link-rotated', linkId: link.id } };
      });
    case 'link-sessions':
      return linkPlan(intent.linkId, 'load the sessions', async (api, params) => {
        const { sessions } = await listLinkSessions(api, params);
        return { next: sessionsLoaded(params.linkId, sessions) };
      });
    case 'end-session':
      return linkPlan(intent.linkId, 'end the session', async (api, params) => {
        await endLinkSession(api, { ...params, sessionId: intent.sessionId });
        const { sessions } = await listLinkSessions(api, params);
        return {
          next: sessionEnded(params.linkId, sessions),
          change: { kind: 'session-ended', linkId: params.linkId },
        };
      });
    case 'pause-link':
      return linkPlan(intent.linkId, intent.paused ? 'pause this link' : 'resume this link', async (api, params) => {
        const { link } = await setLinkPaused(api, params, { paused: intent.paused });
        const kind = link.status === 'paused' ? 'link-paused' : 'link-resumed';
        return { next: linkPauseChanged(link), change: { kind, linkId: link.id } };
      });
    case 'link-expiry':
      return linkPlan(intent.linkId, 'change the expiry', async (api, params) => {
        const { link } = await updateLink(api, params, { expiresAt: intent.expiresAt });
        return { next: linkExpiryChanged(link), change: { kind: 'link-expiry', linkId: link.id } };
      });
    case 'passcode':
      return linkPlan(intent.linkId, 'change the passcode', async (api, params) => {
        const { link } =
          intent.enabled === 'regenerate'
            ? await regenerateLinkPasscode(api, params)
            : await setLinkPasscode(api, params, { enabled: intent.enabled });
        // Any passcode change ends every session: a Sessions list already shown empties with it.
        return { next: sessionsEndedBy(passcodeChanged(link), link.id), change: { kind: 'passcode', linkId: link.id } };
      });
    case 'locked-filters':
      return linkPlan(intent.linkId, 'save the locked filters', async (api, params) => {
        const body = { lockedFilters: compactLockedFilters(intent.lockedFilters) };
        const { link } = await updateLink(api, params, body);
        return { next: lockedFiltersSaved(link), change: { kind: 'locked-filters', linkId: link.id } };
      });
    case 'link-widgets':
      return linkPlan(intent.linkId, 'change the widgets shown', async (api, params) => {
        const { link } = await updateLink(api, params, { widgetIds: intent.widgetIds });
        return { next: linkWidgetsSaved(link), change: { kind: 'link-widgets', linkId: link.id } };
      });
    case 'link-pause-on-change':
      return linkPlan(intent.linkId, 'change the option', async (api, params) => {
        const { link } = await updateLink(api, params, { pauseOnChange: intent.pauseOnChange });
        return { next: pauseOnChangeSaved(link), change: { kind: 'link-pause-on-change', linkId: link.id } };
      });
    case 'confirm-link':
      return linkPlan(intent.linkId, 'confirm the changes', async (api, params) => {
        const { link } = await confirmLinkChanges(api, params);
        return { next: linkChangesConfirmed(link), change: { kind: 'link-confirmed', linkId: link.id } };
      });
    case 'export-policy':
      return linkPlan(intent.linkId, 'save the downloads', async (api, params) => {
        const { link } = await updateLink(api, params, { exportPolicy: intent.exportPolicy });
        return { next: exportPolicySaved(link), change: { kind: 'link-export-policy', linkId: link.id } };
      });
    case 'embedding':
      return {
        // V5: the server's error (naming the bad origin) belongs beside the field, in the editor that asked.
        ...linkPlan(intent.linkId, 'save the allowed sites', async (api, params) => {
          const { link } = await updateLink(api, params, { frameAncestors: intent.frameAncestors });
          return { next: embeddingSaved(link), change: { kind: 'link-embedding', linkId: link.id } };
        }),
        failure: undefined,
      };
  }
}

/** A change to one public link: its card waits, and a failure is shown on the card. */
function linkPlan(
  linkId: string,
  what: string,
  run: (api: AtlasApiClient, params: { id: string; linkId: string }) => Promise<ActionResult>,
): ActionPlan {
  return {
    busy: `link:${linkId}`,
    failure: { slot: `link:${linkId}`, sentence: (m) => `Could not ${what}: ${m}` },
    run: (api, id) => run(api, { id, linkId }),
  };
}
