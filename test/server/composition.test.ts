/**
 * The composition root (issue 15): createApp builds every service that keeps state once and hands it down, so two
 * apps in one process share nothing; services never import routes/; no module of the request path keeps state of
 * its own; roles are compared in auth/authorization.ts alone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { json, seededTemplate, startTestServer, tempDir, type TestServer } from './helpers.js';

const SERVER = join(import.meta.dirname, '../../server');

/** The TypeScript sources of some folders of server/ (and single files), relative to server/. */
function sources(...parts: string[]): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    if (path.endsWith('.ts')) return void out.push(path);
    for (const entry of readdirSync(path, { withFileTypes: true }))
      if (entry.isDirectory() || entry.name.endsWith('.ts')) walk(join(path, entry.name));
  };
  for (const part of parts) walk(join(SERVER, part));
  return out.map((file) => relative(SERVER, file));
}
const read = (file: string) => readFileSync(join(SERVER, file), 'utf8');

/** The request path: what createApp wires together. */
const REQUEST_PATH = sources('app.ts', 'routes', 'services', 'http', 'auth');

describe('composition: module boundaries', () => {
  test('services never import routes/: routes depend on services, not the reverse', () => {
    const offenders = sources('services').filter((file) => /from '\.\.\/routes\//.test(read(file)));
    assert.deepEqual(offenders, []);
  });

  test('no module of the request path keeps state at module level (createApp builds it and hands it down)', () => {
    const moduleState = /^(?:export )?(?:let |var |const \w+(?::[^=]+)? = new (?:Map|WeakMap|Set|WeakSet|LRUCache)\b)/m;
    const offenders = REQUEST_PATH.filter((file) => moduleState.test(read(file)));
    assert.deepEqual(offenders, []);
  });

  test('roles and memberships are compared in auth/authorization.ts alone', () => {
    const roleCheck = /\brole\s*[!=]==|roleAtLeast\(|memberships\.(?:some|find|filter)\(|readableBy\.includes\(/;
    const offenders = REQUEST_PATH.filter((file) => file !== 'auth/authorization.ts' && roleCheck.test(read(file)));
    assert.deepEqual(offenders, []);
  });
});

describe('composition: two apps in one process share nothing', () => {
  const tmp = tempDir();
  let first: TestServer;
  let second: TestServer;
  let stranger: TestServer;

  before(async () => {
    const dbFile = join(tmp.dir, 'shared.db');
    copyFileSync(await seededTemplate(), dbFile);
    // Two apps on one database and one secrets file, like two processes of one deployment; and a third with keys of
    // its own.
    const shared = { ATLAS_SECRETS_FILE: join(tmp.dir, 'shared-secrets.json') };
    first = await startTestServer({ dbFile, env: shared });
    second = await startTestServer({ dbFile, env: shared });
    stranger = await startTestServer({ dbFile, env: { ATLAS_SECRETS_FILE: join(tmp.dir, 'other-secrets.json') } });
  });
  after(async () => {
    await stranger.close();
    await second.close();
    tmp.cleanup();
  });

  const createLink = async (server: TestServer) => {
    const res = await server.request('/api/dashboards/ops-wall/public-links', {
      method: 'POST',
      token: await server.token('alice'),
      json: { label: 'composition' },
    });
    assert.equal(res.status, 201);
    return (await json(res)).link as { id: string; token: string };
  };
  const widgetError = async (server: TestServer, token: string, widgetId: string) => {
    const res = await server.request(`/api/public/${token}`);
    assert.equal(res.status, 200);
    const { dashboard } = await json(res);
    return dashboard.widgets.find((w: { id: string }) => w.id === widgetId).dataError;
  };

  test("each app has its own public view cache: one app's kept view is not served by another", async () => {
    const link = await createLink(first);
    const widget = (await first.store.listWidgets('ops-wall'))[0]!;
    assert.equal(await widgetError(first, link.token, widget.id), null, 'kept by the first app');
    const source = (await first.store.getDataSource('northwind', widget.dataSourceId))!;
    await first.store.upsertDataSource({ ...source, externalAccess: false });
    try {
      // Within the first app's view lifetime: the second app builds its own view, from the database.
      assert.equal((await widgetError(second, link.token, widget.id))?.code, 'data_source_not_public');
    } finally {
      await first.store.upsertDataSource(source);
    }
  });

  test('each app reads its own link secrets: a token opens only under the keys it was made with', async () => {
    const link = await createLink(first);
    assert.equal((await second.request(`/api/public/${link.token}`)).status, 200);
    assert.equal((await stranger.request(`/api/public/${link.token}`)).status, 403);
  });

  test("each app counts token guesses of its own: one app's limited address is not limited by another", async () => {
    const guess = (server: TestServer) => server.request(`/api/public/${'g'.repeat(32)}`).then((res) => res.status);
    for (let i = 0; i < first.config.linkGuessLimit; i++) assert.equal(await guess(first), 403);
    assert.equal(await guess(first), 429);
    assert.equal(await guess(second), 403);
  });

  test("closing one app's lifecycle (its audit queue) leaves the others serving and recording", async () => {
    const link = await createLink(second);
    await first.close();
    assert.equal((await second.request(`/api/public/${link.token}`)).status, 200);
    const { links } = await json(
      await second.request('/api/dashboards/ops-wall/public-links', { token: await second.token('alice') }),
    );
    assert.equal(links.find((l: { id: string }) => l.id === link.id).accessCount, 1);
  });
});
