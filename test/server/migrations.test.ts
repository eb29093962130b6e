import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadMigrations, migrate, openDatabase } from '../../server/store/sqlite/database.js';
import { tempDir } from './helpers.js';

test('migrations apply on an empty file and re-run idempotently', () => {
  const tmp = tempDir();
  try {
    const file = join(tmp.dir, 'nested', 'fresh.db');
    const db = openDatabase(file);
    const all = loadMigrations().map((m) => m.version);
    assert.deepEqual(migrate(db), all);
    assert.equal(db.pragma('user_version', { simple: true }), all.at(-1));
    assert.deepEqual(migrate(db), [], 'a second run applies nothing');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r: any) => r.name);
    for (const t of [
      'organizations',
      'projects',
      'users',
      'memberships',
      'data_sources',
      'dashboards',
      'widgets',
      'shares',
      'public_links',
      'audit_events',
    ]) {
      assert.ok(tables.includes(t), `table ${t} exists`);
    }
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
    const reopened = openDatabase(file);
    assert.deepEqual(migrate(reopened), [], 'reopening applies nothing');
    reopened.close();
  } finally {
    tmp.cleanup();
  }
});

test('a failing migration leaves the database at the previous version', () => {
  const tmp = tempDir();
  try {
    const db = openDatabase(join(tmp.dir, 'x.db'));
    const migrations = [
      { version: 1, name: '001_a.sql', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: '002_b.sql', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    assert.throws(() => migrate(db, migrations));
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    assert.equal(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()!.constructor, Object);
    assert.equal((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get() as any).n, 0);
    db.close();
  } finally {
    tmp.cleanup();
  }
});
