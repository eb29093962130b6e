/** P1–P3, P6, C4: the dashboards and widgets routes against the real server and SQLite store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, type TestServer } from './helpers.js';

describe('dashboards and widgets API', () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let carol: string;
  before(async () => {
    server = await startTestServer();
    [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((u) => server.token(u)));
  });
  after(() => server.close());

  const create = async (token: string, body: Record<string, unknown> = { projectId: 'ops', title: 'Line health' }) => {
    const res = await server.request('/api/dashboards', { method: 'POST', token, json: body });
    assert.equal(res.status, 201, await res.clone().text());
    return (await json(res)).dashboard;
  };
  const share = async (id: string, username: string, role = 'viewer', token = alice) => {
    const res = await server.request(`/api/dashboards/${id}/shares`, {
      method: 'POST',
      token,
      json: { username, role },
    });
    assert.equal(res.status, 201, await res.clone().text());
  };
  const get = async (id: string, token: string) =>
    (await json(await server.request(`/api/dashboards/${id}`, { token }))).dashboard;

  test('P1: the creator of a new dashboard is its owner and gets the full dashboard body', async () => {
    const d = await create(alice, {
      projectId: 'ops',
      title: '  Line health ',
      description: 'Per line',
      refreshInterval: 60,
    });
    assert.match(d.id, /^[0-9a-f-]{36}$/);
    assert.equal(d.title, 'Line health');
    assert.equal(d.description, 'Per line');
    assert.equal(d.projectId, 'ops');
    assert.deepEqual(d.owner, { username: 'alice', name: 'Alice Andersen' });
    assert.equal(d.role, 'owner');
    assert.equal(d.shared, false);
    assert.equal(d.canModify, true);
    assert.deepEqual(d.widgets, []);
    assert.deepEqual(d.filters, []);
    assert.equal(d.refreshInterval, 60);
    assert.deepEqual(d.access, {
      icon: 'lock',
      summary: 'You are the owner. Nobody else has access.',
      publicLinkCount: 0,
      changedLinkCount: 0,
    });
    assert.deepEqual(await get(d.id, alice), d);
  });

  test('new dashboards get fresh random ids; a client cannot choose one', async () => {
    const a = await create(alice);
    const b = await create(alice);
    assert.notEqual(a.id, b.id);
    const res = await server.request('/api/dashboards', {
      method: 'POST',
      token: alice,
      json: { id: 'ops-wall', projectId: 'ops', title: 'Hijack' },
    });
    assert.equal(res.status, 400);
    assert.equal((await get('ops-wall', alice)).title, 'Operations wall');
  });

  test('creating needs membership of the project: 404 for another or unknown project, 400 for a bad body', async () => {
    const dan = await server.token('dan');
    for (const projectId of ['ops', 'cx', 'nope']) {
      const res = await server.request('/api/dashboards', {
        method: 'POST',
        token: dan,
        json: { projectId, title: 'X' },
      });
      assert.equal(res.status, 404, projectId);
      assert.equal((await json(res)).error.code, 'project_not_found');
    }
    for (const body of [
      {},
      { projectId: 'sales' },
      { projectId: 'sales', title: '' },
      { projectId: 'sales', title: 'X', refreshInterval: -1 },
      'text',
      [1],
    ]) {
      const res = await server.request('/api/dashboards', { method: 'POST', token: dan, json: body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(typeof (await json(res)).error.message, 'string');
    }
  });

  test('P3: authors edit title, description, filters, refresh interval and layout; viewers get 403', async () => {
    const d = await create(alice);
    await share(d.id, 'bob', 'author');
    await share(d.id, 'carol', 'viewer');
    const widget = (
      await json(
        await server.request(`/api/dashboards/${d.id}/widgets`, {
          method: 'POST',
          token: bob,
          json: {
            title: 'Temp',
            type: 'kpi',
            dataSourceId: 'sensor_readings',
            query: { metrics: [{ agg: 'avg', field: 'temperature' }] },
          },
        }),
      )
    ).widget;
    const patch = {
      title: 'Renamed',
      description: 'New words',
      refreshInterval: 120,
      filters: [{ field: 'line', type: 'select', label: 'Line', options: ['Line A'] }],
      widgets: [{ id: widget.id, title: 'Temperature', position: { x: 6, y: 1, w: 6, h: 3 } }],
    };
    const res = await server.request(`/api/dashboards/${d.id}`, { method: 'PATCH', token: bob, json: patch });
    assert.equal(res.status, 200);
    const updated = (await json(res)).dashboard;
    assert.equal(updated.title, 'Renamed');
    assert.equal(updated.description, 'New words');
    assert.equal(updated.refreshInterval, 120);
    assert.deepEqual(updated.filters, patch.filters);
    assert.deepEqual(updated.widgets[0].position, { x: 6, y: 1, w: 6, h: 3 });
    assert.equal(updated.widgets[0].title, 'Temperature');
    assert.equal(updated.role, 'author');

    const refused = await server.request(`/api/dashboards/${d.id}`, {
      method: 'PATCH',
      token: carol,
      json: { title: 'Nope' },
    });
    assert.equal(refused.status, 403);
    assert.equal((await json(refused)).error.code, 'not_author');
    assert.equal((await get(d.id, carol)).canModify, false);
  });

  test('PATCH refuses an empty body, unknown keys and unknown widgets, changing nothing', async () => {
    const d = await create(alice);
    for (const body of [
      {},
      { owner: 'bob' },
      { widgets: [{ id: 'ghost', position: { x: 0, y: 0, w: 1, h: 1 } }], title: 'Changed?' },
    ]) {
      const res = await server.request(`/api/dashboards/${d.id}`, { method: 'PATCH', token: alice, json: body });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal((await get(d.id, alice)).title, d.title);
  });

  test('P3: only the creator deletes; deleting removes widgets, shares and links but keeps the audit trail', async () => {
    const d = await create(alice);
    await server.request(`/api/dashboards/${d.id}/widgets`, {
      method: 'POST',
      token: alice,
      json: { title: 'Temp', type: 'kpi', dataSourceId: 'sensor_readings', query: { metrics: [{ agg: 'count' }] } },
    });
    await share(d.id, 'bob', 'owner');
    await share(d.id, 'carol', 'author');
    const aliceId = (await server.store.getUserByUsername('northwind', 'alice'))!.id;
    await server.store.insertLink({
      id: `link-${d.id}`,
      dashboardId: d.id,
      label: 'x',
      tokenHash: `hash-${d.id}`,
      tokenSealed: 'sealed',
      createdAt: new Date().toISOString(),
      createdBy: aliceId,
      revokedAt: null,
      pausedAt: null,
      expiresAt: null,
      passcodeEnabled: false,
      passcodeSealed: null,
      passcodeVersion: 0,
      lockedFilters: {},
      frameAncestors: null,
      accessCount: 0,
      lastAccessAt: null,
      previousTokenHash: null,
      previousTokenUntil: null,
      widgetIds: null,
      pauseOnChange: false,
      exposureChanges: [],
      exportMode: 'on',
      exportRowCap: null,
    });
    await server.store.appendAudit([
      {
        linkId: `link-${d.id}`,
        dashboardId: d.id,
        at: new Date().toISOString(),
        clientAddress: '127.0.0.1',
        userAgent: 'test',
        route: 'view',
        outcome: 'ok',
      },
    ]);

    for (const [token, code] of [
      [carol, 'not_owner'],
      [bob, 'not_creator'],
    ] as const) {
      const res = await server.request(`/api/dashboards/${d.id}`, { method: 'DELETE', token });
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, code);
    }
    assert.equal((await server.request(`/api/dashboards/${d.id}`, { method: 'DELETE', token: alice })).status, 204);
    assert.equal((await server.request(`/api/dashboards/${d.id}`, { token: alice })).status, 404);
    assert.deepEqual(await server.store.listWidgets(d.id), []);
    assert.deepEqual(await server.store.listShares(d.id), []);
    assert.equal(await server.store.getLink(`link-${d.id}`), undefined);
    assert.equal((await server.store.listAudit(`link-${d.id}`)).length, 1);
    assert.equal((await server.request(`/api/dashboards/${d.id}`, { method: 'DELETE', token: alice })).status, 404);
  });

  describe('saving a whole edit: PUT /api/dashboards/{id}', () => {
    const temperature = {
      title: 'Temperature',
      type: 'kpi',
      dataSourceId: 'sensor_readings',
      query: { metrics: [{ agg: 'avg', field: 'temperature' }] },
      position: { x: 0, y: 0, w: 4, h: 2 },
    };
    const save = (id: string, body: unknown, token = alice) =>
      server.request(`/api/dashboards/${id}`, { method: 'PUT', token, json: body });
    /** A dashboard of alice's with two widgets, bob an author and carol a viewer of it. */
    const board = async () => {
      const d = await create(alice);
      for (const title of ['First', 'Second']) {
        const res = await server.request(`/api/dashboards/${d.id}/widgets`, {
          method: 'POST',
          token: alice,
          json: { ...temperature, title },
        });
        assert.equal(res.status, 201, await res.clone().text());
      }
      await share(d.id, 'bob', 'author');
      await share(d.id, 'carol', 'viewer');
      return get(d.id, alice);
    };
    test('one request: listed widgets updated, new ones added, the others removed; 200 with the dashboard', async () => {
      const d = await board();
      const [first] = d.widgets;
      const edited = {
        ...first,
        title: 'Temperature by machine',
        type: 'bar',
        query: { metrics: [{ agg: 'max', field: 'temperature', as: 'top' }], dimensions: ['machine'] },
        position: { x: 4, y: 0, w: 8, h: 4 },
      };
      const added = { ...temperature, title: 'Added', position: { x: 0, y: 4, w: 4, h: 2 } };
      const res = await save(
        d.id,
        {
          title: '  Saved at once ',
          description: 'One transaction',
          widgets: [edited, added],
          baseUpdatedAt: d.updatedAt,
        },
        bob,
      );
      assert.equal(res.status, 200, await res.clone().text());
      const saved = (await json(res)).dashboard;
      assert.deepEqual(saved, await get(d.id, bob), 'the answer is what GET answers');
      assert.equal(saved.title, 'Saved at once');
      assert.equal(saved.description, 'One transaction');
      assert.equal(saved.role, 'author');
      assert.ok(Date.parse(saved.updatedAt) > Date.parse(d.updatedAt));
      assert.equal(saved.widgets.length, 2, 'the second widget, not listed, is gone');
      assert.deepEqual(saved.widgets[0], {
        ...edited,
        query: { ...edited.query, dimensions: ['machine'], filters: [], sort: [] },
      });
      const [, fresh] = saved.widgets;
      assert.match(fresh.id, /^[0-9a-f-]{36}$/, 'a server-chosen id');
      assert.deepEqual(
        { ...fresh, id: undefined },
        // filterFields (issue 17): this dashboard has no filters, so none narrow the new widget.
        { ...added, id: undefined, query: { ...added.query, dimensions: [], filters: [], sort: [] }, filterFields: [] },
      );
      // Without a description the description stays; without baseUpdatedAt the save simply applies.
      const again = await save(d.id, { title: 'Again', widgets: saved.widgets });
      assert.equal(again.status, 200);
      const after = (await json(again)).dashboard;
      assert.deepEqual([after.title, after.description, after.widgets], ['Again', 'One transaction', saved.widgets]);
      const widgetData = await server.request(`/api/dashboards/${d.id}/widgets/${fresh.id}/data`, { token: alice });
      assert.equal(widgetData.status, 200, 'a saved widget reads its data');
    });

    test('an invalid widget anywhere in the list refuses the whole save: nothing changes', async () => {
      const d = await board();
      const [first, second] = d.widgets;
      const before = await get(d.id, alice);
      const body = (bad: unknown) => ({
        title: 'Never saved',
        description: 'Never',
        widgets: [{ ...first, title: 'Renamed' }, { ...temperature, title: 'New' }, bad],
        baseUpdatedAt: d.updatedAt,
      });
      const cases: [unknown, string][] = [
        [{ ...second, query: { metrics: [{ agg: 'sum', field: 'machine' }] } }, 'invalid_query'],
        [{ ...temperature, query: { dimensions: ['password'] } }, 'invalid_query'],
        [{ ...temperature, dataSourceId: 'orders' }, 'invalid_data_source'],
        [{ ...temperature, dataSourceId: 'no_such_source' }, 'invalid_data_source'],
        [{ ...temperature, id: 'ghost' }, 'widget_not_found'],
      ];
      for (const [bad, code] of cases) {
        const res = await save(d.id, body(bad));
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.equal((await json(res)).error.code, code, JSON.stringify(bad));
        assert.deepEqual(await get(d.id, alice), before, `${code}: nothing changed`);
      }
    });

    test('409 edit_conflict when someone saved since baseUpdatedAt; nothing is overwritten', async () => {
      const d = await board();
      const patched = await server.request(`/api/dashboards/${d.id}`, {
        method: 'PATCH',
        token: bob,
        json: { title: "Bob's title" },
      });
      assert.equal(patched.status, 200);
      const theirs = await get(d.id, alice);
      for (const widgets of [d.widgets, [{ ...temperature, title: 'New' }], []]) {
        const res = await save(d.id, { title: "Alice's title", widgets, baseUpdatedAt: d.updatedAt });
        assert.equal(res.status, 409);
        const { error } = await json(res);
        assert.equal(error.code, 'edit_conflict');
        assert.match(error.message, /reload/i);
        assert.deepEqual(await get(d.id, alice), theirs, 'their save stands');
      }
      // A widget someone else removed meanwhile is a conflict too, not an unknown widget.
      await server.request(`/api/dashboards/${d.id}/widgets/${d.widgets[0].id}`, { method: 'DELETE', token: bob });
      const stale = await save(d.id, { title: 'x', widgets: d.widgets, baseUpdatedAt: theirs.updatedAt });
      assert.equal(stale.status, 409);
      const current = await get(d.id, alice);
      const fresh = await save(d.id, {
        title: "Alice's title",
        widgets: current.widgets,
        baseUpdatedAt: current.updatedAt,
      });
      assert.equal(fresh.status, 200, 'from the current version it saves');
    });

    test('403 not_author for a viewer, 404 for a dashboard the caller cannot see; nothing changes', async () => {
      const d = await board();
      const before = await get(d.id, alice);
      const viewer = await save(d.id, { title: 'Viewer', widgets: [] }, carol);
      assert.equal(viewer.status, 403);
      assert.equal((await json(viewer)).error.code, 'not_author');
      const erin = await server.token('erin');
      for (const [id, token] of [
        ['no-such-dashboard', alice],
        [d.id, erin],
      ] as const) {
        const res = await save(id, { title: 'Nope', widgets: [] }, token);
        assert.equal(res.status, 404, `${id} as ${token === erin ? 'erin' : 'alice'}`);
        assert.equal((await json(res)).error.code, 'dashboard_not_found');
      }
      assert.deepEqual(await get(d.id, alice), before);
    });

    test('400 invalid_request for a body the schema refuses; nothing changes', async () => {
      const d = await board();
      const before = await get(d.id, alice);
      const [first] = d.widgets;
      const bodies: unknown[] = [
        {},
        { widgets: [] },
        { title: '   ', widgets: [] },
        { title: 'No widgets' },
        { title: 'x', widgets: {} },
        { title: 'x', widgets: [], owner: 'bob' },
        { title: 'x', widgets: [{ ...temperature, position: undefined }] },
        { title: 'x', widgets: [{ ...temperature, dashboardId: d.id }] },
        { title: 'x', widgets: [{ ...temperature, type: 'gauge' }] },
        { title: 'x', widgets: [first, { ...first, title: 'Twice' }] },
        { title: 'x', widgets: Array.from({ length: 101 }, () => temperature) },
        { title: 'x', widgets: [], baseUpdatedAt: 'yesterday' },
        { title: 'x', widgets: [], baseUpdatedAt: 0 },
      ];
      for (const body of bodies) {
        const res = await save(d.id, body);
        assert.equal(res.status, 400, JSON.stringify(body).slice(0, 200));
        assert.equal((await json(res)).error.code, 'invalid_request');
      }
      const notJson = await server.request(`/api/dashboards/${d.id}`, {
        method: 'PUT',
        token: alice,
        headers: { 'content-type': 'application/json' },
        body: '{"title":',
      });
      assert.equal(notJson.status, 400);
      assert.deepEqual(await get(d.id, alice), before);
    });
  });

  describe('widgets', () => {
    let id: string;
    before(async () => {
      id = (await create(alice)).id;
    });
    const addWidget = (body: unknown, token = alice) =>
      server.request(`/api/dashboards/${id}/widgets`, { method: 'POST', token, json: body });
    const valid = {
      title: 'Temperature by machine',
      type: 'bar',
      dataSourceId: 'sensor_readings',
      query: {
        metrics: [{ agg: 'avg', field: 'temperature', as: 'temp' }],
        dimensions: ['machine', { field: 'recorded_at', bucket: 'day', as: 'day' }],
        filters: [{ field: 'line', op: 'eq', value: 'Line A' }],
        sort: [{ by: 'temp', dir: 'desc' }],
        limit: 10,
      },
    };

    test('an author adds a widget: 201 with a server-chosen id, stacked below the others', async () => {
      const first = await addWidget(valid);
      assert.equal(first.status, 201);
      const w1 = (await json(first)).widget;
      assert.match(w1.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(w1.position, { x: 0, y: 0, w: 6, h: 4 });
      assert.equal(w1.query.sort[0].by, 'temp');
      const w2 = (await json(await addWidget({ ...valid, position: undefined, title: 'Second' }))).widget;
      assert.deepEqual(w2.position, { x: 0, y: 4, w: 6, h: 4 });
      const d = await get(id, alice);
      assert.deepEqual(
        d.widgets.map((w: { id: string }) => w.id),
        [w1.id, w2.id],
      );
      const withId = await addWidget({ ...valid, id: w1.id });
      assert.equal(withId.status, 400, 'a client-chosen id is refused');
    });

    test('every field name is checked against the data source: 400 invalid_query naming the field', async () => {
      const cases: [unknown, string][] = [
        [{ metrics: [{ agg: 'sum', field: 'password' }] }, 'password'],
        [{ dimensions: ['region'] }, 'region'],
        [{ dimensions: [{ field: 'machinee' }] }, 'machinee'],
        [{ filters: [{ field: 'secret', op: 'eq', value: 1 }] }, 'secret'],
        [{ sort: [{ by: 'nowhere' }] }, 'nowhere'],
        [{ metrics: [{ agg: 'sum', field: 'machine' }] }, 'machine'],
        [{ dimensions: [{ field: 'machine', bucket: 'day' }] }, 'machine'],
      ];
      for (const [query, field] of cases) {
        const res = await addWidget({ ...valid, query });
        assert.equal(res.status, 400, JSON.stringify(query));
        const { error } = await json(res);
        assert.equal(error.code, 'invalid_query');
        assert.ok(error.message.includes(`'${field}'`), error.message);
      }
      const sum = await addWidget({ ...valid, query: { metrics: [{ agg: 'sum' }] } });
      assert.equal((await json(sum)).error.code, 'invalid_query');
    });

    test('a malformed query is a 400 from the schema, never SQL', async () => {
      for (const query of [
        'SELECT * FROM users',
        { metrics: [{ agg: 'drop', field: 'x' }] },
        { dimensions: ['a; DROP TABLE users'] },
        { limit: 0 },
        { extra: 1 },
      ]) {
        const res = await addWidget({ ...valid, query });
        assert.equal(res.status, 400, JSON.stringify(query));
      }
    });

    test("the data source must belong to the dashboard's project", async () => {
      for (const dataSourceId of ['orders', 'cx_calls', 'no_such_source']) {
        const res = await addWidget({ ...valid, dataSourceId, query: { metrics: [{ agg: 'count' }] } });
        assert.equal(res.status, 400, dataSourceId);
        assert.equal((await json(res)).error.code, 'invalid_data_source');
      }
    });

    test('removing a widget: 204, then 404 widget_not_found; viewers get 403', async () => {
      const w = (await json(await addWidget(valid))).widget;
      await share(id, 'carol', 'viewer');
      assert.equal(
        (await server.request(`/api/dashboards/${id}/widgets/${w.id}`, { method: 'DELETE', token: carol })).status,
        403,
      );
      assert.equal(
        (await server.request(`/api/dashboards/${id}/widgets/${w.id}`, { method: 'DELETE', token: alice })).status,
        204,
      );
      const again = await server.request(`/api/dashboards/${id}/widgets/${w.id}`, { method: 'DELETE', token: alice });
      assert.equal(again.status, 404);
      assert.equal((await json(again)).error.code, 'widget_not_found');
      assert.ok(!(await get(id, alice)).widgets.some((x: { id: string }) => x.id === w.id));
    });
  });

  describe('P6: permission icon and summary', () => {
    test('lock → group → office for the creator; eye for viewers; group for authors and co-owners', async () => {
      const d = await create(alice, { projectId: 'ops', title: 'Icons' });
      assert.equal((await get(d.id, alice)).access.icon, 'lock');

      await share(d.id, 'bob', 'author');
      await share(d.id, 'carol', 'viewer');
      const mine = await get(d.id, alice);
      assert.equal(mine.access.icon, 'group');
      assert.equal(mine.access.summary, 'You are the owner. Shared with Bob Brown (author) and Carol Chen (viewer).');

      const asAuthor = await get(d.id, bob);
      assert.equal(asAuthor.access.icon, 'group');
      assert.equal(
        asAuthor.access.summary,
        'You are an author. Owner: Alice Andersen. Also shared with Carol Chen (viewer).',
      );
      const asViewer = await get(d.id, carol);
      assert.equal(asViewer.access.icon, 'eye');
      assert.equal(
        asViewer.access.summary,
        'You are a viewer. Owner: Alice Andersen. Also shared with Bob Brown (author).',
      );

      await server.request(`/api/dashboards/${d.id}/organization-access`, {
        method: 'PUT',
        token: alice,
        json: { enabled: true },
      });
      assert.equal((await get(d.id, alice)).access.icon, 'office');
      assert.equal((await get(d.id, bob)).access.icon, 'office');
      assert.equal((await get(d.id, carol)).access.icon, 'eye');
      assert.match((await get(d.id, alice)).access.summary, /everyone in Northwind \(viewer\)\.$/);
    });

    test('project-wide access alone turns the lock into group; a co-owner is named as such', async () => {
      const d = await create(alice, { projectId: 'ops', title: 'Project icons' });
      await server.request(`/api/dashboards/${d.id}/project-access`, {
        method: 'PUT',
        token: alice,
        json: { enabled: true, role: 'viewer' },
      });
      const mine = await get(d.id, alice);
      assert.equal(mine.access.icon, 'group');
      assert.equal(mine.access.summary, 'You are the owner. Shared with everyone in Operations (viewer).');
      await share(d.id, 'bob', 'owner');
      const coOwner = await get(d.id, bob);
      assert.equal(coOwner.access.icon, 'group');
      assert.match(coOwner.access.summary, /^You are a co-owner\. Owner: Alice Andersen\./);
    });

    test('publicLinkCount counts active links for owners only; links do not change the icon', async () => {
      const d = await create(alice, { projectId: 'ops', title: 'Links' });
      await share(d.id, 'carol', 'viewer');
      const aliceId = (await server.store.getUserByUsername('northwind', 'alice'))!.id;
      for (const n of [1, 2, 3]) {
        await server.store.insertLink({
          id: `l${n}-${d.id}`,
          dashboardId: d.id,
          label: '',
          tokenHash: `h${n}-${d.id}`,
          tokenSealed: 's',
          createdAt: new Date().toISOString(),
          createdBy: aliceId,
          revokedAt: null,
          pausedAt: null,
          expiresAt: null,
          passcodeEnabled: false,
          passcodeSealed: null,
          passcodeVersion: 0,
          lockedFilters: {},
          frameAncestors: null,
          accessCount: 0,
          lastAccessAt: null,
          previousTokenHash: null,
          previousTokenUntil: null,
          widgetIds: null,
          pauseOnChange: false,
          exposureChanges: [],
          exportMode: 'on',
          exportRowCap: null,
        });
      }
      await server.store.revokeLink(`l3-${d.id}`, new Date().toISOString());
      const owner = await get(d.id, alice);
      assert.equal(owner.access.publicLinkCount, 2);
      assert.equal(owner.access.icon, 'group');
      assert.match(owner.access.summary, /2 active public links\.$/);
      const viewer = await get(d.id, carol);
      assert.equal(viewer.access.publicLinkCount, 0);
      assert.doesNotMatch(viewer.access.summary, /public/);
      const listed = (
        await json(await server.request('/api/dashboards?filter=mine', { token: alice }))
      ).dashboards.find((x: { id: string }) => x.id === d.id);
      assert.equal(listed.access.publicLinkCount, 2);
    });
  });
});
