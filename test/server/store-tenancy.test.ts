/**
 * Store conformance for organization-scoped projects (issue 18 item 1), on a SQLite file and on PostgreSQL, like
 * store-conformance.test.ts: the same project id and data source id in two organizations are two of each, and
 * migration 008 carries an existing database (built with the migrations below 008) over with its data.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { migrate as migrateSqlite, openDatabase } from '../../server/store/sqlite/database.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { migrate as migratePostgres } from '../../server/store/postgres/migrate.js';
import { createPool } from '../../server/store/postgres/pool.js';
import { openStore } from '../../server/store/index.js';
import { loadMigrations } from '../../server/store/shared/migrations.js';
import type { DataSource, FieldDefinition, Store } from '../../server/store/types.js';
import { tempDir } from './helpers.js';
import { postgresForTests } from '../support/postgres.js';
import { emptyBackends, type StoreBackend } from './store-backends.js';

const pgForTests = await postgresForTests();

/** The version that scopes projects by organization; the database "before" has every migration below it. */
const ORG_SCOPED = 8;

/** Runs SQL written with `?` placeholders against the database before the store opens it. */
type Exec = (sql: string, params?: unknown[]) => Promise<void>;

/** The empty stores of store-backends.ts, and each one's way to build a database from before migration 008. */
interface Backend extends StoreBackend {
  /** A database at the migrations below ORG_SCOPED, filled by `fill`, then opened as a store (which migrates it). */
  openMigrated(fill: (exec: Exec) => Promise<void>): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

const below = <T extends { version: number }>(migrations: T[]) => migrations.filter((m) => m.version < ORG_SCOPED);

const backends: Backend[] = [
  {
    ...emptyBackends[0]!,
    async openMigrated(fill) {
      const tmp = tempDir('atlas-tenancy-migrate-');
      const file = join(tmp.dir, 'existing.db');
      const db = openDatabase(file);
      migrateSqlite(db, below(loadMigrations('sqlite')));
      await fill(async (sql, params = []) => void db.prepare(sql).run(...params));
      db.close();
      const store = openSqliteStore(file);
      return { store, cleanup: async () => (await store.close(), tmp.cleanup()) };
    },
  },
  {
    ...emptyBackends[1]!,
    async openMigrated(fill) {
      if (!pgForTests.available) throw new Error(pgForTests.reason);
      const db = await pgForTests.createDatabase();
      const pool = createPool(db.url, 2);
      try {
        await migratePostgres(pool, below(loadMigrations('postgres')));
        await fill(async (sql, params = []) => {
          let n = 0;
          await pool.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          );
        });
      } finally {
        await pool.end();
      }
      const store = await openStore(db.url);
      return { store, cleanup: async () => (await store.close(), await db.drop()) };
    },
  },
];

const fields: FieldDefinition[] = [
  { name: 'day', type: 'date', label: 'Day' },
  { name: 'clicks', type: 'number', label: 'Clicks' },
];
const campaigns = (orgId: string): DataSource => ({
  id: 'campaigns',
  orgId,
  projectId: 'marketing',
  name: `Campaigns of ${orgId}`,
  tableName: `ds_tenancy_${orgId}_campaigns`,
  fields,
  readableBy: ['owner', 'member'],
  externalAccess: false,
});
const T = '2026-03-01T12:00:00.000Z';

for (const backend of backends) {
  describe(`Store conformance, organization-scoped projects: ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    before(async () => {
      ({ store, cleanup } = await backend.open());
      for (const id of ['acme', 'globex']) {
        await store.upsertOrganization({ id, name: id });
        await store.upsertProject({ id: 'marketing', orgId: id, name: `Marketing at ${id}` });
      }
    });
    after(async () => cleanup?.());

    test('the same project id in two organizations is two projects; an upsert renames only its own', async () => {
      assert.deepEqual(await store.getProject('acme', 'marketing'), {
        id: 'marketing',
        orgId: 'acme',
        name: 'Marketing at acme',
      });
      await store.upsertProject({ id: 'marketing', orgId: 'globex', name: 'Globex Marketing' });
      assert.deepEqual(await store.getProject('globex', 'marketing'), {
        id: 'marketing',
        orgId: 'globex',
        name: 'Globex Marketing',
      });
      assert.equal((await store.getProject('acme', 'marketing'))!.name, 'Marketing at acme');
      assert.equal(await store.getProject('initech', 'marketing'), undefined);
      assert.deepEqual(
        (await store.listProjects('globex')).map((p) => [p.orgId, p.id]),
        [['globex', 'marketing']],
      );
    });

    test("each organization's users get memberships of their own organization's project, listed apart", async () => {
      const ann = await store.upsertUser({
        orgId: 'acme',
        username: 'ann',
        name: 'Ann',
        email: 'ann@acme.test',
        projects: { marketing: 'owner' },
      });
      const gus = await store.upsertUser({
        orgId: 'globex',
        username: 'gus',
        name: 'Gus',
        email: 'gus@globex.test',
        projects: { marketing: 'member' },
      });
      assert.deepEqual(ann.memberships, [{ projectId: 'marketing', projectName: 'Marketing at acme', role: 'owner' }]);
      assert.deepEqual(gus.memberships, [{ projectId: 'marketing', projectName: 'Globex Marketing', role: 'member' }]);
      assert.deepEqual(
        (await store.listProjectMembers('acme', 'marketing')).map((m) => [m.username, m.role]),
        [['ann', 'owner']],
      );
      assert.deepEqual(
        (await store.listProjectMembers('globex', 'marketing')).map((m) => [m.username, m.role]),
        [['gus', 'member']],
      );
      // A project named by the token that the organization does not have is no membership.
      const again = await store.upsertUser({
        orgId: 'acme',
        username: 'ann',
        name: 'Ann',
        email: 'ann@acme.test',
        projects: { marketing: 'viewer', sales: 'owner' },
      });
      assert.deepEqual(again.memberships, [
        { projectId: 'marketing', projectName: 'Marketing at acme', role: 'viewer' },
      ]);
    });

    test('the same data source id in two organizations: each reads, lists and updates its own', async () => {
      for (const orgId of ['acme', 'globex']) await store.upsertDataSource(campaigns(orgId));
      assert.deepEqual(await store.getDataSource('acme', 'campaigns'), campaigns('acme'));
      assert.deepEqual(await store.getDataSource('globex', 'campaigns'), campaigns('globex'));
      assert.equal(await store.getDataSource('initech', 'campaigns'), undefined);
      await store.upsertDataSource({ ...campaigns('globex'), readableBy: ['owner'], externalAccess: true });
      assert.deepEqual(await store.getDataSource('acme', 'campaigns'), campaigns('acme'));
      assert.deepEqual((await store.getDataSource('globex', 'campaigns'))!.readableBy, ['owner']);
      assert.deepEqual(
        (await store.listDataSources('acme', 'marketing')).map((d) => [d.orgId, d.id, d.tableName]),
        [['acme', 'campaigns', 'ds_tenancy_acme_campaigns']],
      );
    });

    test("dashboards live in their organization's project; a widget reads a source of its dashboard's organization", async () => {
      const owner = (await store.getUserByUsername('globex', 'gus'))!;
      const dashboard = await store.insertDashboard({
        id: 'globex-campaigns',
        orgId: 'globex',
        projectId: 'marketing',
        ownerId: owner.id,
        title: 'Campaigns',
        description: '',
        filters: [],
        refreshInterval: 60,
      });
      assert.equal(dashboard.projectId, 'marketing');
      const widget = {
        id: 'w1',
        dashboardId: dashboard.id,
        title: 'Clicks',
        type: 'kpi' as const,
        dataSourceId: 'campaigns',
        query: { metrics: [{ agg: 'sum' as const, field: 'clicks' }], dimensions: [], filters: [], sort: [] },
        position: { x: 0, y: 0, w: 4, h: 2 },
      };
      assert.deepEqual(await store.insertWidget(widget), widget);
      // initech has no `marketing` project: a dashboard cannot be put there; nor a widget on a source globex lacks.
      await store.upsertOrganization({ id: 'initech', name: 'Initech' });
      await assert.rejects(store.insertDashboard({ ...dashboard, id: 'initech-campaigns', orgId: 'initech' }));
      await assert.rejects(store.insertWidget({ ...widget, id: 'w2', dataSourceId: 'no-such-source' }));
      assert.deepEqual(
        (await store.listWidgets(dashboard.id)).map((w) => w.id),
        ['w1'],
      );
    });
  });

  describe(`Migration ${ORG_SCOPED} keeps an existing database: ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    before(async () => {
      ({ store, cleanup } = await backend.openMigrated(async (exec) => {
        await exec('INSERT INTO organizations (id, name) VALUES (?, ?), (?, ?)', ['acme', 'Acme', 'globex', 'Globex']);
        await exec('INSERT INTO projects (id, org_id, name) VALUES (?, ?, ?), (?, ?, ?)', [
          'marketing',
          'acme',
          'Marketing',
          'research',
          'globex',
          'Research',
        ]);
        await exec(
          `INSERT INTO users (id, org_id, username, name, email, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)`,
          [41, 'acme', 'ann', 'Ann', 'ann@acme.test', T, T, 42, 'acme', 'bea', 'Bea', 'bea@acme.test', T, T],
        );
        await exec('INSERT INTO memberships (user_id, project_id, role) VALUES (?, ?, ?), (?, ?, ?)', [
          41,
          'marketing',
          'owner',
          42,
          'marketing',
          'viewer',
        ]);
        await exec(
          `INSERT INTO data_sources (id, project_id, name, table_name, fields, readable_by)
           VALUES (?, ?, ?, ?, ?, ?)`,
          ['campaigns', 'marketing', 'Campaigns', 'ds_old_campaigns', JSON.stringify(fields), '["owner","member"]'],
        );
        await exec(
          `INSERT INTO dashboards (id, org_id, project_id, owner_id, title, project_access_role, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ['old-dash', 'acme', 'marketing', 41, 'Old dashboard', 'viewer', T, T],
        );
        // Inserted out of id order: a dashboard lists its widgets in insertion order, which must survive.
        for (const id of ['w-z', 'w-a', 'w-m']) {
          await exec(
            `INSERT INTO widgets (id, dashboard_id, title, type, data_source_id, query, position)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [
              id,
              'old-dash',
              id.toUpperCase(),
              'kpi',
              'campaigns',
              '{"metrics":[{"agg":"count"}],"dimensions":[],"filters":[],"sort":[]}',
              '{"x":0,"y":0,"w":4,"h":2}',
            ],
          );
        }
        await exec('INSERT INTO shares (dashboard_id, user_id, role, created_at) VALUES (?, ?, ?, ?)', [
          'old-dash',
          42,
          'author',
          T,
        ]);
        await exec(
          `INSERT INTO public_links (id, dashboard_id, label, token_hash, token_sealed, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ['link-1', 'old-dash', 'Wall', 'hash-1', 'sealed-1', T, 41],
        );
      }));
    });
    after(async () => cleanup?.());

    test('projects, memberships and data sources get their current organization', async () => {
      assert.deepEqual(await store.getProject('acme', 'marketing'), {
        id: 'marketing',
        orgId: 'acme',
        name: 'Marketing',
      });
      assert.deepEqual(await store.getProject('globex', 'research'), {
        id: 'research',
        orgId: 'globex',
        name: 'Research',
      });
      assert.deepEqual((await store.getUserById(41))!.memberships, [
        { projectId: 'marketing', projectName: 'Marketing', role: 'owner' },
      ]);
      assert.deepEqual(
        (await store.listProjectMembers('acme', 'marketing')).map((m) => [m.username, m.role]),
        [
          ['ann', 'owner'],
          ['bea', 'viewer'],
        ],
      );
      assert.deepEqual(await store.getDataSource('acme', 'campaigns'), {
        id: 'campaigns',
        orgId: 'acme',
        projectId: 'marketing',
        name: 'Campaigns',
        tableName: 'ds_old_campaigns',
        fields,
        readableBy: ['owner', 'member'],
        externalAccess: false,
      });
    });

    test('dashboards keep their widgets (in order), shares and public links', async () => {
      const dashboard = (await store.getDashboard('old-dash'))!;
      assert.equal(dashboard.orgId, 'acme');
      assert.equal(dashboard.projectId, 'marketing');
      assert.equal(dashboard.projectAccessRole, 'viewer');
      assert.deepEqual(
        (await store.listWidgets('old-dash')).map((w) => [w.id, w.dataSourceId]),
        [
          ['w-z', 'campaigns'],
          ['w-a', 'campaigns'],
          ['w-m', 'campaigns'],
        ],
      );
      assert.deepEqual(
        (await store.listShares('old-dash')).map((s) => [s.username, s.role]),
        [['bea', 'author']],
      );
      assert.equal((await store.getLink('link-1'))?.label, 'Wall');
      const ann = (await store.getUserById(41))!;
      assert.deepEqual(
        (await store.listCandidateDashboards(ann)).map((d) => d.id),
        ['old-dash'],
      );
    });

    test('after the migration another organization may have a project and a source of the same id', async () => {
      await store.upsertProject({ id: 'marketing', orgId: 'globex', name: 'Globex Marketing' });
      await store.upsertDataSource({ ...campaigns('globex'), tableName: 'ds_new_globex_campaigns' });
      assert.equal((await store.getProject('acme', 'marketing'))!.name, 'Marketing');
      assert.equal((await store.getDataSource('acme', 'campaigns'))!.tableName, 'ds_old_campaigns');
      assert.equal((await store.getDataSource('globex', 'campaigns'))!.tableName, 'ds_new_globex_campaigns');
      // Deleting the old dashboard still removes what hangs on it (the rebuilt tables keep their cascades).
      assert.equal(await store.deleteDashboard('old-dash'), true);
      assert.deepEqual(await store.listWidgets('old-dash'), []);
      assert.equal(await store.getLink('link-1'), undefined);
    });
  });
}

/**
 * SQLite rebuilds five tables in migration 008 with the columns they had before it; PostgreSQL alters them in place.
 * A column that another migration adds to one of them must survive on both: after every migration, both databases
 * have the same tables with the same columns.
 */
describe(
  'after every migration, SQLite and PostgreSQL have the same tables and columns',
  { skip: pgForTests.skip },
  () => {
    test('same tables, same columns', async () => {
      if (!pgForTests.available) throw new Error(pgForTests.reason);
      const tmp = tempDir('atlas-tenancy-schema-');
      const db = openDatabase(join(tmp.dir, 'schema.db'));
      const pgDb = await pgForTests.createDatabase();
      const pool = createPool(pgDb.url, 1);
      try {
        migrateSqlite(db);
        await migratePostgres(pool);
        const sqlite: Record<string, string[]> = {};
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
          .pluck()
          .all() as string[];
        for (const table of tables) {
          sqlite[table] = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).sort();
        }
        const { rows } = await pool.query<{ table_name: string; column_name: string }>(
          `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY table_name, column_name`,
        );
        const postgres: Record<string, string[]> = {};
        for (const r of rows) (postgres[r.table_name] ??= []).push(r.column_name);
        // PostgreSQL numbers widgets with a column of its own (seq): SQLite keeps their order by rowid.
        postgres.widgets = postgres.widgets?.filter((c) => c !== 'seq');
        for (const columns of Object.values(postgres)) columns.sort();
        assert.deepEqual(sqlite, postgres);
      } finally {
        db.close();
        await pool.end();
        await pgDb.drop();
        tmp.cleanup();
      }
    });
  },
);
