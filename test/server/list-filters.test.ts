/**
 * U4, U5, C1: for every seeded user, each list filter returns exactly the right dashboards, with the right role,
 * and `shared` is true only for dashboards that reached the user through someone else's grant to them or their
 * project (an own share or project-wide access); organization-wide dashboards are under the "org" filter.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, type TestServer } from './helpers.js';

type Expect = {
  all: Record<string, string>;
  mine: string[];
  shared: string[];
  org: string[];
};

// Derived by hand from server/demo/dashboards.ts and identities.ts (see each line's reason).
const EXPECTED: Record<string, Expect> = {
  alice: {
    // creator of three; dan shares regional-targets with her as viewer
    all: { 'sales-overview': 'owner', 'ops-wall': 'owner', 'support-backlog': 'owner', 'regional-targets': 'viewer' },
    mine: ['ops-wall', 'sales-overview', 'support-backlog'],
    shared: ['regional-targets'],
    org: ['support-backlog'],
  },
  bob: {
    // viewer share on sales-overview, ops member (Everyone in Operations = viewer), org-wide support-backlog, own plant-maintenance
    all: {
      'sales-overview': 'viewer',
      'ops-wall': 'viewer',
      'support-backlog': 'viewer',
      'plant-maintenance': 'owner',
    },
    mine: ['plant-maintenance'],
    shared: ['ops-wall', 'sales-overview'],
    org: ['support-backlog'],
  },
  carol: {
    // author share on sales-overview, ops viewer (project-wide viewer on ops-wall), org-wide support-backlog
    all: { 'sales-overview': 'author', 'ops-wall': 'viewer', 'support-backlog': 'viewer' },
    mine: [],
    shared: ['ops-wall', 'sales-overview'],
    org: ['support-backlog'],
  },
  dan: {
    // sales only: org-wide support-backlog and his own regional-targets; sales-overview has no project access
    all: { 'support-backlog': 'viewer', 'regional-targets': 'owner' },
    mine: ['regional-targets'],
    shared: [],
    org: ['support-backlog'],
  },
  erin: { all: {}, mine: [], shared: [], org: [] },
};

describe('U4/U5: dashboard list filters for every seeded user', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const list = async (username: string, filter?: string) => {
    const res = await server.request(`/api/dashboards${filter ? `?filter=${filter}` : ''}`, {
      token: await server.token(username),
    });
    assert.equal(res.status, 200);
    return (await json(res)).dashboards as { id: string; role: string; shared: boolean; orgAccess: boolean }[];
  };
  const ids = (ds: { id: string }[]) => ds.map((d) => d.id).sort();

  for (const [username, expected] of Object.entries(EXPECTED)) {
    test(`${username}: all, mine, shared and org return exactly the expected dashboards and roles`, async () => {
      const all = await list(username);
      assert.deepEqual(Object.fromEntries(all.map((d) => [d.id, d.role])), expected.all);
      assert.deepEqual(ids(await list(username, 'all')), ids(all), 'filter=all equals no filter');
      assert.deepEqual(ids(await list(username, 'mine')), expected.mine);
      assert.deepEqual(ids(await list(username, 'shared')), expected.shared);
      assert.deepEqual(ids(await list(username, 'org')), expected.org);
    });

    test(`${username}: shared is true exactly for the dashboards under "Shared with me"`, async () => {
      const all = await list(username);
      assert.deepEqual(ids(all.filter((d) => d.shared)), expected.shared);
      for (const d of await list(username, 'shared')) assert.equal(d.shared, true);
      for (const d of await list(username, 'mine')) assert.equal(d.shared, false, `${d.id} is ${username}'s own`);
    });
  }

  test('a dashboard reaching a user only through organization-wide access is listed under org, not shared', async () => {
    const dan = await list('dan');
    const backlog = dan.find((d) => d.id === 'support-backlog')!;
    assert.equal(backlog.shared, false);
    assert.equal(backlog.orgAccess, true);
  });

  test('an own share on an organization-wide dashboard makes it both shared and org', async () => {
    const alice = await server.token('alice');
    const res = await server.request('/api/dashboards/support-backlog/shares', {
      method: 'POST',
      token: alice,
      json: { username: 'dan' },
    });
    assert.equal(res.status, 201);
    assert.ok(ids(await list('dan', 'shared')).includes('support-backlog'));
    assert.ok(ids(await list('dan', 'org')).includes('support-backlog'));
    assert.equal(
      (await server.request('/api/dashboards/support-backlog/shares/dan', { method: 'DELETE', token: alice })).status,
      204,
    );
  });

  test('a bad filter is a 400 with a JSON error', async () => {
    for (const query of ['?filter=everything', '?filter=', '?filter=mine&x=1', '?filter=mine&filter=org']) {
      const res = await server.request(`/api/dashboards${query}`, { token: await server.token('alice') });
      assert.equal(res.status, 400, query);
      assert.equal(typeof (await json(res)).error.code, 'string');
    }
  });
});
