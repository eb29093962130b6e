import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, type TestServer } from './helpers.js';

describe('I1: just-in-time users and GET /api/me', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a new user is created from the claims', async () => {
    const token = await server.token('frank', {
      name: 'Frank Fox',
      email: 'frank@northwind.example',
      projects: { sales: 'viewer' },
    });
    const res = await server.request('/api/me', { token });
    assert.equal(res.status, 200);
    const me = await json(res);
    assert.deepEqual(me.user, { username: 'frank', name: 'Frank Fox', email: 'frank@northwind.example' });
    assert.deepEqual(me.projects, [{ id: 'sales', name: 'Sales', role: 'viewer' }]);
    const stored = await server.store.getUserByUsername('northwind', 'frank');
    assert.equal(stored?.name, 'Frank Fox');
  });

  test('changed claims update the user and replace memberships', async () => {
    const token = await server.token('frank', {
      name: 'Frank F. Fox',
      email: 'ff@northwind.example',
      projects: { ops: 'member' },
    });
    const me = await json(await server.request('/api/me', { token }));
    assert.equal(me.user.name, 'Frank F. Fox');
    assert.deepEqual(me.projects, [{ id: 'ops', name: 'Operations', role: 'member' }]);
    const stored = await server.store.getUserByUsername('northwind', 'frank');
    assert.deepEqual(
      stored?.memberships.map((m) => m.projectId),
      ['ops'],
    );
  });

  test("a token cannot grant membership in another organization's project: the same id is its own organization's", async () => {
    // Issue 18: project ids are per organization. Contoso's `ops` is a project of its own, created for contoso; it
    // carries nothing of Northwind's `ops` (no data sources, no dashboards).
    const token = await server.token('mallory', { org: 'contoso', projects: { ops: 'owner', cx: 'viewer' } });
    const me = await json(await server.request('/api/me', { token }));
    assert.deepEqual(
      me.projects.map((p: any) => [p.id, p.name, p.role]),
      [
        ['cx', 'Customer Experience', 'viewer'],
        ['ops', 'ops', 'owner'],
      ],
    );
    const sources = await json(await server.request('/api/projects/ops/data-sources', { token }));
    assert.deepEqual(sources.dataSources, []);
    assert.equal((await server.request('/api/dashboards/ops-wall', { token })).status, 404);
    assert.equal((await server.store.getProject('northwind', 'ops'))!.name, 'Operations');
  });

  test('an unknown organization and project are provisioned from the claims', async () => {
    const token = await server.token('gina', { org: 'fabrikam', projects: { finance: 'owner' } });
    const me = await json(await server.request('/api/me', { token }));
    assert.equal(me.organization.id, 'fabrikam');
    assert.deepEqual(
      me.projects.map((p: any) => [p.id, p.role]),
      [['finance', 'owner']],
    );
  });
});

describe('U1: GET /api/users autocomplete', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    for (let i = 0; i < 15; i++) {
      await server.store.upsertUser({
        orgId: 'northwind',
        username: `user${String(i).padStart(2, '0')}`,
        name: `User ${i}`,
        email: `u${i}@northwind.example`,
        projects: {},
      });
    }
    await server.store.upsertUser({
      orgId: 'northwind',
      username: 'under_score',
      name: 'Under Score',
      email: 'us@northwind.example',
      projects: {},
    });
  });
  after(() => server.close());

  const search = async (q: string, as = 'alice') =>
    (await json(await server.request(`/api/users?q=${encodeURIComponent(q)}`, { token: await server.token(as) })))
      .users as any[];

  test('prefix match on username', async () => {
    assert.deepEqual(
      (await search('ca')).map((u) => u.username),
      ['carol'],
    );
  });
  test('prefix match on email, case-insensitive', async () => {
    assert.deepEqual(
      (await search('DAN@')).map((u) => u.username),
      ['dan'],
    );
  });
  test('at most 10 suggestions', async () => {
    assert.equal((await search('user')).length, 10);
  });
  test('erin (another organization) never appears to alice, and alice never to erin', async () => {
    assert.deepEqual(await search('erin'), []);
    assert.deepEqual(await search('e'), []);
    assert.deepEqual(await search('alice', 'erin'), []);
    assert.deepEqual(
      (await search('erin', 'erin')).map((u) => u.username),
      ['erin'],
    );
  });
  test('LIKE wildcards in the query match literally', async () => {
    assert.deepEqual(await search('%'), []);
    assert.deepEqual(
      (await search('under_')).map((u) => u.username),
      ['under_score'],
    );
    assert.deepEqual(await search('u_der'), []);
  });
  test('an empty query answers no suggestions', async () => {
    assert.deepEqual(await search(''), []);
  });
  test('answers only username, name and email', async () => {
    assert.deepEqual(Object.keys((await search('bob'))[0]).sort(), ['email', 'name', 'username']);
  });
  test('an unknown query parameter → 400 naming it', async () => {
    const res = await server.request('/api/users?q=a&limit=50', { token: await server.token('alice') });
    assert.equal(res.status, 400);
    const body = await json(res);
    assert.equal(body.error.code, 'invalid_request');
    assert.match(body.error.message, /limit/);
  });
  test('a repeated query parameter → 400, not a 500', async () => {
    const res = await server.request('/api/users?q=a&q=b', { token: await server.token('alice') });
    assert.equal(res.status, 400);
  });
});

describe('GET /api/projects/:projectId/data-sources', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a project member sees the data sources with fields, readableBy and externalAccess', async () => {
    const res = await server.request('/api/projects/ops/data-sources', { token: await server.token('bob') });
    assert.equal(res.status, 200);
    const { dataSources } = await json(res);
    const byId = Object.fromEntries(dataSources.map((d: any) => [d.id, d]));
    assert.deepEqual(Object.keys(byId).sort(), ['maintenance_log', 'sensor_readings']);
    assert.equal(byId.sensor_readings.externalAccess, true);
    assert.equal(byId.maintenance_log.externalAccess, false);
    assert.deepEqual(byId.maintenance_log.readableBy, ['owner', 'member']);
    assert.ok(byId.sensor_readings.fields.some((f: any) => f.name === 'temperature' && f.type === 'number'));
    assert.equal(byId.sensor_readings.tableName, undefined, 'the physical table name stays on the server');
  });
  test('a non-member gets 404', async () => {
    const res = await server.request('/api/projects/ops/data-sources', { token: await server.token('dan') });
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, 'project_not_found');
  });
  test("another organization's project is 404 too", async () => {
    const res = await server.request('/api/projects/sales/data-sources', { token: await server.token('erin') });
    assert.equal(res.status, 404);
  });
});
