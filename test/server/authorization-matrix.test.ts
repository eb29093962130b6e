/**
 * P1–P3: the authorization matrix, generated from authorization-matrix.data.ts (one line per route × method),
 * plus the cases a matrix cannot express: the P1 override, cross-dashboard share edits and U3 revocation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../server/app.js';
import { json, startTestServer, withoutRequestId, type TestServer } from './helpers.js';
import {
  authorizeLinkData,
  authorizeProject,
  authorizeProjectWideRole,
  authorizeWidgetSource,
  canReadDataSource,
  linkDataRefusal,
  type ProjectAction,
} from '../../server/auth/authorization.js';
import { AppError } from '../../server/errors.js';
import {
  COLUMNS,
  DATA_SOURCE_READ,
  LINK_DATA,
  MATRIX,
  PROJECT_ACTIONS,
  PROJECT_WIDE_ROLES,
  STANDINGS,
  WIDGET_SOURCE,
  type Column,
  type ProjectStanding,
} from './authorization-matrix.data.js';
import type {
  DashboardRole,
  DataSource,
  FieldDefinition,
  ProjectRole,
  UserWithMemberships,
} from '../../server/store/types.js';

/** The matrix users (besides alice and erin from the demo); see the data file's header. */
const MATRIX_USERS: Record<string, Record<string, ProjectRole>> = {
  'mx-coowner': { ops: 'member' },
  'mx-author': { ops: 'member' },
  'mx-viewer': { ops: 'member' },
  'mx-target': { ops: 'member' },
  'mx-newcomer': { ops: 'member' },
  'mx-member': { ops: 'member' },
  'mx-outsider': { sales: 'member' },
};

interface ColumnSetup {
  user: string | null;
  projectAccess: DashboardRole | null;
  orgAccess: boolean;
}
const COLUMN_SETUP: Record<Column, ColumnSetup> = {
  creator: { user: 'alice', projectAccess: null, orgAccess: false },
  coOwner: { user: 'mx-coowner', projectAccess: null, orgAccess: false },
  author: { user: 'mx-author', projectAccess: null, orgAccess: false },
  viewerByShare: { user: 'mx-viewer', projectAccess: null, orgAccess: false },
  viewerByProject: { user: 'mx-member', projectAccess: 'viewer', orgAccess: false },
  viewerByOrganization: { user: 'mx-outsider', projectAccess: null, orgAccess: true },
  projectMemberWithoutAccess: { user: 'mx-member', projectAccess: null, orgAccess: false },
  organizationMemberWithoutAccess: { user: 'mx-outsider', projectAccess: null, orgAccess: false },
  otherOrganization: { user: 'erin', projectAccess: 'viewer', orgAccess: true },
  anonymous: { user: null, projectAccess: null, orgAccess: false },
};

/** Every `METHOD /path` the app serves under /api/dashboards and /api/public-links, read from the Express router stack. */
function appDashboardRoutes(server: TestServer): Set<string> {
  const app = createApp({
    store: server.store,
    config: server.config,
    logger: { info() {}, warn() {}, error() {}, debug() {} } as never,
  });
  const out = new Set<string>();
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.add(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (layer.slash ? '' : (layer.rawPath ?? '')));
      }
    }
  };
  walk((app as any).router.stack, '');
  // Issue 16: /api/public-links (the caller's links across dashboards) is an owner route outside /api/dashboards.
  return new Set([...out].filter((r) => / \/api\/(dashboards|public-links)(\/|$)/.test(r)));
}

describe('P1–P3: authorization matrix (authorization-matrix.data.ts)', () => {
  let server: TestServer;
  const tokens = new Map<string, string>();
  let aliceId = 0;
  const userIds = new Map<string, number>();

  before(async () => {
    server = await startTestServer();
    for (const [username, projects] of Object.entries(MATRIX_USERS)) {
      const user = await server.store.upsertUser({
        orgId: 'northwind',
        username,
        name: username,
        email: `${username}@example.test`,
        projects,
      });
      userIds.set(username, user.id);
      tokens.set(username, await server.token(username, { projects }));
    }
    for (const username of ['alice', 'erin']) tokens.set(username, await server.token(username));
    aliceId = (await server.store.getUserByUsername('northwind', 'alice'))!.id;
  });
  after(() => server.close());

  /** A fresh dashboard for one cell, so no cell depends on what another did. */
  async function fixture(setup: ColumnSetup) {
    const id = `mx-${randomUUID()}`;
    await server.store.insertDashboard({
      id,
      orgId: 'northwind',
      projectId: 'ops',
      ownerId: aliceId,
      title: 'Matrix',
      description: '',
      filters: [],
      refreshInterval: 60,
    });
    await server.store.insertWidget({
      id: 'w1',
      dashboardId: id,
      title: 'Temperature',
      type: 'kpi',
      dataSourceId: 'sensor_readings',
      query: { metrics: [{ agg: 'avg', field: 'temperature', as: 't' }], dimensions: [], filters: [], sort: [] },
      position: { x: 0, y: 0, w: 4, h: 2 },
    });
    const shares: [string, DashboardRole][] = [
      ['mx-coowner', 'owner'],
      ['mx-author', 'author'],
      ['mx-viewer', 'viewer'],
      ['mx-target', 'viewer'],
    ];
    for (const [username, role] of shares) {
      await server.store.insertShare({
        dashboardId: id,
        userId: userIds.get(username)!,
        role,
        createdAt: new Date().toISOString(),
      });
    }
    await server.store.setProjectAccess(id, setup.projectAccess);
    await server.store.setOrgAccess(id, setup.orgAccess);
    return id;
  }

  let lastLinkId = '';
  const placeholders: Record<string, (id: string) => Promise<string>> = {
    id: async (id) => id,
    widgetId: async () => 'w1',
    username: async () => 'mx-target',
    // A live passcode session of the `:linkId` resolved just before it in the same path.
    sessionId: async (id) => {
      const base = `/api/dashboards/${id}/public-links/${lastLinkId}`;
      const on = await json(
        await server.request(`${base}/passcode`, {
          method: 'PUT',
          token: tokens.get('alice'),
          json: { enabled: true },
        }),
      );
      const res = await server.request(`/api/public/${on.link.token}/session`, {
        method: 'POST',
        json: { passcode: on.link.passcode },
      });
      assert.equal(res.status, 200, 'the :sessionId fixture needs a passcode session');
      const { sessions } = await json(await server.request(`${base}/sessions`, { token: tokens.get('alice') }));
      return sessions[0].id;
    },
    linkId: async (id) => {
      const res = await server.request(`/api/dashboards/${id}/public-links`, {
        method: 'POST',
        token: tokens.get('alice'),
        json: { label: 'matrix' },
      });
      assert.equal(res.status, 201, 'the :linkId fixture needs POST …/public-links to work');
      lastLinkId = (await json(res)).link.id;
      return lastLinkId;
    },
  };

  async function resolvePath(path: string, id: string): Promise<string> {
    let out = path;
    for (const [, name] of path.matchAll(/:([A-Za-z]+)/g)) {
      const resolve = placeholders[name!];
      assert.ok(
        resolve,
        `unknown placeholder :${name} in the matrix: add it to placeholders in authorization-matrix.test.ts`,
      );
      out = out.replace(`:${name}`, encodeURIComponent(await resolve(id)));
    }
    return out;
  }

  test('every /api/dashboards and /api/public-links route of the app has a line in the data file, and every line a route', () => {
    const inApp = appDashboardRoutes(server);
    const inFile = new Set(MATRIX.map((r) => `${r.method} ${r.path.split('?')[0]}`));
    assert.ok(inApp.size > 0);
    assert.deepEqual(
      [...inApp].filter((r) => !inFile.has(r)),
      [],
      'routes missing from authorization-matrix.data.ts',
    );
    assert.deepEqual(
      [...inFile].filter((r) => !inApp.has(r)),
      [],
      'lines naming routes the app does not have',
    );
  });

  for (const row of MATRIX) {
    describe(`${row.method} ${row.path}`, () => {
      for (const column of COLUMNS) {
        const expected = row.expected[column];
        test(`${column} → ${expected}`, async () => {
          const setup = COLUMN_SETUP[column];
          const id = await fixture(setup);
          const path = await resolvePath(row.path, id);
          const token = setup.user ? tokens.get(setup.user) : undefined;
          const res = await server.request(path, { method: row.method, token, json: row.body });
          const text = await res.text();
          assert.equal(res.status, expected, `${row.method} ${path} as ${column}: ${text.slice(0, 300)}`);
          if (expected >= 400) {
            const body = JSON.parse(text);
            assert.equal(typeof body.error.code, 'string');
            assert.equal(typeof body.error.message, 'string');
          }
          if (expected === 404 && path.startsWith(`/api/dashboards/${id}`)) {
            // P2: the same answer as a dashboard that does not exist.
            assert.equal(JSON.parse(text).error.code, 'dashboard_not_found');
          }
        });
      }
    });
  }
});

describe('P1, P3, U3: cases beyond the matrix', () => {
  let server: TestServer;
  const token = (u: string, projects?: Record<string, ProjectRole>) => server.token(u, projects ? { projects } : {});

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test("P1: a user's own share overrides a higher project-wide role (Everyone = author, own share viewer → viewer)", async () => {
    const alice = await token('alice');
    const created = await json(
      await server.request('/api/dashboards', {
        method: 'POST',
        token: alice,
        json: { projectId: 'ops', title: 'Override' },
      }),
    );
    const id = created.dashboard.id;
    const bob = await token('bob');
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: bob })).status, 404);
    assert.equal(
      (
        await server.request(`/api/dashboards/${id}/project-access`, {
          method: 'PUT',
          token: alice,
          json: { enabled: true, role: 'author' },
        })
      ).status,
      200,
    );
    const asAuthor = await json(await server.request(`/api/dashboards/${id}`, { token: bob }));
    assert.equal(asAuthor.dashboard.role, 'author');
    assert.equal(asAuthor.dashboard.canModify, true);
    assert.equal(
      (
        await server.request(`/api/dashboards/${id}/shares`, {
          method: 'POST',
          token: alice,
          json: { username: 'bob', role: 'viewer' },
        })
      ).status,
      201,
    );
    const asViewer = await json(await server.request(`/api/dashboards/${id}`, { token: bob }));
    assert.equal(asViewer.dashboard.role, 'viewer');
    assert.equal(asViewer.dashboard.canModify, false);
    const patch = await server.request(`/api/dashboards/${id}`, {
      method: 'PATCH',
      token: bob,
      json: { title: 'Mine now' },
    });
    assert.equal(patch.status, 403);
    assert.equal((await json(patch)).error.code, 'not_author');
    // carol, an ops member without a share, still gets the project-wide author role.
    assert.equal(
      (await json(await server.request(`/api/dashboards/${id}`, { token: await token('carol') }))).dashboard.role,
      'author',
    );
  });

  test("P3: the owner of A cannot touch B's shares", async () => {
    const alice = await token('alice');
    // plant-maintenance (bob's) is not reachable by alice at all: 404, and the answer reveals nothing.
    for (const [method, path, body] of [
      ['GET', '/api/dashboards/plant-maintenance/sharing', undefined],
      ['POST', '/api/dashboards/plant-maintenance/shares', { username: 'carol' }],
      ['PUT', '/api/dashboards/plant-maintenance/project-access', { enabled: true, role: 'viewer' }],
    ] as const) {
      const res = await server.request(path, { method, token: alice, json: body });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    // regional-targets (dan's) is shared with alice as viewer: she sees it, so she gets 403, and nothing changes.
    const before = await server.store.listShares('regional-targets');
    for (const [method, path, body] of [
      ['POST', '/api/dashboards/regional-targets/shares', { username: 'bob' }],
      ['PATCH', '/api/dashboards/regional-targets/shares/alice', { role: 'owner' }],
      ['DELETE', '/api/dashboards/regional-targets/shares/alice', undefined],
      ['PUT', '/api/dashboards/regional-targets/organization-access', { enabled: true }],
    ] as const) {
      const res = await server.request(path, { method, token: alice, json: body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await json(res)).error.code, 'not_owner');
    }
    // Acting through her own dashboard's id does not reach a share of another dashboard either.
    const sideways = await server.request('/api/dashboards/sales-overview/shares/dan', {
      method: 'DELETE',
      token: alice,
    });
    assert.equal(sideways.status, 404);
    assert.equal((await json(sideways)).error.code, 'share_not_found');
    assert.deepEqual(await server.store.listShares('regional-targets'), before);
    assert.equal((await server.store.getDashboard('regional-targets'))!.orgAccess, false);
  });

  test('U3: a removed user loses access on the very next request', async () => {
    const alice = await token('alice');
    const dan = await token('dan');
    const created = await json(
      await server.request('/api/dashboards', {
        method: 'POST',
        token: alice,
        json: { projectId: 'sales', title: 'Revocation' },
      }),
    );
    const id = created.dashboard.id;
    assert.equal(
      (
        await server.request(`/api/dashboards/${id}/shares`, {
          method: 'POST',
          token: alice,
          json: { username: 'dan', role: 'author' },
        })
      ).status,
      201,
    );
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: dan })).status, 200);
    assert.equal(
      (await server.request(`/api/dashboards/${id}`, { method: 'PATCH', token: dan, json: { title: 'Edited by Dan' } }))
        .status,
      200,
    );
    // Lowering the role: the next edit is refused.
    assert.equal(
      (
        await server.request(`/api/dashboards/${id}/shares/dan`, {
          method: 'PATCH',
          token: alice,
          json: { role: 'viewer' },
        })
      ).status,
      200,
    );
    assert.equal(
      (await server.request(`/api/dashboards/${id}`, { method: 'PATCH', token: dan, json: { title: 'Again' } })).status,
      403,
    );
    // Removing the share: the next read is a 404 and the list drops it.
    assert.equal(
      (await server.request(`/api/dashboards/${id}/shares/dan`, { method: 'DELETE', token: alice })).status,
      204,
    );
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: dan })).status, 404);
    const list = await json(await server.request('/api/dashboards', { token: dan }));
    assert.ok(!list.dashboards.some((d: { id: string }) => d.id === id));
  });

  test('U3: a user taken out of the project loses project-wide access on the next request', async () => {
    // carol reaches ops-wall only through "Everyone in Operations"; the host portal drops her ops membership.
    const before = await server.token('carol');
    assert.equal((await server.request('/api/dashboards/ops-wall', { token: before })).status, 200);
    const after = await server.token('carol', { projects: { sales: 'member' } });
    assert.equal((await server.request('/api/dashboards/ops-wall', { token: after })).status, 404);
    const list = await json(await server.request('/api/dashboards', { token: after }));
    assert.ok(!list.dashboards.some((d: { id: string }) => d.id === 'ops-wall'));
    // Her own share on sales-overview does not depend on project membership.
    assert.equal((await server.request('/api/dashboards/sales-overview', { token: after })).status, 200);
  });

  test('P2: a dashboard that does not exist answers exactly like one you cannot see', async () => {
    const bob = await token('bob');
    const missing = await server.request('/api/dashboards/no-such-dashboard', { token: bob });
    const hidden = await server.request('/api/dashboards/regional-targets', { token: bob });
    assert.equal(missing.status, 404);
    assert.equal(hidden.status, 404);
    assert.deepEqual(withoutRequestId(await json(missing)), withoutRequestId(await json(hidden)));
  });
});

describe('P4, L7 and project rules: data sources, public links and projects (authorization-matrix.data.ts)', () => {
  const source = (overrides: Partial<DataSource> = {}): DataSource => ({
    id: 'matrix_source',
    orgId: 'northwind',
    projectId: 'ops',
    name: 'Matrix source',
    tableName: 'matrix_source',
    fields: [{ name: 'region', type: 'string', label: 'Region' }],
    readableBy: ['owner', 'member', 'viewer'],
    externalAccess: true,
    ...overrides,
  });
  const userIn = (standing: ProjectStanding): UserWithMemberships => ({
    id: 1,
    orgId: 'northwind',
    username: `mx-${standing}`,
    name: standing,
    email: `${standing}@example.test`,
    memberships:
      standing === 'none'
        ? [{ projectId: 'sales', projectName: 'Sales', role: 'owner' }]
        : [{ projectId: 'ops', projectName: 'Operations', role: standing }],
  });

  for (const { readableBy, expected } of DATA_SOURCE_READ) {
    for (const standing of STANDINGS) {
      test(`P4: readableBy [${readableBy.join(', ')}], ${standing} in the source's project → ${expected[standing] ? 'reads' : 'refused'}`, () => {
        assert.equal(canReadDataSource(userIn(standing), source({ readableBy })), expected[standing]);
      });
    }
  }

  test("issue 18.1: an owner of another organization's project of the same id reads none of this one's sources", () => {
    const elsewhere: UserWithMemberships = { ...userIn('owner'), orgId: 'contoso' };
    assert.equal(canReadDataSource(userIn('owner'), source()), true);
    assert.equal(canReadDataSource(elsewhere, source()), false);
    assert.throws(
      () => authorizeWidgetSource(elsewhere, { orgId: 'contoso', projectId: 'ops' }, source(), 'matrix_source'),
      (err) => err instanceof AppError && err.status === 400 && err.code === 'invalid_data_source',
    );
  });

  for (const { readableBy, sameProject, kept, expected } of WIDGET_SOURCE) {
    for (const standing of STANDINGS) {
      const outcome = expected[standing];
      test(`issue 18.2: widget on a source readableBy [${readableBy.join(', ')}]${sameProject ? '' : ' of another project'}${kept ? ', kept' : ''}, saved by ${standing} → ${outcome}`, () => {
        const dashboard = { orgId: 'northwind', projectId: sameProject ? 'ops' : 'sales' };
        const decide = () =>
          authorizeWidgetSource(userIn(standing), dashboard, source({ readableBy }), 'matrix_source', kept);
        if (outcome === 'ok') assert.equal(decide().id, 'matrix_source');
        else
          assert.throws(
            decide,
            (err) =>
              err instanceof AppError &&
              err.status === outcome &&
              err.code === (outcome === 403 ? 'data_source_forbidden' : 'invalid_data_source'),
          );
      });
    }
  }

  for (const { source: shape, locked, expected } of LINK_DATA) {
    const described =
      shape === 'missing'
        ? 'a missing source'
        : `externalAccess ${shape.externalAccess}, fields [${shape.fields.join(', ')}]`;
    test(`L7: ${described}, locked [${locked.join(', ')}] → ${expected ?? 'shown'}`, () => {
      const dataSource =
        shape === 'missing'
          ? undefined
          : source({
              externalAccess: shape.externalAccess,
              fields: shape.fields.map((name): FieldDefinition => ({ name, type: 'string', label: name })),
            });
      const link = { lockedFilters: Object.fromEntries(locked.map((field) => [field, ['EMEA']])) };
      assert.equal(linkDataRefusal(link, dataSource)?.code ?? null, expected);
      if (expected === null) authorizeLinkData(link, dataSource);
      else
        assert.throws(
          () => authorizeLinkData(link, dataSource),
          (err) => err instanceof AppError && err.status === 403 && err.code === expected,
        );
    });
  }

  for (const [role, allowed] of Object.entries(PROJECT_WIDE_ROLES) as [DashboardRole, boolean][]) {
    test(`project-wide access may grant ${role}: ${allowed}`, () => {
      if (allowed) authorizeProjectWideRole(role);
      else
        assert.throws(
          () => authorizeProjectWideRole(role),
          (err) => err instanceof AppError && err.status === 400,
        );
    });
  }

  describe('project actions over HTTP', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(() => server.close());

    for (const row of PROJECT_ACTIONS) {
      for (const standing of STANDINGS) {
        const status = row.expected[standing];
        test(`${row.method} ${row.path} (${row.action}) as ${standing} of ops → ${status}`, async () => {
          // The module's answer and the route's agree.
          const decide = () => authorizeProject(userIn(standing), 'ops', row.action as ProjectAction);
          if (status < 400) decide();
          else assert.throws(decide, (err) => err instanceof AppError && err.status === status);
          const projects: Record<string, ProjectRole> = standing === 'none' ? { sales: 'owner' } : { ops: standing };
          const token = await server.token(`mx-project-${standing}`, { projects });
          const res = await server.request(row.path, { method: row.method, token, json: row.body });
          const text = await res.text();
          assert.equal(res.status, status, text.slice(0, 300));
          if (status === 404) assert.equal(JSON.parse(text).error.code, 'project_not_found');
        });
      }
    }
  });
});
