/** U1–U6, P5: sharing with users, project-wide and organization-wide access, and data-source warnings. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, withoutRequestId, type TestServer } from './helpers.js';

describe('sharing API', () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let carol: string;
  let dan: string;
  before(async () => {
    server = await startTestServer();
    [alice, bob, carol, dan] = await Promise.all(['alice', 'bob', 'carol', 'dan'].map((u) => server.token(u)));
  });
  after(() => server.close());

  const newDashboard = async (projectId = 'ops', token = alice) =>
    (
      await json(
        await server.request('/api/dashboards', { method: 'POST', token, json: { projectId, title: 'Shared things' } }),
      )
    ).dashboard.id as string;
  const post = (id: string, body: unknown, token = alice) =>
    server.request(`/api/dashboards/${id}/shares`, { method: 'POST', token, json: body });
  const sharing = async (id: string, token = alice) => {
    const res = await server.request(`/api/dashboards/${id}/sharing`, { token });
    assert.equal(res.status, 200);
    return json(res);
  };

  test('GET …/sharing describes users, project, organization, public links and warnings', async () => {
    const s = await sharing('sales-overview');
    assert.deepEqual(s.owner, { username: 'alice', name: 'Alice Andersen' });
    assert.deepEqual(
      s.users.map((u: any) => [u.username, u.name, u.role]),
      [
        ['bob', 'Bob Brown', 'viewer'],
        ['carol', 'Carol Chen', 'author'],
      ].sort(),
    );
    assert.deepEqual(s.project, { id: 'sales', name: 'Sales', enabled: false, role: null });
    assert.deepEqual(s.organization, { id: 'northwind', name: 'Northwind', enabled: false });
    assert.ok(Array.isArray(s.publicLinks));
    assert.ok(Array.isArray(s.warnings));
  });

  test("GET …/sharing also carries the dashboard, the caller and the widgets' data sources: a share dialog loads with one request (issue 15)", async () => {
    const s = await sharing('sales-overview');
    const dashboard = await json(await server.request('/api/dashboards/sales-overview', { token: alice }));
    assert.deepEqual(s.dashboard, dashboard.dashboard, 'the same dashboard as GET /api/dashboards/:id');
    const me = await json(await server.request('/api/me', { token: alice }));
    assert.deepEqual(s.currentUser, me.user);
    assert.deepEqual(s.currentUser, { username: 'alice', name: 'Alice Andersen', email: 'alice@northwind.example' });
    // Each source the widgets read, once, with whether public links may show it (L7).
    const used = [...new Set(s.dashboard.widgets.map((w: any) => w.dataSourceId))].sort();
    assert.deepEqual(s.dataSources.map((d: any) => d.id).sort(), used);
    assert.deepEqual(
      s.dataSources.find((d: any) => d.id === 'support_tickets'),
      { id: 'support_tickets', name: 'Support tickets', externalAccess: false },
    );
    assert.equal(s.dataSources.find((d: any) => d.id === 'orders').externalAccess, true);
    // The original fields keep their meaning; the public links are the same list as GET …/public-links.
    const { links } = await json(await server.request('/api/dashboards/sales-overview/public-links', { token: alice }));
    assert.deepEqual(s.publicLinks, links);

    // A dashboard without widgets has no sources; a co-owner sees the dashboard with their own role and themself.
    const id = await newDashboard('ops');
    await post(id, { username: 'bob', role: 'owner' });
    const co = await sharing(id, bob);
    assert.deepEqual(co.dataSources, []);
    assert.equal(co.dashboard.role, 'owner');
    assert.equal(co.currentUser.username, 'bob');
    assert.equal(co.readOnly, false);
  });

  test('Issue 17: canDelete on the list and the dashboard: the creator only, not a co-owner or anyone else', async () => {
    const id = await newDashboard('ops');
    await post(id, { username: 'bob', role: 'owner' });
    await post(id, { username: 'carol', role: 'author' });
    for (const [token, expected] of [
      [alice, true],
      [bob, false],
      [carol, false],
    ] as const) {
      const { dashboards } = await json(await server.request('/api/dashboards', { token }));
      assert.equal(dashboards.find((d: any) => d.id === id).canDelete, expected);
      const { dashboard } = await json(await server.request(`/api/dashboards/${id}`, { token }));
      assert.equal(dashboard.canDelete, expected);
    }
  });

  test('Issue 17: a viewer or author reads who has access in one request, read-only and without secrets', async () => {
    const id = await newDashboard('ops');
    await post(id, { username: 'carol', role: 'author' });
    await post(id, { username: 'bob', role: 'viewer' });
    await server.request(`/api/dashboards/${id}/project-access`, {
      method: 'PUT',
      token: alice,
      json: { enabled: true, role: 'viewer' },
    });
    await server.request(`/api/dashboards/${id}/public-links`, { method: 'POST', token: alice, json: {} });
    const owners = await sharing(id, alice);
    assert.equal(owners.readOnly, false);
    assert.equal(owners.publicLinks.length, 1);
    for (const token of [carol, bob]) {
      const reader = await sharing(id, token);
      assert.equal(reader.readOnly, true);
      // Who has access: the owner, every person with their role, project access.
      assert.equal(reader.owner.username, 'alice');
      assert.deepEqual(reader.users.map((u: any) => [u.username, u.role]).sort(), [
        ['bob', 'viewer'],
        ['carol', 'author'],
      ]);
      assert.deepEqual(reader.project, owners.project);
      // Not the owner's business: emails, public links (their tokens are secrets), others' data-source warnings.
      assert.ok(reader.users.every((u: any) => u.email === ''));
      assert.deepEqual(reader.publicLinks, []);
      assert.deepEqual(reader.warnings, []);
      assert.deepEqual(reader.dataSources, []);
    }
    // Someone without a role still gets 404 (P2).
    assert.equal((await server.request(`/api/dashboards/${id}/sharing`, { token: dan })).status, 404);
  });

  test('U1: share_dashboard creates a viewer share by default, and the recipient sees the dashboard at once', async () => {
    const id = await newDashboard();
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: bob })).status, 404);
    const res = await post(id, { username: 'bob' });
    assert.equal(res.status, 201);
    const body = await json(res);
    assert.equal(body.share.username, 'bob');
    assert.equal(body.share.name, 'Bob Brown');
    assert.equal(body.share.role, 'viewer');
    assert.ok(Array.isArray(body.warnings));
    const seen = (await json(await server.request(`/api/dashboards/${id}`, { token: bob }))).dashboard;
    assert.equal(seen.role, 'viewer');
    assert.equal(seen.shared, true);
  });

  test('U1: the owner may add a user by email address', async () => {
    const id = await newDashboard();
    const res = await post(id, { username: 'Carol@Northwind.example', role: 'author' });
    assert.equal(res.status, 201);
    assert.equal((await json(res)).share.username, 'carol');
  });

  test("U2: unknown users and other organizations' users get the same 404 user_not_found", async () => {
    const id = await newDashboard();
    const unknown = await post(id, { username: 'zed' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(withoutRequestId(await json(unknown)), {
      error: { code: 'user_not_found', message: "User 'zed' not found." },
    });
    const other = await post(id, { username: 'erin' });
    assert.equal(other.status, 404);
    assert.deepEqual(withoutRequestId(await json(other)), {
      error: { code: 'user_not_found', message: "User 'erin' not found." },
    });
    const byEmail = await post(id, { username: 'erin@contoso.example' });
    assert.equal(byEmail.status, 404);
    assert.equal((await json(byEmail)).error.code, 'user_not_found');
  });

  test('U2: the same user twice → 409 already_shared', async () => {
    const id = await newDashboard();
    assert.equal((await post(id, { username: 'bob' })).status, 201);
    const again = await post(id, { username: 'bob', role: 'author' });
    assert.equal(again.status, 409);
    const { error } = await json(again);
    assert.equal(error.code, 'already_shared');
    assert.match(error.message, /Bob Brown already has access/);
    assert.equal((await server.store.listShares(id))[0]!.role, 'viewer');
  });

  test('U2: sharing with yourself or the creator is refused with a clear message', async () => {
    const id = await newDashboard();
    const self = await post(id, { username: 'alice' });
    assert.equal(self.status, 400);
    assert.equal((await json(self)).error.code, 'cannot_share_with_owner');
    await post(id, { username: 'bob', role: 'owner' });
    const coOwnerToCreator = await post(id, { username: 'alice' }, bob);
    assert.equal(coOwnerToCreator.status, 400);
    const { error } = await json(coOwnerToCreator);
    assert.equal(error.code, 'cannot_share_with_owner');
    assert.match(error.message, /Alice Andersen owns this dashboard/);
    const coOwnerToSelf = await post(id, { username: 'bob' }, bob);
    assert.equal((await json(coOwnerToSelf)).error.code, 'cannot_share_with_owner');
  });

  test('U6, no escalation: an author cannot share, change roles or toggle access', async () => {
    const id = await newDashboard();
    await post(id, { username: 'bob', role: 'author' });
    await post(id, { username: 'carol', role: 'viewer' });
    // Reading who has access is allowed (issue 17: read-only); changing it is not.
    const attempts = [
      ['POST', `/api/dashboards/${id}/shares`, { username: 'dan' }],
      ['PATCH', `/api/dashboards/${id}/shares/bob`, { role: 'owner' }],
      ['PATCH', `/api/dashboards/${id}/shares/carol`, { role: 'author' }],
      ['DELETE', `/api/dashboards/${id}/shares/carol`, undefined],
      ['PUT', `/api/dashboards/${id}/project-access`, { enabled: true, role: 'author' }],
      ['PUT', `/api/dashboards/${id}/organization-access`, { enabled: true }],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await server.request(path, { method, token: bob, json: body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await json(res)).error.code, 'not_owner');
    }
    const shares = await server.store.listShares(id);
    assert.deepEqual(
      shares.map((s) => [s.username, s.role]),
      [
        ['bob', 'author'],
        ['carol', 'viewer'],
      ],
    );
  });

  test('a co-owner shares and changes roles, but the creator stays owner and cannot be removed', async () => {
    const id = await newDashboard();
    await post(id, { username: 'bob', role: 'owner' });
    assert.equal((await post(id, { username: 'carol', role: 'author' }, bob)).status, 201);
    assert.equal(
      (
        await server.request(`/api/dashboards/${id}/shares/carol`, {
          method: 'PATCH',
          token: bob,
          json: { role: 'viewer' },
        })
      ).status,
      200,
    );
    for (const [method, body] of [
      ['PATCH', { role: 'viewer' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await server.request(`/api/dashboards/${id}/shares/alice`, { method, token: bob, json: body });
      assert.equal(res.status, 400, method);
      const { error } = await json(res);
      assert.equal(error.code, 'cannot_change_owner');
      assert.match(error.message, /always stays its owner/);
    }
    assert.equal((await json(await server.request(`/api/dashboards/${id}`, { token: alice }))).dashboard.role, 'owner');
    // The creator can demote or remove a co-owner.
    assert.equal(
      (
        await server.request(`/api/dashboards/${id}/shares/bob`, {
          method: 'PATCH',
          token: alice,
          json: { role: 'viewer' },
        })
      ).status,
      200,
    );
    // Demoted, bob's dialog turns read-only (issue 17: no longer a 403).
    assert.equal((await sharing(id, bob)).readOnly, true);
  });

  test('U3: change role and remove; unknown or unshared users → 404 share_not_found; bad roles → 400', async () => {
    const id = await newDashboard();
    await post(id, { username: 'bob' });
    const changed = await server.request(`/api/dashboards/${id}/shares/bob`, {
      method: 'PATCH',
      token: alice,
      json: { role: 'author' },
    });
    assert.equal(changed.status, 200);
    assert.equal((await json(changed)).share.role, 'author');
    assert.equal((await json(await server.request(`/api/dashboards/${id}`, { token: bob }))).dashboard.role, 'author');
    for (const username of ['carol', 'zed', 'erin']) {
      const res = await server.request(`/api/dashboards/${id}/shares/${username}`, {
        method: 'PATCH',
        token: alice,
        json: { role: 'viewer' },
      });
      assert.equal(res.status, 404, username);
      assert.equal((await json(res)).error.code, 'share_not_found');
    }
    for (const body of [{ role: 'admin' }, {}, { role: 'viewer', extra: true }]) {
      const res = await server.request(`/api/dashboards/${id}/shares/bob`, {
        method: 'PATCH',
        token: alice,
        json: body,
      });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal((await post(id, { username: 'carol', role: 'superuser' })).status, 400);
    assert.equal(
      (await server.request(`/api/dashboards/${id}/shares/bob`, { method: 'DELETE', token: alice })).status,
      204,
    );
    assert.equal(
      (await server.request(`/api/dashboards/${id}/shares/bob`, { method: 'DELETE', token: alice })).status,
      404,
    );
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: bob })).status, 404);
  });

  test('U5: project-wide access with a role, and organization-wide view', async () => {
    const id = await newDashboard('ops');
    const on = await server.request(`/api/dashboards/${id}/project-access`, {
      method: 'PUT',
      token: alice,
      json: { enabled: true, role: 'author' },
    });
    assert.equal(on.status, 200);
    assert.deepEqual((await json(on)).project, { id: 'ops', name: 'Operations', enabled: true, role: 'author' });
    assert.equal(
      (await json(await server.request(`/api/dashboards/${id}`, { token: carol }))).dashboard.role,
      'author',
    );
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: dan })).status, 404);

    const defaulted = await server.request(`/api/dashboards/${id}/project-access`, {
      method: 'PUT',
      token: alice,
      json: { enabled: true },
    });
    assert.equal((await json(defaulted)).project.role, 'viewer');
    for (const body of [{ enabled: true, role: 'owner' }, { role: 'viewer' }, { enabled: 'yes' }]) {
      const res = await server.request(`/api/dashboards/${id}/project-access`, {
        method: 'PUT',
        token: alice,
        json: body,
      });
      assert.equal(res.status, 400, JSON.stringify(body));
      // Issue 17: an owner for a whole project is refused with a sentence, not the schema's enum text.
      if (body.role === 'owner')
        assert.equal(
          (await json(res)).error.message,
          "Invalid body: 'role' must be viewer or author: everyone in a project cannot be owner (an owner is a person).",
        );
    }
    const off = await server.request(`/api/dashboards/${id}/project-access`, {
      method: 'PUT',
      token: alice,
      json: { enabled: false },
    });
    assert.deepEqual((await json(off)).project, { id: 'ops', name: 'Operations', enabled: false, role: null });
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: carol })).status, 404);

    const org = await server.request(`/api/dashboards/${id}/organization-access`, {
      method: 'PUT',
      token: alice,
      json: { enabled: true },
    });
    assert.equal(org.status, 200);
    assert.deepEqual((await json(org)).organization, { id: 'northwind', name: 'Northwind', enabled: true });
    const asDan = (await json(await server.request(`/api/dashboards/${id}`, { token: dan }))).dashboard;
    assert.equal(asDan.role, 'viewer');
    assert.ok(
      (await json(await server.request('/api/dashboards?filter=org', { token: dan }))).dashboards.some(
        (d: any) => d.id === id,
      ),
    );
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: await server.token('erin') })).status, 404);
    assert.equal(
      (await server.request(`/api/dashboards/${id}/organization-access`, { method: 'PUT', token: alice, json: {} }))
        .status,
      400,
    );
    await server.request(`/api/dashboards/${id}/organization-access`, {
      method: 'PUT',
      token: alice,
      json: { enabled: false },
    });
    assert.equal((await server.request(`/api/dashboards/${id}`, { token: dan })).status, 404);
  });

  describe('P5: warnings name who cannot read which data source', () => {
    test("a shared user outside the source's project cannot read it; a member who may read gets no warning", async () => {
      const s = await sharing('sales-overview');
      // bob is not in sales: he can read neither Orders nor Support tickets; carol (sales member) reads both.
      assert.deepEqual(s.warnings, [
        {
          subject: 'user',
          id: 'bob',
          name: 'Bob Brown',
          dataSources: [
            { id: 'orders', name: 'Orders' },
            { id: 'support_tickets', name: 'Support tickets' },
          ],
          message: 'Bob Brown cannot read Orders and Support tickets.',
        },
      ]);
    });

    test('share and toggle responses carry the warnings, including the user being added and "Everyone in <project>"', async () => {
      // plant-maintenance (bob's, ops) reads maintenance_log, which ops viewers may not read.
      const added = await post('plant-maintenance', { username: 'carol' }, bob);
      assert.equal(added.status, 201);
      const { warnings } = await json(added);
      assert.deepEqual(warnings, [
        {
          subject: 'user',
          id: 'carol',
          name: 'Carol Chen',
          dataSources: [{ id: 'maintenance_log', name: 'Maintenance log' }],
          message: 'Carol Chen cannot read Maintenance log.',
        },
      ]);
      const project = await json(
        await server.request('/api/dashboards/plant-maintenance/project-access', {
          method: 'PUT',
          token: bob,
          json: { enabled: true, role: 'viewer' },
        }),
      );
      const everyone = project.warnings.find((w: any) => w.subject === 'project');
      assert.deepEqual(everyone, {
        subject: 'project',
        id: 'ops',
        name: 'Everyone in Operations',
        dataSources: [{ id: 'maintenance_log', name: 'Maintenance log' }],
        message: 'Everyone in Operations: members with the viewer role cannot read Maintenance log.',
      });
      const org = await json(
        await server.request('/api/dashboards/plant-maintenance/organization-access', {
          method: 'PUT',
          token: bob,
          json: { enabled: true },
        }),
      );
      const orgWarning = org.warnings.find((w: any) => w.subject === 'organization');
      assert.equal(orgWarning.name, 'Everyone in Northwind');
      assert.equal(orgWarning.message, 'Everyone in Northwind: people outside Operations cannot read Maintenance log.');
      const dans = await json(await post('plant-maintenance', { username: 'dan' }, bob));
      assert.ok(
        dans.warnings.some((w: any) => w.id === 'dan' && w.message === 'Dan Diaz cannot read Maintenance log.'),
      );
      // The sharing view shows the same list.
      assert.deepEqual((await sharing('plant-maintenance', bob)).warnings, dans.warnings);
    });

    test('no widgets, no warnings; a readable source gives none for project-wide access', async () => {
      const id = await newDashboard('ops');
      await server.request(`/api/dashboards/${id}/project-access`, {
        method: 'PUT',
        token: alice,
        json: { enabled: true, role: 'viewer' },
      });
      assert.deepEqual((await sharing(id)).warnings, []);
      await server.request(`/api/dashboards/${id}/widgets`, {
        method: 'POST',
        token: alice,
        json: { title: 'T', type: 'kpi', dataSourceId: 'sensor_readings', query: { metrics: [{ agg: 'count' }] } },
      });
      assert.deepEqual((await sharing(id)).warnings, []);
    });
  });
});
