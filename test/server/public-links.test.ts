/** L1, L2, L4, L9: public links as the owner manages them, and what the database holds of them. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadLinkSecrets, secretsFilePath } from '../../server/auth/link-secrets.js';
import { json, startTestServer, tempDir, type TestServer } from './helpers.js';

describe('public links: owner routes', () => {
  let server: TestServer;
  let alice: string;

  before(async () => {
    server = await startTestServer();
    alice = await server.token('alice');
  });
  after(() => server.close());

  const create = async (dashboardId: string, body: unknown = {}) => {
    const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
      method: 'POST',
      token: alice,
      json: body,
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await json(res)).link;
  };

  test('L1: a link carries an unguessable token (≥128 bits, base64url) shown as a full URL', async () => {
    const link = await create('sales-overview', { label: 'Customer A' });
    assert.match(link.token, /^[A-Za-z0-9_-]+$/);
    assert.ok(Buffer.from(link.token, 'base64url').length * 8 >= 128);
    assert.equal(link.url, `${server.config.publicUrl}/public/${link.token}`);
    assert.equal(link.label, 'Customer A');
    assert.equal(link.passcodeEnabled, false);
    assert.equal(link.passcode, null);
    assert.equal(link.accessCount, 0);
    assert.equal(link.lastAccessAt, null);
    assert.deepEqual(link.lockedFilters, {});
    assert.ok(!Number.isNaN(Date.parse(link.createdAt)));
    const other = await create('sales-overview');
    assert.notEqual(other.token, link.token);
  });

  test('L2: several active links per dashboard are listed with label, URL, created, last access, count and passcode state', async () => {
    const a = await create('ops-wall', { label: 'Wall 1' });
    const b = await create('ops-wall', { label: 'Wall 2', passcode: true });
    const res = await server.request('/api/dashboards/ops-wall/public-links', { token: alice });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const { links } = await json(res);
    assert.deepEqual(
      links.map((l: any) => [l.id, l.label, l.passcodeEnabled]),
      [
        [a.id, 'Wall 1', false],
        [b.id, 'Wall 2', true],
      ],
    );
    for (const l of links) {
      for (const key of [
        'id',
        'label',
        'url',
        'token',
        'createdAt',
        'lastAccessAt',
        'accessCount',
        'passcodeEnabled',
        'passcode',
        'lockedFilters',
      ]) {
        assert.ok(key in l, `link has ${key}`);
      }
    }
    assert.match(links[1].passcode, /^[2-9A-HJKMNP-Z]{10}$/);
  });

  test('L3: a revoked link leaves the list; revoking it again is a 404; the other links stay', async () => {
    const a = await create('support-backlog', { label: 'keep' });
    const b = await create('support-backlog', { label: 'drop' });
    assert.equal(
      (await server.request(`/api/dashboards/support-backlog/public-links/${b.id}`, { method: 'DELETE', token: alice }))
        .status,
      204,
    );
    const again = await server.request(`/api/dashboards/support-backlog/public-links/${b.id}`, {
      method: 'DELETE',
      token: alice,
    });
    assert.equal(again.status, 404);
    assert.equal((await json(again)).error.code, 'link_not_found');
    const { links } = await json(
      await server.request('/api/dashboards/support-backlog/public-links', { token: alice }),
    );
    assert.deepEqual(
      links.map((l: any) => l.id),
      [a.id],
    );
  });

  test('L4: enabling a passcode always generates a new one; generate-new changes it; disabling hides it; 409 when off', async () => {
    const link = await create('sales-overview', { label: 'pc' });
    const base = `/api/dashboards/sales-overview/public-links/${link.id}/passcode`;
    const off = await server.request(base, { method: 'POST', token: alice });
    assert.equal(off.status, 409);
    assert.equal((await json(off)).error.code, 'passcode_not_enabled');

    const on1 = (await json(await server.request(base, { method: 'PUT', token: alice, json: { enabled: true } }))).link;
    assert.equal(on1.passcodeEnabled, true);
    assert.match(on1.passcode, /^[2-9A-HJKMNP-Z]{10}$/);
    const regenerated = (await json(await server.request(base, { method: 'POST', token: alice }))).link;
    assert.notEqual(regenerated.passcode, on1.passcode);
    const disabled = (await json(await server.request(base, { method: 'PUT', token: alice, json: { enabled: false } })))
      .link;
    assert.equal(disabled.passcodeEnabled, false);
    assert.equal(disabled.passcode, null);
    const on2 = (await json(await server.request(base, { method: 'PUT', token: alice, json: { enabled: true } }))).link;
    assert.notEqual(on2.passcode, regenerated.passcode, 'unchecking and checking again generates a new passcode');
    const bad = await server.request(base, { method: 'PUT', token: alice, json: { enabled: 'yes' } });
    assert.equal(bad.status, 400);
  });

  test('issue 18 item 8: generate-new refuses a body with unknown keys or of another type, like every write route', async () => {
    const link = await create('sales-overview', { label: 'strict', passcode: true });
    const base = `/api/dashboards/sales-overview/public-links/${link.id}/passcode`;
    for (const body of [{ enabled: true }, { passcode: 'MINE234567' }, [], 'x', 1, null]) {
      const res = await server.request(base, { method: 'POST', token: alice, json: body });
      assert.equal(res.status, 400, JSON.stringify(body));
      // JSON that is not an object is the body parser's (strict) 400; an object with a key is the schema's.
      assert.ok(['invalid_request', 'invalid_json'].includes((await json(res)).error.code), JSON.stringify(body));
    }
    const unchanged = (
      await json(await server.request(`/api/dashboards/sales-overview/public-links`, { token: alice }))
    ).links.find((l: { id: string }) => l.id === link.id);
    assert.equal(unchanged.passcode, link.passcode, 'a refused request changes nothing');
    // What the share dialog sends (no body), and an empty object, still generate a new passcode.
    const bare = (await json(await server.request(base, { method: 'POST', token: alice }))).link;
    assert.notEqual(bare.passcode, link.passcode);
    const empty = (await json(await server.request(base, { method: 'POST', token: alice, json: {} }))).link;
    assert.notEqual(empty.passcode, bare.passcode);
  });

  test('locked filters: set at creation or by PATCH, checked against the dashboard filter definitions', async () => {
    const link = await create('sales-overview', { label: 'EMEA', lockedFilters: { region: ['EMEA'] } });
    assert.deepEqual(link.lockedFilters, { region: ['EMEA'] });
    const path = `/api/dashboards/sales-overview/public-links/${link.id}`;
    const patched = await server.request(path, {
      method: 'PATCH',
      token: alice,
      json: { label: 'EMEA online', lockedFilters: { region: ['EMEA'], channel: 'Online' } },
    });
    assert.equal(patched.status, 200);
    assert.deepEqual((await json(patched)).link.lockedFilters, { region: ['EMEA'], channel: 'Online' });
    for (const lockedFilters of [{ nope: 'x' }, { channel: ['Online', 'Retail'] }, { order_date: 'yesterday' }]) {
      const res = await server.request(path, { method: 'PATCH', token: alice, json: { lockedFilters } });
      assert.equal(res.status, 400, JSON.stringify(lockedFilters));
      assert.equal((await json(res)).error.code, 'invalid_locked_filters');
    }
    const empty = await server.request(path, { method: 'PATCH', token: alice, json: {} });
    assert.equal(empty.status, 400);
    const unlocked = await server.request(path, { method: 'PATCH', token: alice, json: { lockedFilters: {} } });
    assert.deepEqual((await json(unlocked)).link.lockedFilters, {}, '{} still unlocks every field');
    const unknownKey = await server.request(path, { method: 'PATCH', token: alice, json: { token: 'mine' } });
    assert.equal(unknownKey.status, 400);
  });

  test('issue 18 item 7: a locked filter without a value (null, [], an empty range) is refused, never stored as unlocked', async () => {
    const link = await create('sales-overview', { label: 'locked', lockedFilters: { region: ['EMEA'] } });
    const path = `/api/dashboards/sales-overview/public-links/${link.id}`;
    const empties = [{ region: null }, { region: [] }, { order_date: {} }, { order_date: { from: '', to: null } }];
    for (const lockedFilters of empties) {
      const created = await server.request('/api/dashboards/sales-overview/public-links', {
        method: 'POST',
        token: alice,
        json: { lockedFilters },
      });
      assert.equal(created.status, 400, `create ${JSON.stringify(lockedFilters)}`);
      const error = (await json(created)).error;
      assert.equal(error.code, 'invalid_locked_filters');
      assert.match(error.message, /no value/);
      const patched = await server.request(path, { method: 'PATCH', token: alice, json: { lockedFilters } });
      assert.equal(patched.status, 400, `PATCH ${JSON.stringify(lockedFilters)}`);
      assert.equal((await json(patched)).error.code, 'invalid_locked_filters');
    }
    assert.deepEqual((await server.store.getLink(link.id))!.lockedFilters, { region: ['EMEA'] }, 'still locked');
  });

  test('L9: an author or viewer gets 403 not_owner; someone without access 404; nothing is created', async () => {
    const before = (await server.store.listLinks('sales-overview')).length;
    const carol = await server.token('carol'); // author by share
    const bob = await server.token('bob'); // viewer by share
    const dan = await server.token('dan'); // sales member, no access
    for (const token of [carol, bob]) {
      const res = await server.request('/api/dashboards/sales-overview/public-links', {
        method: 'POST',
        token,
        json: {},
      });
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, 'not_owner');
    }
    const hidden = await server.request('/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: dan,
      json: {},
    });
    assert.equal(hidden.status, 404);
    assert.equal((await server.store.listLinks('sales-overview')).length, before);
  });

  test("the owner of A cannot manage a link of B through A's id", async () => {
    const link = await create('ops-wall', { label: 'B' });
    const sideways = await server.request(`/api/dashboards/sales-overview/public-links/${link.id}`, {
      method: 'DELETE',
      token: alice,
    });
    assert.equal(sideways.status, 404);
    assert.equal((await server.store.getLink(link.id))!.revokedAt, null);
  });

  test('bad input is a 400, never a 500', async () => {
    for (const body of [{ label: 'x'.repeat(500) }, { passcode: 'yes' }, { lockedFilters: 'EMEA' }, { extra: 1 }]) {
      const res = await server.request('/api/dashboards/sales-overview/public-links', {
        method: 'POST',
        token: alice,
        json: body,
      });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const notJson = await server.request('/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: alice,
      headers: { 'Content-Type': 'application/json' },
      body: '{"label":',
    });
    assert.equal(notJson.status, 400);
  });
});

describe('L4: what a copy of the database holds', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('L4: neither the token nor the passcode appears in the database; the secrets file is owner-only', async () => {
    const alice = await server.token('alice');
    const res = await server.request('/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: alice,
      json: { passcode: true },
    });
    const { link } = await json(res);
    const db = new Database(server.config.db, { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM public_links WHERE id = ?').get(link.id) as Record<string, unknown>;
      const dump = JSON.stringify(row);
      assert.ok(!dump.includes(link.token), 'token not stored in clear');
      assert.ok(!dump.includes(link.passcode), 'passcode not stored in clear');
      assert.notEqual(row.token_hash, link.token);
    } finally {
      db.close();
    }
    const secretsFile = server.config.secretsFile!;
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
    assert.deepEqual(Object.keys(secrets).sort(), ['lookupKey', 'sealKey', 'sessionKey', 'version']);
    if (process.platform !== 'win32') assert.equal(statSync(secretsFile).mode & 0o777, 0o600);
  });

  test('L4: with other server secrets, the same database opens no link', async () => {
    const alice = await server.token('alice');
    const { link } = await json(
      await server.request('/api/dashboards/ops-wall/public-links', { method: 'POST', token: alice, json: {} }),
    );
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200);
    // A second server on a copy of the database, but with its own (freshly generated) secrets file.
    const copy = join(server.config.db + '-copy.db');
    const db = new Database(server.config.db);
    await db.backup(copy);
    db.close();
    const thief = await startTestServer({ dbFile: copy });
    try {
      const res = await thief.request(`/api/public/${link.token}`);
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, 'link_unavailable');
      const list = await json(
        await thief.request('/api/dashboards/ops-wall/public-links', { token: await thief.token('alice') }),
      );
      const seen = list.links.find((l: any) => l.id === link.id);
      assert.equal(seen.token, null, 'the sealed token does not open under other keys');
      assert.equal(seen.url, null);
    } finally {
      await thief.close();
    }
  });
});

describe('L4: server secrets', () => {
  test('L4: generated on first start beside the database (owner-only), then read back unchanged', async () => {
    const tmp = tempDir();
    try {
      const config = { db: join(tmp.dir, 'data', 'atlas.db') };
      const path = secretsFilePath(config);
      assert.equal(path, join(tmp.dir, 'data', 'atlas-secrets.json'));
      const first = loadLinkSecrets(config);
      assert.equal(first.lookupKey.length, 32);
      if (process.platform !== 'win32') assert.equal(statSync(path).mode & 0o777, 0o600);
      const written = readFileSync(path, 'utf8');
      assert.deepEqual(loadLinkSecrets(config), first, 'the same keys on every read');
      // Another process reads the same keys from the same content.
      writeFileSync(join(tmp.dir, 'copy.json'), written, { mode: 0o644 });
      const copy = loadLinkSecrets({ db: config.db, secretsFile: join(tmp.dir, 'copy.json') });
      assert.deepEqual(copy.sealKey, first.sealKey);
      if (process.platform !== 'win32')
        assert.equal(statSync(join(tmp.dir, 'copy.json')).mode & 0o777, 0o600, 'loose permissions are tightened');
      writeFileSync(join(tmp.dir, 'broken.json'), '{"version":1,"lookupKey":"c2hvcnQ="}');
      assert.throws(
        () => loadLinkSecrets({ db: config.db, secretsFile: join(tmp.dir, 'broken.json') }),
        /secrets file .* is invalid/,
      );
    } finally {
      tmp.cleanup();
    }
  });
});
