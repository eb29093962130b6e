/**
 * The exposure guard (issue 16), run by the dashboard save path (services/dashboards.ts) after a save is committed:
 * each active link of the dashboard that now exposes more than when it was shared (exposure-changes.ts decides what
 * that means) is flagged "changed since shared" with the reasons, kept until the owner confirms it. A link with
 * `pauseOnChange` is paused as well, at once, and the audit records it (route `exposure_guard`, outcome
 * `auto_paused`): viewers then get the revoked link's answer until the owner resumes it.
 */
import type { Dashboard, ExposureChange, LinkPatch, PublicLink } from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import { exposureChanges, mergeChanges, type ExposureShape } from './exposure-changes.js';

export type GuardDeps = Pick<ServiceDeps, 'store' | 'now' | 'auditWriter'>;

/** Flags (and, where asked, pauses) the links of `dashboard` that the change from `before` to `after` concerns. */
export async function guardExposure(
  deps: GuardDeps,
  dashboard: Pick<Dashboard, 'id' | 'orgId'>,
  before: ExposureShape,
  after: ExposureShape,
): Promise<void> {
  const links = await deps.store.listLinks(dashboard.id);
  if (links.length === 0) return;
  const at = deps.now().toISOString();
  const names = await sourceNames(deps, dashboard.orgId, after);
  for (const link of links) {
    const found = exposureChanges(before, after, link, (id) => names.get(id) ?? id, at);
    if (found.length > 0) await flag(deps, link, found, at);
  }
}

async function flag(deps: GuardDeps, link: PublicLink, found: ExposureChange[], at: string): Promise<void> {
  // Merged into the link's reasons as they are now, under the row's lock: another save flagging the same link at the
  // same moment keeps its reasons, and an owner's confirm that came in between is not undone.
  let paused = false;
  await deps.store.modifyLink(link.id, (current) => {
    if (current.revokedAt !== null) return undefined;
    const patch: LinkPatch = { exposureChanges: mergeChanges(current.exposureChanges, found) };
    paused = current.pauseOnChange && current.pausedAt === null;
    if (paused) patch.pausedAt = at;
    return patch;
  });
  if (paused) {
    await deps.auditWriter.commit({
      linkId: link.id,
      dashboardId: link.dashboardId,
      at,
      clientAddress: '',
      userAgent: '',
      route: 'exposure_guard',
      outcome: 'auto_paused',
    });
  }
}

/**
 * The names of the data sources the dashboard reads now (a reason names one; a dashboard has few), in its
 * organization (data source ids are per organization).
 */
async function sourceNames(deps: GuardDeps, orgId: string, after: ExposureShape): Promise<Map<string, string>> {
  const ids = [...new Set(after.widgets.map((w) => w.dataSourceId))];
  const found = await Promise.all(ids.map((id) => deps.store.getDataSource(orgId, id)));
  return new Map(ids.map((id, i) => [id, found[i]?.name ?? id]));
}
