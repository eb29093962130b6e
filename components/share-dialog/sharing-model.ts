/**
 * The share dialog's state, as plain data and pure functions: what the server said (dashboard, people, access, links),
 * which changes are in flight, which errors to show and the last sentence for screen readers. The elements render it
 * and ask for changes; the coordinator (`<atlas-share-dialog>`) calls the API and feeds each answer to a transition
 * here. Nothing in this module touches the DOM or the network, so every rule is unit-tested on its own.
 */
import type { DashboardDetail, DashboardRole } from '../internal/types.js';
import { formatCount, formatDateTime } from './format.js';
import type {
  LinkSession,
  AccessWarning,
  OrganizationAccess,
  ProjectAccess,
  ProjectAccessRole,
  PublicLink,
  SharedUser,
  ShareResponse,
  SharingView,
  UserRef,
  WidgetSource,
} from './types.js';

export const ROLES: readonly DashboardRole[] = ['viewer', 'author', 'owner'];
/** Everyone in a project may be viewer or author, never owner (the contract's ProjectAccessRole). */
export const PROJECT_ROLES: readonly ProjectAccessRole[] = ['viewer', 'author'];
export const ROLE_LABEL: Readonly<Record<DashboardRole, string>> = {
  viewer: 'Viewer',
  author: 'Author',
  owner: 'Owner',
};

/** Who has access and how: what only an owner may read (`GET …/sharing`). */
export interface OwnerView {
  users: SharedUser[];
  project: ProjectAccess;
  organization: OrganizationAccess;
  warnings: AccessWarning[];
}

/** What the server last said about the dashboard's sharing. */
export interface SharingData {
  dashboard: DashboardDetail;
  /** The signed-in user. */
  me: UserRef;
  /** Owners only. */
  sharing?: OwnerView;
  /** Owners only (others see a count in the dashboard's access summary). */
  links: PublicLink[];
  /** The sources the widgets read (L7); undefined when they are not known. */
  dataSources?: WidgetSource[];
  /** Issue 17: the server's read-only sharing view (the caller is not an owner); nothing can be changed. */
  readOnly?: boolean;
}

/** A change in flight; its controls are disabled until the server answers. */
export type BusyKey = 'add-user' | 'create-link' | 'project' | 'organization' | `user:${string}` | `link:${string}`;
/** Where an error is shown: the add box, the people list, general access, the links panel, or one link. */
export type ErrorSlot = 'user' | 'people' | 'general' | 'links' | `link:${string}`;

export interface Announcement {
  text: string;
  /** Grows with each announcement, so that the same sentence twice is announced twice. */
  serial: number;
}

export interface ShareState {
  readonly data: SharingData;
  readonly busy: ReadonlySet<BusyKey>;
  readonly errors: Readonly<Partial<Record<ErrorSlot, string>>>;
  readonly announcement?: Announcement;
  /** Issue 16: the live passcode sessions of each link whose Sessions section was opened (link-lifecycle.model.ts). */
  readonly sessions?: Readonly<Record<string, readonly LinkSession[]>>;
}

export type Transition = (state: ShareState) => ShareState;

// ——— Loading ———

const initial = (data: SharingData): ShareState => ({ data, busy: new Set(), errors: {} });

/** An owner's dialog, from the one `GET …/sharing` answer. */
export function ownerState(answer: SharingView): ShareState {
  const { users, project, organization, warnings } = answer;
  return initial({
    dashboard: answer.dashboard,
    me: answer.currentUser,
    sharing: { users, project, organization, warnings },
    links: answer.publicLinks,
    dataSources: answer.dataSources,
  });
}

/**
 * Everyone else's dialog: who they are and the dashboard's own access summary; nothing to change. With the server's
 * read-only sharing view (issue 17), also everyone who has access.
 */
export function readerState(dashboard: DashboardDetail, me: UserRef, answer?: SharingView): ShareState {
  if (!answer) return initial({ dashboard, me, links: [], readOnly: true });
  const { users, project, organization } = answer;
  return initial({
    dashboard,
    me,
    sharing: { users, project, organization, warnings: [] },
    links: [],
    readOnly: true,
  });
}

/** The one `GET …/sharing` answer as the dialog's state: the owner's, or everyone else's read-only view. */
export function sharingState(answer: SharingView): ShareState {
  const readOnly = answer.readOnly ?? answer.dashboard.role !== 'owner';
  return readOnly ? readerState(answer.dashboard, answer.currentUser, answer) : ownerState(answer);
}

// ——— Derived values ———

/** Only the dashboard's owners change anything (U6, L9). */
export const canManage = (state: ShareState): boolean =>
  state.data.dashboard.role === 'owner' && state.data.sharing !== undefined && !state.data.readOnly;

export const isBusy = (state: ShareState, key: BusyKey): boolean => state.busy.has(key);

export function projectName(data: SharingData): string {
  return data.sharing?.project.name ?? data.dashboard.projectId;
}

export function organizationName(data: SharingData): string {
  return data.sharing?.organization.name ?? 'your organization';
}

/** The role "Everyone in <project>" has, or would get when switched on. */
export function projectAccessRole(data: SharingData): ProjectAccessRole {
  return data.sharing?.project.role === 'author' ? 'author' : 'viewer';
}

/** The dialog's sentence under its title. */
export function subtitle(state: ShareState | undefined): string {
  if (!state) return 'Loading who has access…';
  if (canManage(state)) return 'Choose who can open this dashboard, and publish it with public links.';
  const { role, owner } = state.data.dashboard;
  return `You are ${role === 'author' ? 'an author' : `a ${role}`} of this dashboard. Only its owner, ${owner.name}, can change who has access.`;
}

const lower = (text: string | undefined) => (text ?? '').trim().toLowerCase();

/**
 * Why this user cannot be added (U2: the dialog prevents duplicates, yourself and the owner before asking): "You",
 * "Owner", "Already viewer"…, or undefined when they can. `email` is a suggestion's own address.
 */
export function whyNotShareable(data: SharingData, usernameOrEmail: string, email?: string): string | undefined {
  const typed = lower(usernameOrEmail);
  const matches = (u: { username: string; email?: string }) =>
    lower(u.username) === typed ||
    lower(u.email) === typed ||
    (email !== undefined && email !== '' && lower(u.email) === lower(email));
  if (matches(data.me)) return 'You';
  if (matches({ username: data.dashboard.owner.username })) return 'Owner';
  const existing = data.sharing?.users.find(matches);
  if (existing) return `Already ${ROLE_LABEL[existing.role].toLowerCase()}`;
  return undefined;
}

/** The sentence that refuses adding `typed` before any request, or undefined when the server should be asked. */
export function addUserProblem(data: SharingData, typed: string): string | undefined {
  if (!typed.trim()) return 'Type a username or an email address first.';
  const why = whyNotShareable(data, typed);
  if (why === 'You') return 'You already have access to this dashboard: you cannot share it with yourself.';
  if (why === 'Owner') return `${data.dashboard.owner.name} owns this dashboard and already has full access.`;
  const user =
    why && data.sharing?.users.find((u) => lower(u.username) === lower(typed) || lower(u.email) === lower(typed));
  if (user) return `${user.name} already has access as ${user.role}. Change their role in the list below instead.`;
  return undefined;
}

/** L7: widgets whose data source does not allow unauthenticated access, grouped by source. */
export function widgetsWithoutPublicAccess(data: SharingData): { source: string; widgets: string[] }[] {
  if (!data.dataSources) return [];
  const bySource = new Map<string, { source: string; widgets: string[] }>();
  for (const widget of data.dashboard.widgets) {
    const source = data.dataSources.find((s) => s.id === widget.dataSourceId);
    if (source?.externalAccess) continue;
    const name = source?.name ?? widget.dataSourceId;
    const entry = bySource.get(name) ?? { source: name, widgets: [] };
    entry.widgets.push(widget.title);
    bySource.set(name, entry);
  }
  return [...bySource.values()];
}

/** True when the owner should be told that public access could not be checked. */
export function publicAccessUnknown(state: ShareState): boolean {
  return canManage(state) && state.data.dataSources === undefined && state.data.dashboard.widgets.length > 0;
}

/** A row of the people list as a reader sees it: who, and their role in words. */
export interface PersonRow {
  user: { username: string; name: string; email?: string };
  role: string;
}

/**
 * Who a reader sees in the list: the owner, then everyone with a share and the project- and organization-wide access
 * when the server's read-only view said so (issue 17), else themself (when they are not the owner).
 */
export function readerPeople(data: SharingData): PersonRow[] {
  const rows: PersonRow[] = [{ user: data.dashboard.owner, role: 'Owner' }];
  const sharing = data.sharing;
  if (!sharing) {
    if (data.dashboard.owner.username !== data.me.username)
      rows.push({ user: data.me, role: ROLE_LABEL[data.dashboard.role] });
    return rows;
  }
  for (const user of sharing.users) rows.push({ user, role: ROLE_LABEL[user.role] });
  if (sharing.project.enabled && sharing.project.role)
    rows.push({
      user: { username: '', name: `Everyone in ${sharing.project.name}` },
      role: ROLE_LABEL[sharing.project.role],
    });
  if (sharing.organization.enabled)
    rows.push({ user: { username: '', name: `Everyone in ${sharing.organization.name}` }, role: 'Viewer' });
  return rows;
}

// ——— Changes in flight, errors and announcements ———

function withBusy(state: ShareState, key: BusyKey, on: boolean): ShareState {
  const busy = new Set(state.busy);
  if (on) busy.add(key);
  else busy.delete(key);
  return { ...state, busy };
}

function withError(state: ShareState, slot: ErrorSlot, message: string | undefined): ShareState {
  const errors = { ...state.errors };
  if (message) errors[slot] = message;
  else delete errors[slot];
  return { ...state, errors };
}

export function announced(state: ShareState, text: string): ShareState {
  return { ...state, announcement: { text, serial: (state.announcement?.serial ?? 0) + 1 } };
}

/** A change was asked for: its controls wait, and the error it may have left before is cleared. */
export function started(state: ShareState, key: BusyKey, slot?: ErrorSlot): ShareState {
  const next = withBusy(state, key, true);
  return slot ? withError(next, slot, undefined) : next;
}

/** The server answered (either way): the controls are free again. */
export const released = (state: ShareState, key: BusyKey): ShareState => withBusy(state, key, false);

/** The change failed or was refused before asking: shows `message` in `slot`. */
export const failed = (state: ShareState, slot: ErrorSlot, message: string): ShareState =>
  withError(state, slot, message);

/** The user moved on (typed again, picked a suggestion): the error in `slot` goes. */
export const dismissed = (state: ShareState, slot: ErrorSlot): ShareState => withError(state, slot, undefined);

// ——— Server answers ———

function withSharing(state: ShareState, patch: Partial<OwnerView>): ShareState {
  const sharing = state.data.sharing;
  if (!sharing) return state;
  return { ...state, data: { ...state.data, sharing: { ...sharing, ...patch } } };
}

function withLinks(state: ShareState, links: PublicLink[]): ShareState {
  return { ...state, data: { ...state.data, links } };
}

export const userAdded =
  (answer: ShareResponse): Transition =>
  (state) => {
    const { share } = answer;
    const users = [...(state.data.sharing?.users ?? []).filter((u) => u.username !== share.username), share];
    const verb = share.role === 'viewer' ? 'view' : 'edit';
    return announced(
      withSharing(state, { users, warnings: answer.warnings }),
      `${share.name} can now ${verb} this dashboard as ${share.role}.`,
    );
  };

export const userRoleChanged =
  (answer: ShareResponse): Transition =>
  (state) => {
    const users = (state.data.sharing?.users ?? []).map((u) =>
      u.username === answer.share.username ? { ...u, ...answer.share } : u,
    );
    return announced(
      withSharing(state, { users, warnings: answer.warnings }),
      `${answer.share.name} is now ${answer.share.role}.`,
    );
  };

export const userRemoved =
  (username: string): Transition =>
  (state) => {
    const sharing = state.data.sharing;
    const user = sharing?.users.find((u) => u.username === username);
    if (!sharing || !user) return state;
    // Removing someone clears the warning that named them.
    const warnings = sharing.warnings.filter((w) => !(w.subject === 'user' && w.id === username));
    const users = sharing.users.filter((u) => u.username !== username);
    return announced(withSharing(state, { users, warnings }), `${user.name} no longer has access.`);
  };

export const projectAccessChanged =
  (answer: { project: ProjectAccess; warnings: AccessWarning[] }): Transition =>
  (state) => {
    const project = { ...state.data.sharing!.project, ...answer.project };
    const next = withSharing(state, { project, warnings: answer.warnings });
    const name = projectName(next.data);
    return announced(
      next,
      project.enabled
        ? `Everyone in ${name} now has ${project.role ?? 'viewer'} access.`
        : `Access for everyone in ${name} is off.`,
    );
  };

export const organizationAccessChanged =
  (answer: { organization: OrganizationAccess; warnings: AccessWarning[] }): Transition =>
  (state) => {
    const organization = { ...state.data.sharing!.organization, ...answer.organization };
    const next = withSharing(state, { organization, warnings: answer.warnings });
    const name = organizationName(next.data);
    return announced(
      next,
      organization.enabled
        ? `Everyone in ${name} can now view this dashboard.`
        : `Everyone in ${name} can no longer view it.`,
    );
  };

export const quotedLabel = (link: PublicLink) => (link.label ? `“${link.label}” ` : '');

export const linkCreated =
  (link: PublicLink): Transition =>
  (state) => {
    const next = withLinks(state, [link, ...state.data.links]);
    // Issue 17 item 9: the sentence counts widgets, not the sources they read.
    const blocked = widgetsWithoutPublicAccess(next.data).flatMap((b) => b.widgets).length;
    return announced(
      next,
      `Public link ${quotedLabel(link)}created.` +
        (blocked ? ` ${formatCount(blocked, 'widget', 'widgets')} will not show data through it.` : ''),
    );
  };

export function linkReplaced(state: ShareState, link: PublicLink, text: string): ShareState {
  return announced(
    withLinks(
      state,
      state.data.links.map((l) => (l.id === link.id ? link : l)),
    ),
    text,
  );
}

export const passcodeChanged =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(
      state,
      link,
      link.passcodeEnabled
        ? `New passcode ${link.passcode ?? ''}. Sessions opened with the previous passcode have ended.`
        : 'Passcode removed: anyone with the link can open it.',
    );

/** Issue 16: a link paused (viewers see the unavailable page, nothing is lost) or resumed (the same URL works again). */
export const linkPauseChanged =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(
      state,
      link,
      link.status === 'paused'
        ? `Link ${quotedLabel(link)}paused: visitors see “This link is no longer available” until you resume it.`
        : `Link ${quotedLabel(link)}resumed: the same URL works again.`,
    );

/** Issue 16: a link's expiry set, extended or cleared. */
export const linkExpiryChanged =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(
      state,
      link,
      link.expiresAt
        ? `Link ${quotedLabel(link)}expires ${formatDateTime(link.expiresAt)}.`
        : `Link ${quotedLabel(link)}never expires.`,
    );

/** Issue 16: what visitors may download. */
export const exportPolicySaved =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(state, link, `Link ${quotedLabel(link)}downloads saved.`);

export const lockedFiltersSaved =
  (link: PublicLink): Transition =>
  (state) =>
    linkReplaced(state, link, 'Locked filters saved.');

export const embeddingSaved =
  (link: PublicLink): Transition =>
  (state) => {
    const list = link.frameAncestors;
    const text =
      list == null
        ? 'Embedding follows the server default.'
        : list.length
          ? `Only ${list.join(', ')} can embed this link.`
          : 'No site can embed this link.';
    return linkReplaced(state, link, text);
  };

export const linkRevoked =
  (linkId: string): Transition =>
  (state) => {
    const link = state.data.links.find((l) => l.id === linkId);
    if (!link) return state;
    const next = withError(
      withLinks(
        state,
        state.data.links.filter((l) => l.id !== linkId),
      ),
      `link:${linkId}`,
      undefined,
    );
    return announced(next, `Link ${quotedLabel(link)}revoked. It stops working on its next request.`);
  };
