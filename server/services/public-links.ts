/**
 * Public links as the owner manages them (SPEC L1–L4, L8, L9, V5): create, list, revoke, passcodes, locked filters,
 * and which sites may frame each link.
 * Callers authorize first (`authorize(..., 'manage_links')`); this module holds the rules of what a link is.
 *
 * Nothing in the database alone opens a link: the token is found by its HMAC and kept sealed (AES-256-GCM) for the
 * owner to see again; the passcode is kept sealed the same way (L4: the owner must be able to read it).
 */
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { allows, listAccessibleDashboards } from '../auth/authorization.js';
import { seal, tokenLookupHash, unseal, type LinkSecrets } from '../auth/link-secrets.js';
import { AppError } from '../errors.js';
import type {
  AuditEvent,
  AuditFilter,
  Dashboard,
  ExposureChange,
  PublicLink,
  UserWithMemberships,
} from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import { assertWithinDeployment } from './frame-ancestors.js';
import { exportPolicyColumns, exportPolicyOf } from './link-export-policy.js';
import type { ExportPolicy, ExportPolicyBody } from '../schemas/requests.js';
import { parseFilterValues, type FilterValues } from './filters.js';

/** 24 bytes = 192 bits from the CSPRNG (L1 asks for at least 128). */
const TOKEN_BYTES = 24;
/** No 0/O, 1/I/L: a passcode is read aloud and typed from a screen. 32 symbols × 10 = 50 bits. */
const PASSCODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const PASSCODE_LENGTH = 10;

export interface LinkView {
  id: string;
  label: string;
  /** Full URL of the served viewer page, `<ATLAS_PUBLIC_URL>/public/<token>`; null if the token can no longer be opened. */
  url: string | null;
  token: string | null;
  createdAt: string;
  lastAccessAt: string | null;
  accessCount: number;
  passcodeEnabled: boolean;
  /** The current passcode, for the owner only, only while enabled. */
  passcode: string | null;
  /** Filter values fixed on this link; no viewer can change or widen them. */
  lockedFilters: FilterValues;
  /** V5: origins this link lets frame it (`[]`: none), or null for the deployment's policy. */
  frameAncestors: string[] | null;
  /** V5: the CSP `frame-ancestors` source list its responses carry now, e.g. `*`, `'none'`, `https://a.example`. */
  effectiveFrameAncestors: string;
  /** V5: the deployment's source list (ATLAS_FRAME_ANCESTORS), what null means and what a list must stay within. */
  defaultFrameAncestors: string;
  /** Issue 16: when the owner paused it, or null. */
  pausedAt: string | null;
  /** Issue 16: when it stops working, or null: never. */
  expiresAt: string | null;
  /** Issue 16: derived; revoked links are never listed. */
  status: LinkStatus;
  /** Issue 16 (rotate): until when the token before the last rotation still opens the link, while it does; else null. */
  previousTokenUntil: string | null;
  /** Issue 16: the widgets it shows, or null: all of them. */
  widgetIds: string[] | null;
  /** Issue 16: pauses itself when the dashboard starts exposing more. */
  pauseOnChange: boolean;
  /** Issue 16: derived: some change is waiting for the owner's confirmation. */
  changedSinceShared: boolean;
  /** Issue 16: what changed since it was shared or last confirmed. */
  changes: ExposureChange[];
  /** Issue 16: what visitors may download through it. */
  exportPolicy: ExportPolicy;
}

export type LinkStatus = 'active' | 'paused' | 'expired';

/** Issue 16: whether the link's expiry has passed at `now` (the server's clock). */
export function hasExpired(link: Pick<PublicLink, 'expiresAt'>, now: Date): boolean {
  return link.expiresAt !== null && Date.parse(link.expiresAt) <= now.getTime();
}

/** Issue 16: what a listed (not revoked) link is now: paused first, then expired. */
export function linkStatus(link: Pick<PublicLink, 'pausedAt' | 'expiresAt'>, now: Date): LinkStatus {
  if (link.pausedAt !== null) return 'paused';
  return hasExpired(link, now) ? 'expired' : 'active';
}

/** At most a year ahead (366 days, for leap years). */
const MAX_EXPIRY_MS = 366 * 24 * 60 * 60 * 1000;

/** Issue 16: an expiry as stored (ISO, UTC), checked: in the future and at most a year ahead; null is "never". */
export function parseExpiry(value: string | null, now: Date): string | null {
  if (value === null) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new AppError(400, 'invalid_request', 'expiresAt is not a date-time.');
  if (at <= now.getTime()) throw new AppError(400, 'invalid_request', 'expiresAt must be in the future.');
  if (at - now.getTime() > MAX_EXPIRY_MS)
    throw new AppError(400, 'invalid_request', 'expiresAt must be at most a year ahead.');
  return new Date(at).toISOString();
}

/** What the owner's link operations use: the store, the link secrets, the frame policy and the audit queue. */
type LinkDeps = Pick<
  ServiceDeps,
  'store' | 'config' | 'logger' | 'now' | 'linkSecrets' | 'framePolicy' | 'auditWriter'
>;

export const tokenContext = (linkId: string) => `public-link-token:${linkId}`;
export const passcodeContext = (linkId: string) => `public-link-passcode:${linkId}`;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function generatePasscode(): string {
  let out = '';
  for (let i = 0; i < PASSCODE_LENGTH; i++) out += PASSCODE_ALPHABET[randomInt(PASSCODE_ALPHABET.length)];
  return out;
}

/** Viewers type passcodes by hand: ignore case, spaces and dashes. */
export function normalizePasscode(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

/** Compares fixed-length digests in constant time (CONVENTIONS: never compare secrets with ===). */
export function passcodeMatches(secrets: LinkSecrets, link: PublicLink, attempt: string): boolean {
  if (!link.passcodeEnabled || !link.passcodeSealed) return false;
  let current: string;
  try {
    current = unseal(secrets, link.passcodeSealed, passcodeContext(link.id));
  } catch {
    return false;
  }
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(normalizePasscode(attempt)), digest(current));
}

export function toLinkView(
  deps: Pick<ServiceDeps, 'config' | 'logger' | 'linkSecrets' | 'framePolicy' | 'now'>,
  link: PublicLink,
): LinkView {
  const { linkSecrets: secrets, framePolicy: frames } = deps;
  let token: string | null = null;
  let passcode: string | null = null;
  try {
    token = unseal(secrets, link.tokenSealed, tokenContext(link.id));
    if (link.passcodeEnabled && link.passcodeSealed)
      passcode = unseal(secrets, link.passcodeSealed, passcodeContext(link.id));
  } catch {
    // Sealed under other keys (the secrets file was replaced): the link cannot work any more; say so, do not crash.
    deps.logger.warn('public link secrets do not open this link', { linkId: link.id });
  }
  return {
    id: link.id,
    label: link.label,
    url: token ? `${deps.config.publicUrl}/public/${token}` : null,
    token,
    createdAt: link.createdAt,
    lastAccessAt: link.lastAccessAt,
    accessCount: link.accessCount,
    passcodeEnabled: link.passcodeEnabled,
    passcode,
    lockedFilters: link.lockedFilters as FilterValues,
    frameAncestors: link.frameAncestors,
    effectiveFrameAncestors: frames.sourcesFor(link.frameAncestors),
    defaultFrameAncestors: frames.deployment,
    pausedAt: link.pausedAt,
    expiresAt: link.expiresAt,
    status: linkStatus(link, deps.now()),
    previousTokenUntil:
      link.previousTokenUntil !== null && Date.parse(link.previousTokenUntil) > deps.now().getTime()
        ? link.previousTokenUntil
        : null,
    widgetIds: link.widgetIds,
    pauseOnChange: link.pauseOnChange,
    changedSinceShared: link.exposureChanges.length > 0,
    changes: link.exposureChanges,
    exportPolicy: exportPolicyOf(link),
  };
}

/** The active links of a dashboard as the owner sees them. Flushes pending audit rows first so counts are current. */
export async function listLinkViews(deps: LinkDeps, dashboardId: string): Promise<LinkView[]> {
  await deps.auditWriter.flush();
  const links = await deps.store.listLinks(dashboardId);
  return links.map((link) => toLinkView(deps, link));
}

/** Issue 16: a link in the caller's list of all their links, with the dashboard it shows. */
export type MyLinkView = LinkView & { dashboard: { id: string; title: string } };

/**
 * Issue 16: the caller's active links across every dashboard they own, newest first. Owner-only by construction:
 * the dashboards are those on which the authorization module gives the caller `manage_links` (the creator and an
 * `owner` share, as `GET /api/dashboards/:id/public-links` allows), so a dashboard shared as author adds nothing.
 * `dashboardId` narrows to one of them (any other dashboard gives none). One links query, whatever their number.
 */
export async function listMyLinkViews(
  deps: LinkDeps,
  user: UserWithMemberships,
  opts: { dashboardId?: string; limit: number },
): Promise<MyLinkView[]> {
  const owned = (await listAccessibleDashboards(deps.store, user))
    .filter(({ role }) => allows(role, 'manage_links'))
    .map(({ dashboard }) => dashboard.id)
    .filter((id) => opts.dashboardId === undefined || id === opts.dashboardId);
  if (owned.length === 0) return [];
  await deps.auditWriter.flush();
  const rows = await deps.store.listActiveLinksOfDashboards(owned, opts.limit);
  return rows.map(({ link, dashboard }) => ({ ...toLinkView(deps, link), dashboard }));
}

/**
 * Checks locked filter values against the dashboard's filter definitions (the same rules as a viewer's choice),
 * keeping only the fields given: definitions' defaults are a viewer's starting point, not something to lock.
 */
export function parseLockedFilters(raw: Record<string, unknown>, dashboard: Pick<Dashboard, 'filters'>): FilterValues {
  const withoutDefaults = { filters: dashboard.filters.map(({ default: _default, ...def }) => def) };
  let values: FilterValues;
  try {
    values = parseFilterValues(JSON.stringify(raw), withoutDefaults);
  } catch (err) {
    if (err instanceof AppError) throw new AppError(400, 'invalid_locked_filters', err.message);
    throw err;
  }
  // Issue 18: a viewer's null, [] or empty range means "no restriction", but a locked field that restricts nothing
  // would let the owner believe the link is narrowed when it is not. Unlocking is leaving the field out.
  const empty = Object.keys(raw).find((field) => !Object.hasOwn(values, field));
  if (empty !== undefined)
    throw new AppError(
      400,
      'invalid_locked_filters',
      `Locked filter '${empty}' has no value, so it would lock nothing. Give it a value, or leave it out to let viewers choose.`,
    );
  return values;
}

/**
 * Issue 16: a widget subset as stored: every id must be a widget of the dashboard (400 invalid_request naming the first
 * that is not), duplicates dropped, in the order given; null (all widgets) stays null.
 */
export async function parseWidgetIds(
  deps: Pick<ServiceDeps, 'store'>,
  dashboard: Pick<Dashboard, 'id'>,
  ids: string[] | null,
): Promise<string[] | null> {
  if (ids === null) return null;
  const onDashboard = new Set((await deps.store.listWidgets(dashboard.id)).map((w) => w.id));
  const unknown = ids.find((id) => !onDashboard.has(id));
  if (unknown !== undefined)
    throw new AppError(400, 'invalid_request', `widgetIds: '${unknown}' is not a widget of this dashboard.`);
  return [...new Set(ids)];
}

export interface CreateLinkInput {
  label?: string;
  passcode?: boolean;
  lockedFilters?: Record<string, unknown>;
  /** Normalized origins (the route's schema did that), [] or null. */
  frameAncestors?: string[] | null;
  /** Issue 16: when it stops working; null or absent: never. */
  expiresAt?: string | null;
  /** Issue 16: only these widgets; null or absent: all of them. */
  widgetIds?: string[] | null;
  /** Issue 16: pause by itself when the dashboard starts exposing more; absent: false (only flag it). */
  pauseOnChange?: boolean;
  /** Issue 16: what visitors may download; absent: on. */
  exportPolicy?: ExportPolicyBody;
}

export async function createLink(
  deps: LinkDeps,
  dashboard: Dashboard,
  createdBy: number,
  input: CreateLinkInput,
): Promise<LinkView> {
  const secrets = deps.linkSecrets;
  const id = randomUUID();
  const token = generateToken();
  const passcodeEnabled = input.passcode === true;
  const frameAncestors = input.frameAncestors ?? null;
  assertWithinDeployment(deps.framePolicy, frameAncestors);
  const link: PublicLink = {
    id,
    dashboardId: dashboard.id,
    label: input.label?.trim() ?? '',
    tokenHash: tokenLookupHash(secrets, token),
    tokenSealed: seal(secrets, token, tokenContext(id)),
    createdAt: deps.now().toISOString(),
    createdBy,
    revokedAt: null,
    pausedAt: null,
    expiresAt: input.expiresAt === undefined ? null : parseExpiry(input.expiresAt, deps.now()),
    passcodeEnabled,
    passcodeSealed: passcodeEnabled ? seal(secrets, generatePasscode(), passcodeContext(id)) : null,
    passcodeVersion: passcodeEnabled ? 1 : 0,
    lockedFilters: input.lockedFilters ? parseLockedFilters(input.lockedFilters, dashboard) : {},
    frameAncestors,
    accessCount: 0,
    lastAccessAt: null,
    previousTokenHash: null,
    previousTokenUntil: null,
    widgetIds: await parseWidgetIds(deps, dashboard, input.widgetIds ?? null),
    pauseOnChange: input.pauseOnChange === true,
    exposureChanges: [],
    ...exportPolicyColumns(input.exportPolicy ?? { mode: 'on' }),
  };
  await deps.store.insertLink(link);
  return toLinkView(deps, link);
}

/** An active link of this dashboard, or 404 (a revoked link is gone for the owner too). */
export async function activeLink(
  deps: Pick<ServiceDeps, 'store'>,
  dashboardId: string,
  linkId: string,
): Promise<PublicLink> {
  const link = await deps.store.getLink(linkId);
  if (!link || link.dashboardId !== dashboardId || link.revokedAt)
    throw new AppError(404, 'link_not_found', 'Public link not found.');
  return link;
}

export async function revokeLink(deps: LinkDeps, dashboardId: string, linkId: string): Promise<void> {
  const link = await activeLink(deps, dashboardId, linkId);
  if (!(await deps.store.revokeLink(link.id, deps.now().toISOString()))) {
    throw new AppError(404, 'link_not_found', 'Public link not found.');
  }
}

/**
 * Issue 16: pauses or resumes a link. A paused link keeps its token, settings, passcode sessions and history; viewers
 * get the revoked link's 403 until it is resumed. Pausing a paused link (or resuming a live one) changes nothing.
 * A revoked link is gone (404 link_not_found): revoking stays final.
 */
export async function setLinkPaused(
  deps: LinkDeps,
  dashboardId: string,
  linkId: string,
  paused: boolean,
): Promise<LinkView> {
  const link = await activeLink(deps, dashboardId, linkId);
  if ((link.pausedAt !== null) === paused) return toLinkView(deps, link);
  const updated = await deps.store.updateLink(link.id, { pausedAt: paused ? deps.now().toISOString() : null });
  if (!updated) throw new AppError(404, 'link_not_found', 'Public link not found.');
  return toLinkView(deps, updated);
}

/**
 * Issue 16: the owner accepts what the dashboard now exposes through the link: its "changed since shared" flag and
 * reasons are cleared (a link not flagged is answered as it is). Pausing instead is `setLinkPaused`.
 */
export async function confirmLinkChanges(deps: LinkDeps, dashboardId: string, linkId: string): Promise<LinkView> {
  const link = await activeLink(deps, dashboardId, linkId);
  if (link.exposureChanges.length === 0) return toLinkView(deps, link);
  const updated = await deps.store.updateLink(link.id, { exposureChanges: [] });
  if (!updated) throw new AppError(404, 'link_not_found', 'Public link not found.');
  return toLinkView(deps, updated);
}

/**
 * L4: enabling always generates a new passcode (unchecking and checking again gives a new one); every change bumps
 * the version, which ends every session opened before it.
 */
export async function setPasscode(
  deps: LinkDeps,
  dashboardId: string,
  linkId: string,
  enabled: boolean,
): Promise<LinkView> {
  const link = await activeLink(deps, dashboardId, linkId);
  const secrets = deps.linkSecrets;
  const updated = await deps.store.updateLink(link.id, {
    passcodeEnabled: enabled,
    passcodeSealed: enabled ? seal(secrets, generatePasscode(), passcodeContext(link.id)) : null,
    passcodeVersion: link.passcodeVersion + 1,
  });
  if (!updated) throw new AppError(404, 'link_not_found', 'Public link not found.');
  return toLinkView(deps, updated);
}

export async function regeneratePasscode(deps: LinkDeps, dashboardId: string, linkId: string): Promise<LinkView> {
  const link = await activeLink(deps, dashboardId, linkId);
  if (!link.passcodeEnabled) {
    throw new AppError(409, 'passcode_not_enabled', 'This link has no passcode; turn the passcode on first.');
  }
  return setPasscode(deps, dashboardId, linkId, true);
}

export interface UpdateLinkInput {
  label?: string;
  lockedFilters?: Record<string, unknown>;
  /** Normalized origins, [] (no site) or null (back to the deployment's policy); undefined leaves it as it is. */
  frameAncestors?: string[] | null;
  /** Issue 16: a new expiry, null (never), undefined leaves it as it is. A later time brings an expired link back. */
  expiresAt?: string | null;
  /** Issue 16: the widgets shown, null (all of them); undefined leaves it as it is. */
  widgetIds?: string[] | null;
  /** Issue 16: undefined leaves it as it is. */
  pauseOnChange?: boolean;
  /** Issue 16: a new export policy; undefined leaves it as it is. */
  exportPolicy?: ExportPolicyBody;
}

export async function updateLink(
  deps: LinkDeps,
  dashboard: Dashboard,
  linkId: string,
  input: UpdateLinkInput,
): Promise<LinkView> {
  const link = await activeLink(deps, dashboard.id, linkId);
  const patch: Partial<PublicLink> = {};
  if (input.label !== undefined) patch.label = input.label.trim();
  if (input.lockedFilters !== undefined) patch.lockedFilters = parseLockedFilters(input.lockedFilters, dashboard);
  if (input.frameAncestors !== undefined) {
    assertWithinDeployment(deps.framePolicy, input.frameAncestors);
    patch.frameAncestors = input.frameAncestors;
  }
  if (input.expiresAt !== undefined) patch.expiresAt = parseExpiry(input.expiresAt, deps.now());
  if (input.widgetIds !== undefined) patch.widgetIds = await parseWidgetIds(deps, dashboard, input.widgetIds);
  if (input.pauseOnChange !== undefined) patch.pauseOnChange = input.pauseOnChange;
  if (input.exportPolicy !== undefined) Object.assign(patch, exportPolicyColumns(input.exportPolicy));
  const updated = await deps.store.updateLink(link.id, patch);
  if (!updated) throw new AppError(404, 'link_not_found', 'Public link not found.');
  return toLinkView(deps, updated);
}

/** L8: the access log of one link (also of a revoked one: the trail outlives the link), newest first. */
export async function linkAuditLog(
  deps: LinkDeps,
  dashboardId: string,
  linkId: string,
  limit: number,
  filter?: AuditFilter,
): Promise<(AuditEvent & { id: number })[]> {
  const link = await deps.store.getLink(linkId);
  if (!link || link.dashboardId !== dashboardId) throw new AppError(404, 'link_not_found', 'Public link not found.');
  await deps.auditWriter.flush();
  return deps.store.listAudit(linkId, limit, filter);
}
