import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../server/cli.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { tempDir } from './helpers.js';

test('I1: provision-user creates a user with memberships before their first sign-in', async () => {
  const tmp = tempDir();
  try {
    const db = join(tmp.dir, 'cli.db');
    const code = await runCli(['provision-user', '--org', 'northwind', '--username', 'frank', '--name', 'Frank Fox', '--project', 'sales=viewer'], db);
    assert.equal(code, 0);
    const store = openSqliteStore(db);
    const user = await store.getUserByUsername('northwind', 'frank');
    assert.equal(user?.name, 'Frank Fox');
    assert.deepEqual(user?.memberships.map((m) => [m.projectId, m.role]), [['sales', 'viewer']]);
    await store.close();
    assert.equal(await runCli(['provision-user', '--org', 'northwind', '--username', 'x', '--project', 'sales=admin'], db), 1);
    assert.equal(await runCli(['nope'], db), 2);
  } finally {
    tmp.cleanup();
  }
});
