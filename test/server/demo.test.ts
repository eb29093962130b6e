import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../server/demo/seed.js';
import { json, startTestServer, type TestServer } from './helpers.js';

describe('I2/O1: demo seed and development sign-in', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { ATLAS_DEMO: '1' } });
  });
  after(() => server.close());

  test('seeds the identities of API.md exactly', async () => {
    const expected: Record<string, [string, Record<string, string>]> = {
      alice: ['northwind', { ops: 'owner', sales: 'member' }],
      bob: ['northwind', { ops: 'member' }],
      carol: ['northwind', { ops: 'viewer', sales: 'member' }],
      dan: ['northwind', { sales: 'member' }],
    };
    for (const [username, [org, projects]] of Object.entries(expected)) {
      const user = await server.store.getUserByUsername(org, username);
      assert.ok(user, username);
      assert.deepEqual(Object.fromEntries(user.memberships.map((m) => [m.projectId, m.role])), projects);
    }
    assert.ok(await server.store.getUserByUsername('contoso', 'erin'));
    assert.equal(await server.store.getUserByUsername('northwind', 'erin'), undefined);
  });

  test('seeds data sources with realistic volumes, one not public and one ops viewers may not read', async () => {
    const [{ n }] = (await server.store.runSql({ sql: 'SELECT COUNT(*) AS n FROM ds_orders', params: [] })) as any;
    assert.ok(n >= 100_000, `orders has ${n} rows`);
    const [{ m }] = (await server.store.runSql({
      sql: 'SELECT COUNT(DISTINCT substr(recorded_at, 1, 16)) AS m FROM ds_sensor_readings',
      params: [],
    })) as any;
    assert.equal(m, 30 * 24 * 60, 'one reading per minute over 30 days');
    const ops = await server.store.listDataSources('northwind', 'ops');
    assert.ok(
      ops.some((d) => !d.readableBy.includes('viewer')),
      'an ops source that viewers may not read',
    );
    const all = [...ops, ...(await server.store.listDataSources('northwind', 'sales'))];
    assert.ok(
      all.some((d) => !d.externalAccess),
      'a source without externalAccess',
    );
    assert.ok(
      all.some((d) => d.externalAccess),
      'a public source',
    );
  });

  test('seeds several dashboards with widgets, alice owning most', async () => {
    const alice = (await server.store.getUserByUsername('northwind', 'alice'))!;
    const dashboards = await server.store.listCandidateDashboards(alice);
    assert.ok(dashboards.filter((d) => d.ownerId === alice.id).length >= 3);
    for (const d of dashboards) assert.ok((await server.store.listWidgets(d.id)).length > 0, `${d.id} has widgets`);
  });

  test('seeding twice does nothing the second time', async () => {
    assert.deepEqual(await seedDemo(server.store), { seeded: false, rows: 0 });
  });

  test('the development sign-in lists the identities and says it is demo-only', async () => {
    const body = await json(await server.request('/api/dev/identities'));
    assert.equal(body.demoMode, true);
    assert.match(body.notice, /demo mode only/i);
    assert.deepEqual(
      body.identities.map((i: any) => i.username),
      ['alice', 'bob', 'carol', 'dan', 'erin'],
    );
  });

  test('a minted token signs in as that user', async () => {
    const { token } = await json(
      await server.request('/api/dev/token', { method: 'POST', json: { username: 'carol' } }),
    );
    const me = await json(await server.request('/api/me', { token }));
    assert.equal(me.user.username, 'carol');
  });

  test('minting for an unknown user → 404', async () => {
    const res = await server.request('/api/dev/token', { method: 'POST', json: { username: 'zed' } });
    assert.equal(res.status, 404);
  });
});

test('I2: outside demo mode the development sign-in does not exist', async () => {
  const server = await startTestServer({ seed: false });
  try {
    assert.equal((await server.request('/api/dev/token', { method: 'POST', json: { username: 'alice' } })).status, 401);
    assert.equal((await server.request('/api/dev/identities')).status, 401);
    assert.equal((await server.request('/demo/')).status, 404);
  } finally {
    await server.close();
  }
});
