/** Seeds the demo once (O1): organizations, users, data sources with rows, dashboards and grants. */
import type { Store } from '../store/types.js';
import { DEMO_DASHBOARDS } from './dashboards.js';
import { DEMO_DATA_SOURCES } from './data-sources.js';
import { DEMO_IDENTITIES, DEMO_ORGANIZATIONS, DEMO_PROJECTS } from './identities.js';

export interface SeedResult {
  seeded: boolean;
  rows: number;
}

export async function seedDemo(store: Store, now = Date.now()): Promise<SeedResult> {
  if (await store.getDashboard(DEMO_DASHBOARDS[0]!.id)) return { seeded: false, rows: 0 };

  for (const org of DEMO_ORGANIZATIONS) await store.upsertOrganization(org);
  for (const project of DEMO_PROJECTS) await store.upsertProject(project);
  const userIds = new Map<string, number>();
  for (const identity of DEMO_IDENTITIES) {
    const user = await store.upsertUser({ ...identity, orgId: identity.org });
    userIds.set(identity.username, user.id);
  }

  let rows = 0;
  for (const { source, generate } of DEMO_DATA_SOURCES) {
    await store.createDataTable(source);
    const data = generate(now);
    await store.insertRows(source.tableName, source.fields, data);
    await store.upsertDataSource(source);
    rows += data.length;
  }

  for (const d of DEMO_DASHBOARDS) {
    const project = DEMO_PROJECTS.find((p) => p.id === d.projectId)!;
    await store.insertDashboard({
      id: d.id,
      orgId: project.orgId,
      projectId: d.projectId,
      ownerId: userIds.get(d.owner)!,
      title: d.title,
      description: d.description,
      filters: d.filters,
      refreshInterval: d.refreshInterval,
    });
    for (const w of d.widgets) await store.insertWidget({ ...w, dashboardId: d.id });
    for (const [username, role] of Object.entries(d.shares ?? {})) {
      await store.insertShare({
        dashboardId: d.id,
        userId: userIds.get(username)!,
        role,
        createdAt: new Date(now).toISOString(),
      });
    }
    if (d.projectAccess) await store.setProjectAccess(d.id, d.projectAccess);
    if (d.orgAccess) await store.setOrgAccess(d.id, true);
  }
  return { seeded: true, rows };
}
