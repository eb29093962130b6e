/**
 * P6: the permission icon and tooltip sentence of a dashboard, seen by one user.
 *
 * - eye: you are a viewer (whatever else is true).
 * - office: you are author/owner and the whole organization can view.
 * - group: you are author/owner and other users or everyone in the project have access. An author or a co-owner
 *   (share role owner) always sees group: the creator is always another person with access, so "nobody else" —
 *   the lock — can only ever be true for the creator.
 * - lock: you are the creator and nobody else has access.
 * Active public links do not change the icon (seed 002); `publicLinkCount` carries them for the "Public" badge.
 */
import { allows, isCreator } from '../auth/authorization.js';
import type { Dashboard, DashboardRole, ShareWithUser, User } from '../store/types.js';

export type AccessIcon = 'eye' | 'group' | 'office' | 'lock';

export interface AccessSummary {
  icon: AccessIcon;
  summary: string;
  publicLinkCount: number;
  /** Issue 16: of those, the links flagged "changed since shared" (the card's Public badge says so). */
  changedLinkCount: number;
}

export interface AccessFacts {
  viewer: Pick<User, 'id'>;
  dashboard: Dashboard;
  role: DashboardRole;
  owner: Pick<User, 'id' | 'name' | 'username'>;
  shares: ShareWithUser[];
  projectName: string;
  organizationName: string;
  /** Already zeroed by the caller for roles that may not manage links. */
  publicLinkCount: number;
  /** Issue 16: likewise zeroed; absent: none. */
  changedLinkCount?: number;
}

const MAX_NAMED = 3;
/** How a non-creator's role reads in the sentence; a share role `owner` is a co-owner. */
const ROLE_PHRASE: Record<DashboardRole, string> = { viewer: 'a viewer', author: 'an author', owner: 'a co-owner' };

export function accessIcon(facts: Pick<AccessFacts, 'viewer' | 'dashboard' | 'role' | 'shares'>): AccessIcon {
  const { viewer, dashboard, role, shares } = facts;
  // A role that may only look (a viewer) sees the eye, whatever else is true.
  if (!allows(role, 'edit')) return 'eye';
  if (dashboard.orgAccess) return 'office';
  const othersShared = shares.some((s) => s.userId !== viewer.id);
  if (!isCreator(viewer, dashboard) || othersShared || dashboard.projectAccessRole) return 'group';
  return 'lock';
}

export function describeAccess(facts: AccessFacts): AccessSummary {
  const { viewer, dashboard, role, owner, shares } = facts;
  const creator = isCreator(viewer, dashboard);
  const parts: string[] = [];
  parts.push(creator ? 'You are the owner.' : `You are ${ROLE_PHRASE[role]}. Owner: ${owner.name}.`);

  const grants: string[] = [];
  const others = shares.filter((s) => s.userId !== viewer.id);
  for (const s of others.slice(0, MAX_NAMED)) grants.push(`${s.name} (${s.role})`);
  if (others.length > MAX_NAMED) {
    const more = others.length - MAX_NAMED;
    grants.push(`${more} more ${more === 1 ? 'person' : 'people'}`);
  }
  if (dashboard.projectAccessRole) grants.push(`everyone in ${facts.projectName} (${dashboard.projectAccessRole})`);
  if (dashboard.orgAccess) grants.push(`everyone in ${facts.organizationName} (viewer)`);

  if (grants.length === 0) {
    parts.push('Nobody else has access.');
  } else {
    parts.push(`${creator ? 'Shared with' : 'Also shared with'} ${joinList(grants)}.`);
  }
  if (facts.publicLinkCount > 0) {
    parts.push(`${facts.publicLinkCount} active public ${facts.publicLinkCount === 1 ? 'link' : 'links'}.`);
  }
  const changedLinkCount = facts.changedLinkCount ?? 0;
  if (changedLinkCount > 0) {
    parts.push(`${changedLinkCount} changed since shared.`);
  }
  return {
    icon: accessIcon(facts),
    summary: parts.join(' '),
    publicLinkCount: facts.publicLinkCount,
    changedLinkCount,
  };
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
