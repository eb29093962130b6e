/**
 * Issue 16: how a link is used, for its owner: the usage chart's counts (requests per UTC day over the last 30 days by
 * outcome group, distinct clients, last access), and the audit log with its filters, as JSON or as a CSV file.
 * Callers authorize first (`manage_links`); the link must belong to the dashboard (revoked ones too: their trail
 * stays).
 */
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../errors.js';
import type { AuditEvent, AuditFilter, AuditOutcome } from '../store/types.js';
import { clientAddressHash } from './client-hash.js';
import type { ServiceDeps } from './deps.js';
import { linkAuditLog } from './public-links.js';
import type { LinkUsageDay } from '../schemas/requests.js';

type UsageDeps = Pick<
  ServiceDeps,
  'store' | 'config' | 'logger' | 'now' | 'linkSecrets' | 'framePolicy' | 'auditWriter'
>;

/** The chart's window: today and the 29 days before it (UTC). */
export const USAGE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface LinkUsageView {
  from: string;
  to: string;
  days: LinkUsageDay[];
  distinctClients: number;
  lastAccessAt: string | null;
}

export async function linkUsage(deps: UsageDeps, dashboardId: string, linkId: string): Promise<LinkUsageView> {
  const link = await deps.store.getLink(linkId);
  if (!link || link.dashboardId !== dashboardId) throw new AppError(404, 'link_not_found', 'Public link not found.');
  await deps.auditWriter.flush();
  const today = Date.parse(`${dayOf(deps.now().getTime())}T00:00:00.000Z`);
  const first = today - (USAGE_DAYS - 1) * DAY_MS;
  const counts = await deps.store.linkUsage(link.id, new Date(first).toISOString());
  const days: LinkUsageDay[] = [];
  const byDay = new Map<string, LinkUsageDay>();
  for (let i = 0; i < USAGE_DAYS; i++) {
    const day: LinkUsageDay = {
      day: dayOf(first + i * DAY_MS),
      ok: 0,
      wrongPasscode: 0,
      rateLimited: 0,
      unavailable: 0,
    };
    days.push(day);
    byDay.set(day.day, day);
  }
  const field = {
    ok: 'ok',
    wrong_passcode: 'wrongPasscode',
    rate_limited: 'rateLimited',
    unavailable: 'unavailable',
  } as const;
  for (const { day, group, count } of counts.days) {
    const entry = byDay.get(day);
    // A row stamped after "now" (another process's clock) falls outside the window: not a day of this chart.
    if (entry) entry[field[group]] += count;
  }
  return {
    from: days[0]!.day,
    to: days[USAGE_DAYS - 1]!.day,
    days,
    distinctClients: counts.distinctClients,
    lastAccessAt: link.lastAccessAt,
  };
}

export interface AuditLogQuery {
  limit: number;
  from?: string;
  to?: string;
  outcome?: AuditOutcome;
}

export type AuditEventView = AuditEvent & { id: number; clientHash: string };

/** An audit query's filter as the stores compare it (the route's and the CLI's). */
export function auditFilterOf(query: Pick<AuditLogQuery, 'from' | 'to' | 'outcome'>): AuditFilter {
  // Bounds as the stores compare them: UTC ISO text (SQLite compares text; an offset would compare wrongly).
  return {
    ...(query.from && { from: new Date(query.from).toISOString() }),
    ...(query.to && { to: new Date(query.to).toISOString() }),
    ...(query.outcome && { outcome: query.outcome }),
  };
}

/** The filtered log, newest first, each event with the client address hash export watermarks carry. */
export async function auditLogView(
  deps: UsageDeps,
  dashboardId: string,
  linkId: string,
  query: AuditLogQuery,
): Promise<AuditEventView[]> {
  const events = await linkAuditLog(deps, dashboardId, linkId, query.limit, auditFilterOf(query));
  return events.map((e) => ({ ...e, clientHash: clientAddressHash(deps.linkSecrets, e.clientAddress) }));
}

const CSV_COLUMNS = [
  'id',
  'at',
  'outcome',
  'route',
  'clientAddress',
  'clientHash',
  'userAgent',
  'linkId',
  'dashboardId',
  // Last, so that a sheet or script reading the earlier columns by position keeps working.
  'sessionId',
] as const;

/**
 * The log as CSV (RFC 4180: quoted when needed, quotes doubled, CRLF). A user agent is whatever a client sent: a cell
 * starting with = + - @ (or a tab or CR) gets a leading apostrophe, so a spreadsheet shows it instead of running it.
 */
export function auditCsv(events: AuditEventView[]): string {
  return stringify(
    events.map((e) => CSV_COLUMNS.map((c) => (e[c] == null ? '' : String(e[c])))),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', escape_formulas: true },
  );
}
