/** Issue 16: `GET /api/public-links`, every active link the caller has published, across the dashboards they own. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { json, startTestServer, type TestServer } from './helpers.js';

describe('issue 16: all my public links (GET /api/public-links)', () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let carol: string;

  before(async () => {
    server = await startTestServer();
    [alice, bob, carol] = await Promise.all([server.token('alice'), server.token('bob'), server.token('carol')]);
  });
  after(() => server.close());

  const create = async (token: string, dashboardId: string, body: unknown = {}) => {
    // Links made in the same millisecond would tie on createdAt: keep "newest first" meaningful.
    await sleep(3);
    const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
      method: 'POST',
      token,
      json: body,
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await json(res)).link;
  };
  const newDashboard = async (title: string) => {
    const res = await server.request('/api/dashboards', {
      method: 'POST',
      token: alice,
      json: { projectId: 'ops', title },
    });
    assert.equal(res.status, 201);
    return (await json(res)).dashboard.id as string;
  };
  const myLinks = async (token: string, query = '') => {
    const res = await server.request(`/api/public-links${query}`, { token });
    assert.equal(res.status, 200, await res.clone().text());
    return (await json(res)).links as any[];
  };

  test("alice sees hers across two dashboards, newest first, each with its dashboard and the owner's link fields", async () => {
    const a = await create(alice, 'sales-overview', { label: 'Customer A', lockedFilters: { region: 'EMEA' } });
    const b = await create(alice, 'ops-wall', { label: 'Wall', passcode: true });
    const c = await create(alice, 'sales-overview', { label: 'Board' });
    const res = await server.request('/api/public-links', { token: alice });
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const links = (await json(res)).links as any[];
    const mine = links.filter((l) => [a.id, b.id, c.id].includes(l.id));
    assert.deepEqual(
      mine.map((l) => [l.id, l.dashboard.id, l.dashboard.title, l.label]),
      [
        [c.id, 'sales-overview', 'Sales overview', 'Board'],
        [b.id, 'ops-wall', 'Operations wall', 'Wall'],
        [a.id, 'sales-overview', 'Sales overview', 'Customer A'],
      ],
    );
    const first = mine[2];
    assert.equal(first.url, a.url);
    assert.deepEqual(first.lockedFilters, a.lockedFilters);
    assert.deepEqual(Object.keys(first.lockedFilters), ['region']);
    assert.equal(mine[1].passcodeEnabled, true);
    for (const key of ['createdAt', 'lastAccessAt', 'accessCount', 'frameAncestors'])
      assert.ok(key in first, `link has ${key}`);
    const times = links.map((l) => Date.parse(l.createdAt));
    assert.deepEqual(
      times,
      [...times].sort((x, y) => y - x),
      'the whole list is newest first',
    );
  });

  test('the list is the same link as the dashboard list shows (counts current after a visit)', async () => {
    const link = await create(alice, 'support-backlog', { label: 'Visited' });
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200);
    const [listed] = (await myLinks(alice, '?dashboard=support-backlog')).filter((l) => l.id === link.id);
    const perDashboard = (
      await json(await server.request('/api/dashboards/support-backlog/public-links', { token: alice }))
    ).links.find((l: any) => l.id === link.id);
    assert.equal(listed.accessCount, 1);
    assert.ok(listed.lastAccessAt);
    const { dashboard, ...rest } = listed;
    assert.deepEqual(dashboard, { id: 'support-backlog', title: dashboard.title });
    assert.deepEqual(rest, perDashboard);
  });

  test("bob sees none of alice's links; his own are his", async () => {
    const alices = await create(alice, 'ops-wall', { label: 'not for bob' });
    const bobs = await create(bob, 'plant-maintenance', { label: 'bob’s' });
    const links = await myLinks(bob);
    assert.ok(!links.some((l) => l.id === alices.id));
    assert.ok(links.every((l) => l.dashboard.id === 'plant-maintenance'));
    assert.ok(links.some((l) => l.id === bobs.id));
    assert.deepEqual(await myLinks(bob, '?dashboard=ops-wall'), [], "filtering on alice's dashboard gives none");
    assert.deepEqual(await myLinks(await server.token('erin')), [], 'another organization: none');
  });

  test('owner-only by construction: a dashboard shared as author adds nothing, one shared as owner (co-owner) does', async () => {
    const id = await newDashboard('My links: shared');
    const link = await create(alice, id, { label: 'shared board' });
    const share = async (username: string, role: string) => {
      const res = await server.request(`/api/dashboards/${id}/shares`, {
        method: 'POST',
        token: alice,
        json: { username, role },
      });
      assert.equal(res.status, 201, await res.clone().text());
    };
    await share('bob', 'author');
    await share('carol', 'owner');
    assert.ok(!(await myLinks(bob)).some((l) => l.id === link.id), 'an author does not manage links');
    assert.ok(!(await myLinks(bob, `?dashboard=${id}`)).length);
    assert.equal((await server.request(`/api/dashboards/${id}/public-links`, { token: bob })).status, 403);
    const coOwner = await myLinks(carol, `?dashboard=${id}`);
    assert.deepEqual(
      coOwner.map((l) => l.id),
      [link.id],
      'a co-owner manages them (as GET …/public-links allows)',
    );
  });

  test('revoked links are not listed', async () => {
    const id = await newDashboard('My links: revoked');
    const keep = await create(alice, id, { label: 'keep' });
    const gone = await create(alice, id, { label: 'gone' });
    const del = await server.request(`/api/dashboards/${id}/public-links/${gone.id}`, {
      method: 'DELETE',
      token: alice,
    });
    assert.equal(del.status, 204);
    assert.deepEqual(
      (await myLinks(alice, `?dashboard=${id}`)).map((l) => l.id),
      [keep.id],
    );
  });

  test('?dashboard= narrows to one dashboard; limit caps the newest first', async () => {
    const id = await newDashboard('My links: filter');
    const l1 = await create(alice, id, { label: '1' });
    const l2 = await create(alice, id, { label: '2' });
    const l3 = await create(alice, id, { label: '3' });
    const only = await myLinks(alice, `?dashboard=${encodeURIComponent(id)}`);
    assert.deepEqual(
      only.map((l) => l.id),
      [l3.id, l2.id, l1.id],
    );
    assert.ok(only.every((l) => l.dashboard.id === id && l.dashboard.title === 'My links: filter'));
    assert.deepEqual(
      (await myLinks(alice, `?dashboard=${id}&limit=2`)).map((l) => l.id),
      [l3.id, l2.id],
    );
    assert.equal((await myLinks(alice, '?limit=1')).length, 1);
    assert.deepEqual(await myLinks(alice, '?dashboard=no-such-dashboard'), []);
    assert.ok((await myLinks(alice, '?limit=500')).length > 3);
  });

  test('the default limit is 100', async () => {
    const id = await newDashboard('My links: many');
    const ids: string[] = [];
    for (let i = 0; i < 101; i++) {
      const res = await server.request(`/api/dashboards/${id}/public-links`, {
        method: 'POST',
        token: alice,
        json: { label: `n${i}` },
      });
      ids.push((await json(res)).link.id);
    }
    assert.equal((await myLinks(alice, `?dashboard=${id}`)).length, 100);
    assert.equal((await myLinks(alice, `?dashboard=${id}&limit=500`)).length, 101);
  });

  test('a bad limit or an unknown parameter is a 400 invalid_request', async () => {
    for (const query of ['?limit=0', '?limit=501', '?limit=abc', '?limit=1.5', '?dashboard=', '?owner=bob']) {
      const res = await server.request(`/api/public-links${query}`, { token: alice });
      assert.equal(res.status, 400, query);
      assert.equal((await json(res)).error.code, 'invalid_request', query);
    }
  });

  test('signed out: 401', async () => {
    const res = await server.request('/api/public-links');
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, 'unauthenticated');
  });
});
