/**
 * ONE store conformance suite (SPEC O3), run against a SQLite file and against a real PostgreSQL 15 database:
 * every Store method, with the same inputs and the same expected answers, including widget queries compiled by the
 * one query compiler in each store's dialect.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openPostgresStore } from '../../server/store/postgres/index.js';
import { readPoolMax } from '../../server/store/postgres/pool.js';
import { openStore } from '../../server/store/index.js';
import type {
  AuditEvent,
  LinkSession,
  Dashboard,
  DashboardPatch,
  FieldDefinition,
  PublicLink,
  Store,
  UserWithMemberships,
  Widget,
} from '../../server/store/types.js';
import { widgetQuerySchema, type QueryFilter } from '../../server/schemas/dashboard.js';
import { postgresForTests } from '../support/postgres.js';
import { emptyBackends } from './store-backends.js';

const pgForTests = await postgresForTests();

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2026-03-01T12:00:00.000Z');

const salesFields: FieldDefinition[] = [
  { name: 'sold_at', type: 'date', label: 'Sold at' },
  { name: 'region', type: 'string', label: 'Region' },
  { name: 'product', type: 'string', label: 'Product' },
  { name: 'amount', type: 'number', label: 'Amount' },
];
// 2026-03-02 is a Monday. Mixed case and LIKE wildcards in text on purpose (byte-wise order, literal matching).
const salesRows: unknown[][] = [
  ['2026-03-02 08:15:00', 'EMEA', 'Chai', 10],
  ['2026-03-02 09:45:30', 'EMEA', 'Chang', 20.5],
  ['2026-03-03 10:00:00', 'apac', 'Ikura 50%', 5],
  ['2026-03-08 23:59:59', 'LATAM', 'chai latte', 7.25],
  ['2026-03-09 00:00:00', 'EMEA', 'Ikura_x', 100],
  ['2026-04-01 06:30:00', 'apac', 'Tofu', 1],
];

for (const backend of emptyBackends) {
  describe(`Store conformance: ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    // What the public routes read (issue 13): a token's link with its dashboard, a widget with its data source.
    const linkByHash = async (hash: string) => (await store.getLinkAndDashboardByTokenHash(hash))?.link;
    const widgetOf = async (dashboardId: string, widgetId: string) =>
      (await store.getWidgetWithDataSource('acme', dashboardId, widgetId))?.widget;
    let cleanup: () => Promise<void>;
    let alice: UserWithMemberships;
    let bob: UserWithMemberships;
    let carol: UserWithMemberships;
    let zed: UserWithMemberships; // another organization

    before(async () => {
      ({ store, cleanup } = await backend.open());
      await store.upsertOrganization({ id: 'acme', name: 'Acme' });
      await store.upsertOrganization({ id: 'other', name: 'Other' });
      await store.upsertProject({ id: 'ops', orgId: 'acme', name: 'Operations' });
      await store.upsertProject({ id: 'sales', orgId: 'acme', name: 'Sales' });
      await store.upsertProject({ id: 'x', orgId: 'other', name: 'X' });
      alice = await store.upsertUser({
        orgId: 'acme',
        username: 'alice',
        name: 'Alice',
        email: 'alice@acme.test',
        projects: { ops: 'owner', sales: 'member' },
      });
      bob = await store.upsertUser({
        orgId: 'acme',
        username: 'bob',
        name: 'Bob',
        email: 'bob@acme.test',
        projects: { ops: 'member' },
      });
      carol = await store.upsertUser({
        orgId: 'acme',
        username: 'carol',
        name: 'Carol',
        email: 'c.arol@acme.test',
        projects: { sales: 'viewer' },
      });
      zed = await store.upsertUser({
        orgId: 'other',
        username: 'zed',
        name: 'Zed',
        email: 'alzed@other.test',
        projects: { x: 'owner' },
      });
      await store.upsertDataSource({
        id: 'sales_ds',
        orgId: 'acme',
        projectId: 'sales',
        name: 'Sales',
        tableName: 'ds_conf_sales',
        fields: salesFields,
        readableBy: ['owner', 'member'],
        externalAccess: true,
      });
    });
    after(async () => cleanup?.());

    // ── health and dialect ──
    test('O3: ping answers and the store names its query dialect', async () => {
      assert.equal(await store.ping(), true);
      assert.equal(store.dialect, backend.name === 'PostgreSQL' ? 'postgres' : 'sqlite');
    });

    // ── identity ──
    test('I1: organizations and projects upsert, read back and list by name within one organization', async () => {
      assert.deepEqual(await store.getOrganization('acme'), { id: 'acme', name: 'Acme' });
      await store.upsertOrganization({ id: 'acme', name: 'Acme Inc' });
      assert.deepEqual(await store.getOrganization('acme'), { id: 'acme', name: 'Acme Inc' });
      assert.equal(await store.getOrganization('nope'), undefined);
      assert.deepEqual(await store.getProject('acme', 'ops'), { id: 'ops', orgId: 'acme', name: 'Operations' });
      assert.equal(await store.getProject('acme', 'nope'), undefined);
      assert.deepEqual(
        (await store.listProjects('acme')).map((p) => p.id),
        ['ops', 'sales'],
      );
      // Projects are per organization (issue 18): another organization's `x` is not acme's.
      assert.equal(await store.getProject('acme', 'x'), undefined);
      assert.deepEqual(await store.getProject('other', 'x'), { id: 'x', orgId: 'other', name: 'X' });
    });

    test('I1: just-in-time upsert creates, then updates the same user and replaces memberships', async () => {
      const first = await store.upsertUser({
        orgId: 'acme',
        username: 'frank',
        name: 'Frank',
        email: 'frank@acme.test',
        projects: { ops: 'viewer', x: 'owner', missing: 'owner' },
      });
      // Projects of another organization, or unknown ones, never become memberships.
      assert.deepEqual(first.memberships, [{ projectId: 'ops', projectName: 'Operations', role: 'viewer' }]);
      const second = await store.upsertUser({
        orgId: 'acme',
        username: 'frank',
        name: 'Frank F.',
        email: 'ff@acme.test',
        projects: { sales: 'member' },
      });
      assert.equal(second.id, first.id);
      assert.equal(second.name, 'Frank F.');
      assert.equal(second.email, 'ff@acme.test');
      assert.deepEqual(second.memberships, [{ projectId: 'sales', projectName: 'Sales', role: 'member' }]);
      assert.deepEqual(await store.getUserById(first.id), second);
      assert.deepEqual(await store.getUserByUsername('acme', 'frank'), second);
      assert.equal(await store.getUserByUsername('other', 'frank'), undefined);
      assert.equal(await store.getUserById(999_999), undefined);
      // Same username in another organization is another user.
      const twin = await store.upsertUser({
        orgId: 'other',
        username: 'frank',
        name: 'Other Frank',
        email: 'f@other.test',
        projects: {},
      });
      assert.notEqual(twin.id, first.id);
      assert.deepEqual(twin.memberships, []);
    });

    test('U1: user search is a case-insensitive prefix on username or email, ordered, limited, one organization', async () => {
      for (const n of ['alina', 'Alfred', 'albert', 'al_x', 'alzbeta']) {
        await store.upsertUser({
          orgId: 'acme',
          username: n,
          name: n,
          email: `${n.toLowerCase()}@acme.test`,
          projects: {},
        });
      }
      const names = async (prefix: string, limit = 10) =>
        (await store.searchUsers('acme', prefix, limit)).map((u) => u.username);
      assert.deepEqual(await names('al'), ['al_x', 'albert', 'Alfred', 'alice', 'alina', 'alzbeta']);
      assert.deepEqual(await names('AL', 3), ['al_x', 'albert', 'Alfred']);
      // Email prefix: carol's address starts with "c.arol"; zed (other organization) has an "alzed@" address.
      assert.deepEqual(await names('c.a'), ['carol']);
      assert.ok(!(await names('alz')).includes('zed'));
      // LIKE wildcards typed by a user match literally.
      assert.deepEqual(await names('al_'), ['al_x']);
      assert.deepEqual(await names('%'), []);
      const u = (await store.searchUsers('acme', 'bob', 10))[0]!;
      assert.deepEqual(u, { id: bob.id, orgId: 'acme', username: 'bob', name: 'Bob', email: 'bob@acme.test' });
    });

    test('U5: project members are listed with their project role, by username', async () => {
      const members = await store.listProjectMembers('acme', 'ops');
      assert.deepEqual(
        members.filter((m) => ['alice', 'bob'].includes(m.username)).map((m) => [m.username, m.role]),
        [
          ['alice', 'owner'],
          ['bob', 'member'],
        ],
      );
      assert.ok(members.every((m) => m.orgId === 'acme'));
    });

    // ── data sources ──
    test('P4: data sources upsert, read back and list per project', async () => {
      const ds = await store.getDataSource('acme', 'sales_ds');
      assert.deepEqual(ds, {
        id: 'sales_ds',
        orgId: 'acme',
        projectId: 'sales',
        name: 'Sales',
        tableName: 'ds_conf_sales',
        fields: salesFields,
        readableBy: ['owner', 'member'],
        externalAccess: true,
      });
      await store.upsertDataSource({ ...ds!, name: 'Sales (all)', readableBy: ['owner'], externalAccess: false });
      const changed = await store.getDataSource('acme', 'sales_ds');
      assert.equal(changed!.externalAccess, false);
      assert.deepEqual(changed!.readableBy, ['owner']);
      await store.upsertDataSource({ ...ds!, name: 'A first', id: 'aaa_ds', tableName: 'ds_conf_aaa' });
      assert.deepEqual(
        (await store.listDataSources('acme', 'sales')).map((d) => d.id),
        ['aaa_ds', 'sales_ds'],
      );
      assert.deepEqual(await store.listDataSources('acme', 'ops'), []);
      assert.equal(await store.getDataSource('acme', 'nope'), undefined);
      await store.upsertDataSource(ds!);
    });

    // ── widget queries through the compiler, one model and each dialect ──
    describe('widget queries compiled for this store', () => {
      const source = { tableName: 'ds_conf_sales', fields: salesFields };
      // The store is handed a query model and compiles it with its own dialect.
      const run = (query: unknown, extra: QueryFilter[] = []) =>
        store.runQuery({
          query: widgetQuerySchema.parse(query),
          source,
          extraConditions: extra.map((filter) => ({ filter, errorCode: 'invalid_filters' })),
        });

      before(async () => {
        await store.createDataTable(source);
        await store.createDataTable(source); // idempotent
        await store.insertRows(source.tableName, salesFields, salesRows);
      });

      test('Domain: count and sum grouped by a text field, sorted byte-wise like SQLite', async () => {
        assert.deepEqual(
          await run({ metrics: [{ agg: 'count' }, { agg: 'sum', field: 'amount' }], dimensions: ['region'] }),
          [
            { region: 'EMEA', count: 3, sum_amount: 130.5 },
            { region: 'LATAM', count: 1, sum_amount: 7.25 },
            { region: 'apac', count: 2, sum_amount: 6 },
          ],
        );
      });

      test('Domain: time buckets yield the same text keys (day, week from Monday, month, hour, minute)', async () => {
        const bucket = (b: string) =>
          run({ metrics: [{ agg: 'count' }], dimensions: [{ field: 'sold_at', bucket: b, as: 'k' }] });
        assert.deepEqual(await bucket('day'), [
          { k: '2026-03-02 00:00:00', count: 2 },
          { k: '2026-03-03 00:00:00', count: 1 },
          { k: '2026-03-08 00:00:00', count: 1 },
          { k: '2026-03-09 00:00:00', count: 1 },
          { k: '2026-04-01 00:00:00', count: 1 },
        ]);
        assert.deepEqual(await bucket('week'), [
          { k: '2026-03-02 00:00:00', count: 4 },
          { k: '2026-03-09 00:00:00', count: 1 },
          { k: '2026-03-30 00:00:00', count: 1 },
        ]);
        assert.deepEqual(await bucket('month'), [
          { k: '2026-03-01 00:00:00', count: 5 },
          { k: '2026-04-01 00:00:00', count: 1 },
        ]);
        assert.deepEqual((await bucket('hour'))[1], { k: '2026-03-02 09:00:00', count: 1 });
        assert.deepEqual((await bucket('minute'))[1], { k: '2026-03-02 09:45:00', count: 1 });
      });

      test('Domain: min, max, avg and distinct counts agree; dates come back as text', async () => {
        assert.deepEqual(
          await run({
            metrics: [
              { agg: 'min', field: 'sold_at', as: 'first' },
              { agg: 'max', field: 'sold_at', as: 'last' },
              { agg: 'avg', field: 'amount', as: 'avg' },
              { agg: 'countDistinct', field: 'region', as: 'regions' },
              { agg: 'max', field: 'amount', as: 'top' },
            ],
          }),
          [{ first: '2026-03-02 08:15:00', last: '2026-04-01 06:30:00', avg: 143.75 / 6, regions: 3, top: 100 }],
        );
      });

      test('Domain: filters (date-only days, ranges, in, neq, gt/lt) select the same rows', async () => {
        const products = async (filters: unknown[], extra: QueryFilter[] = []) =>
          (await run({ filters, sort: [{ by: 'sold_at' }] }, extra)).map((r) => r.product);
        assert.deepEqual(await products([{ field: 'sold_at', op: 'eq', value: '2026-03-02' }]), ['Chai', 'Chang']);
        assert.deepEqual(await products([{ field: 'sold_at', op: 'between', value: ['2026-03-03', '2026-03-08'] }]), [
          'Ikura 50%',
          'chai latte',
        ]);
        assert.deepEqual(await products([{ field: 'sold_at', op: 'lte', value: '2026-03-02 09:00:00' }]), ['Chai']);
        assert.deepEqual(await products([{ field: 'sold_at', op: 'gt', value: '2026-03-08' }]), ['Ikura_x', 'Tofu']);
        assert.deepEqual(await products([{ field: 'region', op: 'in', value: ['apac', 'LATAM'] }]), [
          'Ikura 50%',
          'chai latte',
          'Tofu',
        ]);
        assert.deepEqual(
          await products([
            { field: 'amount', op: 'gte', value: 20.5 },
            { field: 'region', op: 'neq', value: 'apac' },
          ]),
          ['Chang', 'Ikura_x'],
        );
        assert.deepEqual(await products([{ field: 'amount', op: 'lt', value: '5' }]), ['Tofu']);
        // Global filters arrive as extra conditions and combine with the widget's own.
        assert.deepEqual(
          await products([{ field: 'region', op: 'eq', value: 'EMEA' }], [{ field: 'amount', op: 'gt', value: 15 }]),
          ['Chang', 'Ikura_x'],
        );
      });

      test('Domain: contains is case-insensitive and treats % and _ literally', async () => {
        const products = async (value: string) =>
          (await run({ filters: [{ field: 'product', op: 'contains', value }], sort: [{ by: 'product' }] })).map(
            (r) => r.product,
          );
        assert.deepEqual(await products('CHAI'), ['Chai', 'chai latte']);
        assert.deepEqual(await products('50%'), ['Ikura 50%']);
        assert.deepEqual(await products('a_x'), ['Ikura_x']);
        assert.deepEqual(await products('%'), ['Ikura 50%']);
      });

      test('Domain: raw rows with sort and limit return every declared field in order', async () => {
        assert.deepEqual(await run({ sort: [{ by: 'amount', dir: 'desc' }], limit: 2 }), [
          { sold_at: '2026-03-09 00:00:00', region: 'EMEA', product: 'Ikura_x', amount: 100 },
          { sold_at: '2026-03-02 09:45:30', region: 'EMEA', product: 'Chang', amount: 20.5 },
        ]);
      });

      test('V6: iterateQuery streams the same rows in order, and the store stays usable after an early stop', async () => {
        const model = { query: widgetQuerySchema.parse({ sort: [{ by: 'sold_at' }] }), source };
        const streamed: Record<string, unknown>[] = [];
        for await (const row of store.iterateQuery(model)) streamed.push(row);
        assert.deepEqual(streamed, await store.runQuery(model));
        assert.equal(streamed.length, salesRows.length);
        for await (const row of store.iterateQuery(model)) {
          assert.equal(row.product, 'Chai');
          break;
        }
        assert.equal(await store.ping(), true);
        assert.equal((await store.runQuery(model)).length, salesRows.length);
      });

      test('O3: the store compiles a query model in its own dialect; a refusal is the same 400 in both', async () => {
        const model = {
          query: widgetQuerySchema.parse({
            metrics: [{ agg: 'count' }],
            filters: [{ field: 'region', op: 'eq', value: 'EMEA' }],
          }),
          source,
          extraConditions: [
            { filter: { field: 'amount', op: 'gt' as const, value: 15 }, errorCode: 'invalid_filters' },
          ],
          maxRows: 7,
        };
        const compiled = store.compileQuery(model);
        assert.deepEqual(compiled.params, ['EMEA', 15, 7], 'every value bound, the row cap last');
        assert.match(
          compiled.sql,
          store.dialect === 'postgres' ? /= \$1 AND .* > \$2 LIMIT \$3$/ : /= \? AND .* > \? LIMIT \?$/,
        );
        assert.deepEqual(compiled.columns, [{ name: 'count', label: 'Count', type: 'number' }]);
        assert.deepEqual(await store.runQuery(model), [{ count: 2 }]);
        // The same SQL runs as is through runSql (tests and operators only).
        assert.deepEqual(await store.runSql(compiled), [{ count: 2 }]);

        const refused = { query: widgetQuerySchema.parse({ metrics: [{ agg: 'sum', field: 'region' }] }), source };
        const invalidQuery = { status: 400, code: 'invalid_query', message: /'sum' needs a number field/ };
        assert.throws(() => store.compileQuery(refused), invalidQuery);
        await assert.rejects(store.runQuery(refused), invalidQuery);
        await assert.rejects(async () => {
          for await (const row of store.iterateQuery(refused))
            assert.fail(`no row expected, got ${JSON.stringify(row)}`);
        }, invalidQuery);
        const badFilter = {
          ...model,
          extraConditions: [
            { filter: { field: 'amount', op: 'eq' as const, value: 'x' }, errorCode: 'invalid_filters' },
          ],
        };
        await assert.rejects(store.runQuery(badFilter), { status: 400, code: 'invalid_filters' });
      });

      test('Domain: empty values sort as the smallest in both dialects, ascending and descending', async () => {
        const fields: FieldDefinition[] = [
          { name: 'label', type: 'string', label: 'Label' },
          { name: 'n', type: 'number', label: 'N' },
        ];
        const nulls = { tableName: 'ds_conf_nulls', fields };
        await store.createDataTable(nulls);
        await store.insertRows('ds_conf_nulls', fields, [
          ['b', 2],
          [null, null],
          ['a', 1],
        ]);
        const sorted = async (dir: 'asc' | 'desc') =>
          (await store.runQuery({ query: widgetQuerySchema.parse({ sort: [{ by: 'n', dir }] }), source: nulls })).map(
            (r) => r.label,
          );
        assert.deepEqual(await sorted('asc'), [null, 'a', 'b']);
        assert.deepEqual(await sorted('desc'), ['b', 'a', null]);
      });

      test('O1: large batched inserts land every row (the demo seed writes 300k)', async () => {
        const fields: FieldDefinition[] = [
          { name: 'at', type: 'date', label: 'At' },
          { name: 'v', type: 'number', label: 'V' },
        ];
        await store.createDataTable({ tableName: 'ds_conf_big', fields });
        const rows = Array.from({ length: 12_345 }, (_, i) => [
          `2026-01-01 00:00:${String(i % 60).padStart(2, '0')}`,
          i,
        ]);
        await store.insertRows('ds_conf_big', fields, rows);
        const [total] = await store.runQuery({
          query: widgetQuerySchema.parse({ metrics: [{ agg: 'count' }, { agg: 'sum', field: 'v' }] }),
          source: { tableName: 'ds_conf_big', fields },
        });
        assert.deepEqual(total, { count: 12_345, sum_v: (12_344 * 12_345) / 2 });
      });
    });

    // ── dashboards and widgets ──
    const newDashboard = async (ownerId: number, projectId = 'ops', extra: Partial<{ title: string }> = {}) =>
      store.insertDashboard({
        id: `d-${randomUUID()}`,
        orgId: 'acme',
        projectId,
        ownerId,
        title: extra.title ?? 'Board',
        description: 'About',
        filters: [{ field: 'region', type: 'select', label: 'Region', options: ['EMEA'] }],
        refreshInterval: 60,
      });

    test('C4: dashboards insert with defaults, read back and update only the patched fields', async () => {
      const d = await newDashboard(alice.id);
      assert.equal(d.ownerId, alice.id);
      assert.equal(d.projectAccessRole, null);
      assert.equal(d.orgAccess, false);
      assert.ok(!Number.isNaN(Date.parse(d.createdAt)) && d.createdAt === d.updatedAt);
      assert.deepEqual(await store.getDashboard(d.id), d);
      const updated = await store.updateDashboard(d.id, { title: 'Renamed', refreshInterval: 30 });
      assert.equal(updated!.title, 'Renamed');
      assert.equal(updated!.refreshInterval, 30);
      assert.equal(updated!.description, 'About');
      assert.deepEqual(updated!.filters, d.filters);
      assert.equal(await store.updateDashboard('missing', { title: 'x' }), undefined);
      assert.equal(await store.getDashboard('missing'), undefined);
    });

    test('C4: updateDashboard leaves a field that is undefined or null alone, and ignores what is not patchable', async () => {
      const d = await newDashboard(alice.id);
      // What a JavaScript caller may pass whatever the types say: the same answer from both stores, never an error.
      const loose = (patch: Record<string, unknown>) => store.updateDashboard(d.id, patch as DashboardPatch);
      const kept = await loose({ title: undefined, description: null, filters: null, refreshInterval: undefined });
      assert.deepEqual({ ...kept!, updatedAt: d.updatedAt }, d);
      const ignored = await loose({ title: 'New', ownerId: bob.id, orgAccess: true, createdAt: iso(0), id: 'other' });
      assert.deepEqual({ ...ignored!, updatedAt: d.updatedAt }, { ...d, title: 'New' });
      // Empty text, zero and an empty list are values, not "unchanged".
      const emptied = await store.updateDashboard(d.id, { description: '', refreshInterval: 0, filters: [] });
      assert.deepEqual(
        [emptied!.title, emptied!.description, emptied!.refreshInterval, emptied!.filters],
        ['New', '', 0, []],
      );
      assert.deepEqual(await store.getDashboard(d.id), emptied, 'the answer is what is stored');
    });

    test('C4: every write moves updatedAt strictly forward, even several within one millisecond', async () => {
      const d = await newDashboard(alice.id);
      const versions = [d.updatedAt];
      const stamp = async () => versions.push((await store.getDashboard(d.id))!.updatedAt);
      for (let i = 0; i < 5; i++) versions.push((await store.updateDashboard(d.id, { title: `T${i}` }))!.updatedAt);
      versions.push((await store.updateDashboard(d.id, {}))!.updatedAt);
      const widget = {
        id: 'w-v',
        dashboardId: d.id,
        title: 'W',
        type: 'kpi' as const,
        dataSourceId: 'sales_ds',
        query: widgetQuerySchema.parse({ metrics: [{ agg: 'count' }] }),
        position: { x: 0, y: 0, w: 3, h: 2 },
      };
      await store.insertWidget(widget);
      await stamp();
      await store.updateWidget({ ...widget, title: 'W2' });
      await stamp();
      await store.deleteWidget(d.id, widget.id);
      await stamp();
      await store.setProjectAccess(d.id, 'viewer');
      await stamp();
      await store.setOrgAccess(d.id, true);
      await stamp();
      for (let i = 1; i < versions.length; i++) {
        assert.ok(Date.parse(versions[i]!) > Date.parse(versions[i - 1]!), `write ${i}: ${versions.join(' ')}`);
        assert.equal(new Date(versions[i]!).toISOString(), versions[i], 'ISO-8601 UTC with milliseconds');
      }
      assert.equal((await store.getDashboard(d.id))!.createdAt, d.createdAt);
    });

    test('P1: candidate dashboards are owned, shared, project-wide or organization-wide ones, in one organization', async () => {
      const own = await newDashboard(bob.id);
      const shared = await newDashboard(alice.id);
      const project = await newDashboard(alice.id, 'ops');
      const org = await newDashboard(alice.id, 'sales');
      const hidden = await newDashboard(alice.id, 'sales');
      await store.insertShare({ dashboardId: shared.id, userId: bob.id, role: 'viewer', createdAt: iso(T0) });
      await store.setProjectAccess(project.id, 'author');
      await store.setOrgAccess(org.id, true);
      const ids = (await store.listCandidateDashboards(bob)).map((d) => d.id);
      for (const d of [own, shared, project, org]) assert.ok(ids.includes(d.id), `bob should reach ${d.id}`);
      assert.ok(!ids.includes(hidden.id));
      // Most recently updated first.
      const list = await store.listCandidateDashboards(bob);
      for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.updatedAt >= list[i]!.updatedAt);
      assert.equal((await store.getDashboard(project.id))!.projectAccessRole, 'author');
      assert.equal((await store.getDashboard(org.id))!.orgAccess, true);
      // Carol is not in ops: project-wide access to an ops dashboard does not reach her; org access does.
      const carolIds = (await store.listCandidateDashboards(carol)).map((d) => d.id);
      assert.ok(carolIds.includes(org.id) && !carolIds.includes(project.id));
      // Another organization sees none of them, even organization-wide ones.
      assert.deepEqual(await store.listCandidateDashboards(zed), []);
      await store.setProjectAccess(project.id, null);
      await store.setOrgAccess(org.id, false);
      const after = (await store.listCandidateDashboards(bob)).map((d) => d.id);
      assert.ok(!after.includes(project.id) && !after.includes(org.id));
    });

    test('C4: widgets insert, list in insertion order, update and delete', async () => {
      const d = await newDashboard(alice.id);
      const mk = (id: string, title: string) => ({
        id,
        dashboardId: d.id,
        title,
        type: 'bar' as const,
        dataSourceId: 'sales_ds',
        query: widgetQuerySchema.parse({ metrics: [{ agg: 'count' }], dimensions: ['region'] }),
        position: { x: 0, y: 0, w: 6, h: 4 },
      });
      await store.insertWidget(mk('w-z', 'Zeta'));
      await store.insertWidget(mk('w-a', 'Alpha'));
      assert.deepEqual(
        (await store.listWidgets(d.id)).map((w) => w.id),
        ['w-z', 'w-a'],
      );
      assert.deepEqual(await widgetOf(d.id, 'w-a'), mk('w-a', 'Alpha'));
      // Issue 13: a widget data request's one read, the widget with its data source, each exactly as read alone.
      assert.deepEqual(await store.getWidgetWithDataSource('acme', d.id, 'w-a'), {
        widget: mk('w-a', 'Alpha'),
        dataSource: await store.getDataSource('acme', 'sales_ds'),
      });
      assert.deepEqual(
        await store.getWidgetWithDataSource('other-org', d.id, 'w-a'),
        { widget: mk('w-a', 'Alpha'), dataSource: undefined },
        'data source ids are per organization',
      );
      assert.equal(await store.getWidgetWithDataSource('acme', d.id, 'w-nope'), undefined);
      const moved = { ...mk('w-a', 'Alpha 2'), type: 'line' as const, position: { x: 6, y: 0, w: 6, h: 4 } };
      await store.updateWidget(moved);
      assert.deepEqual(await widgetOf(d.id, 'w-a'), moved);
      assert.equal(await store.deleteWidget(d.id, 'w-z'), true);
      assert.equal(await store.deleteWidget(d.id, 'w-z'), false);
      assert.equal(await widgetOf(d.id, 'w-z'), undefined);
      assert.deepEqual(
        (await store.listWidgets(d.id)).map((w) => w.id),
        ['w-a'],
      );
    });

    describe('saving a whole edit (saveDashboard)', () => {
      const widget = (id: string, title: string, over: Partial<Widget> = {}) => ({
        id,
        title,
        type: 'bar' as const,
        dataSourceId: 'sales_ds',
        query: widgetQuerySchema.parse({ metrics: [{ agg: 'count' }], dimensions: ['region'] }),
        position: { x: 0, y: 0, w: 6, h: 4 },
        ...over,
      });
      /** A dashboard with widgets a, b and c. */
      const withWidgets = async () => {
        const d = await newDashboard(alice.id);
        for (const id of ['a', 'b', 'c'])
          await store.insertWidget({ ...widget(id, id.toUpperCase()), dashboardId: d.id });
        return (await store.getDashboard(d.id))!;
      };
      const snapshot = async (id: string) => ({
        dashboard: await store.getDashboard(id),
        widgets: await store.listWidgets(id),
      });

      test('C4: listed widgets are updated, new ones added after them in order, unlisted ones deleted, in one go', async () => {
        const d = await withWidgets();
        const moved = widget('c', 'C moved', { type: 'line', position: { x: 6, y: 4, w: 6, h: 4 } });
        const result = await store.saveDashboard(d.id, {
          title: 'Saved',
          description: 'All at once',
          widgets: [moved, widget('new-2', 'Second new'), widget('a', 'A'), widget('new-1', 'First new')],
          baseUpdatedAt: d.updatedAt,
        });
        assert.equal(result.status, 'saved');
        const saved = (result as { dashboard: Dashboard }).dashboard;
        assert.deepEqual(await store.getDashboard(d.id), saved, 'the answer is what is stored');
        assert.deepEqual([saved.title, saved.description], ['Saved', 'All at once']);
        assert.ok(Date.parse(saved.updatedAt) > Date.parse(d.updatedAt));
        assert.deepEqual({ ...saved, title: d.title, description: d.description, updatedAt: d.updatedAt }, d);
        assert.deepEqual(await store.listWidgets(d.id), [
          { ...widget('a', 'A'), dashboardId: d.id },
          { ...moved, dashboardId: d.id },
          { ...widget('new-2', 'Second new'), dashboardId: d.id },
          { ...widget('new-1', 'First new'), dashboardId: d.id },
        ]);
      });

      test('C4: without a description it keeps the current one; an empty list removes every widget', async () => {
        const d = await withWidgets();
        const result = await store.saveDashboard(d.id, { title: 'Bare', widgets: [] });
        assert.equal(result.status, 'saved');
        assert.deepEqual(
          [(await store.getDashboard(d.id))!.title, (await store.getDashboard(d.id))!.description],
          ['Bare', 'About'],
        );
        assert.deepEqual(await store.listWidgets(d.id), []);
        assert.deepEqual(await store.saveDashboard('missing', { title: 'x', widgets: [] }), { status: 'not_found' });
      });

      test('C4: a save from an older version writes nothing and answers the current one (lost-update protection)', async () => {
        const d = await withWidgets();
        const theirs = await store.updateDashboard(d.id, { title: 'Theirs' });
        const before = await snapshot(d.id);
        const result = await store.saveDashboard(d.id, { title: 'Mine', widgets: [], baseUpdatedAt: d.updatedAt });
        assert.deepEqual(result, { status: 'conflict', dashboard: theirs });
        assert.deepEqual(await snapshot(d.id), before);
        // The current version, in any ISO-8601 spelling of the same instant, is not a conflict.
        const sameInstant = theirs!.updatedAt.replace('Z', '+00:00');
        const again = await store.saveDashboard(d.id, { title: 'Mine', widgets: [], baseUpdatedAt: sameInstant });
        assert.equal(again.status, 'saved');
      });

      test('C4: two saves from the same version at once: exactly one is saved, the other is a conflict', async () => {
        const d = await withWidgets();
        const results = await Promise.all(
          ['one', 'two'].map((title) =>
            store.saveDashboard(d.id, { title, widgets: [widget('a', title)], baseUpdatedAt: d.updatedAt }),
          ),
        );
        assert.deepEqual(results.map((r) => r.status).sort(), ['conflict', 'saved']);
        const winner = results.find((r) => r.status === 'saved') as { dashboard: Dashboard };
        assert.deepEqual(
          (await store.listWidgets(d.id)).map((w) => w.title),
          [winner.dashboard.title],
        );
      });

      test('C4: a widget the database refuses rolls the whole save back: nothing changed', async () => {
        const d = await withWidgets();
        const before = await snapshot(d.id);
        const edit = (bad: ReturnType<typeof widget>) => ({
          title: 'Never saved',
          description: 'Never',
          widgets: [widget('a', 'A renamed'), widget('fresh', 'Fresh'), bad],
          baseUpdatedAt: d.updatedAt,
        });
        // Listed last, after the title, an update, an insert and a delete (b and c) were already written.
        await assert.rejects(store.saveDashboard(d.id, edit(widget('bad', 'Bad', { dataSourceId: 'no-such-source' }))));
        assert.deepEqual(await snapshot(d.id), before);
        await assert.rejects(store.saveDashboard(d.id, edit(widget('bad', 'Bad', { type: 'gauge' as never }))));
        assert.deepEqual(await snapshot(d.id), before);
        assert.equal((await store.saveDashboard(d.id, edit(widget('ok', 'OK')))).status, 'saved', 'still usable');
      });
    });

    // ── shares ──
    test('U2/U3: shares insert, list with user details, change role, delete; a duplicate is refused', async () => {
      const d = await newDashboard(alice.id);
      await store.insertShare({ dashboardId: d.id, userId: bob.id, role: 'viewer', createdAt: iso(T0) });
      await store.insertShare({ dashboardId: d.id, userId: carol.id, role: 'author', createdAt: iso(T0 + 1000) });
      await assert.rejects(
        store.insertShare({ dashboardId: d.id, userId: bob.id, role: 'author', createdAt: iso(T0) }),
      );
      assert.deepEqual(await store.listShares(d.id), [
        {
          dashboardId: d.id,
          userId: bob.id,
          role: 'viewer',
          createdAt: iso(T0),
          username: 'bob',
          name: 'Bob',
          email: 'bob@acme.test',
        },
        {
          dashboardId: d.id,
          userId: carol.id,
          role: 'author',
          createdAt: iso(T0 + 1000),
          username: 'carol',
          name: 'Carol',
          email: 'c.arol@acme.test',
        },
      ]);
      assert.deepEqual(await store.getShare(d.id, bob.id), {
        dashboardId: d.id,
        userId: bob.id,
        role: 'viewer',
        createdAt: iso(T0),
      });
      const other = await newDashboard(alice.id);
      await store.insertShare({ dashboardId: other.id, userId: carol.id, role: 'viewer', createdAt: iso(T0) });
      const batched = await store.listSharesForDashboards([d.id, other.id, 'no-such-dashboard']);
      assert.deepEqual(batched.get(d.id), await store.listShares(d.id), 'the batched read equals the single one');
      assert.deepEqual(
        batched.get(other.id)?.map((x) => x.username),
        ['carol'],
      );
      assert.equal(batched.has('no-such-dashboard'), false);
      assert.equal((await store.listSharesForDashboards([])).size, 0);
      assert.ok((await store.listSharesForUser(bob.id)).some((s) => s.dashboardId === d.id && s.role === 'viewer'));
      assert.deepEqual(await store.updateShareRole(d.id, bob.id, 'author'), {
        dashboardId: d.id,
        userId: bob.id,
        role: 'author',
        createdAt: iso(T0),
      });
      assert.equal(await store.updateShareRole(d.id, alice.id, 'author'), undefined);
      assert.equal(await store.deleteShare(d.id, bob.id), true);
      assert.equal(await store.deleteShare(d.id, bob.id), false);
      assert.equal(await store.getShare(d.id, bob.id), undefined);
    });

    // ── public links, audit, rate limits ──
    const newLink = (dashboardId: string, over: Partial<PublicLink> = {}): PublicLink => ({
      id: `l-${randomUUID()}`,
      dashboardId,
      label: 'Customer A',
      tokenHash: `h-${randomUUID()}`,
      tokenSealed: 'sealed',
      createdAt: iso(T0),
      createdBy: alice.id,
      revokedAt: null,
      pausedAt: null,
      expiresAt: null,
      passcodeEnabled: false,
      passcodeSealed: null,
      passcodeVersion: 0,
      lockedFilters: { region: 'EMEA' },
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
      ...over,
    });

    test('issue 16: modifyLink reads and writes one link under its lock; concurrent changes all land', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(newLink(d.id, { accessCount: 3 }));
      const reasons = Array.from({ length: 12 }, (_, i) => ({
        kind: 'widget_added' as const,
        subject: `W${i}`,
        at: iso(T0),
      }));
      // Each change appends to the list as it finds it: any change computed from a stale read would drop others.
      await Promise.all(
        reasons.map((reason) =>
          store.modifyLink(l.id, (current) => ({ exposureChanges: [...current.exposureChanges, reason] })),
        ),
      );
      const after = (await store.getLink(l.id))!;
      assert.deepEqual(after.exposureChanges.map((c) => c.subject).sort(), reasons.map((r) => r.subject).sort());
      assert.equal(after.accessCount, 3, 'columns the change does not name are kept');
      assert.deepEqual(await store.modifyLink(l.id, () => undefined), after, 'no change: the link as it is');
      const paused = await store.modifyLink(l.id, (current) => ({
        pausedAt: iso(T0 + current.exposureChanges.length),
      }));
      assert.equal(paused!.pausedAt, iso(T0 + 12));
      assert.deepEqual(await store.getLink(l.id), paused);
      assert.equal(await store.modifyLink('unknown', () => ({ label: 'x' })), undefined);
    });

    test('L1/L2/L3: links insert, are found by id and token hash, list active ones, count per dashboard, revoke once', async () => {
      const d1 = await newDashboard(alice.id);
      const d2 = await newDashboard(alice.id);
      const a = await store.insertLink(newLink(d1.id, { createdAt: iso(T0) }));
      const b = await store.insertLink(newLink(d1.id, { createdAt: iso(T0 + 5), label: '' }));
      const c = await store.insertLink(newLink(d2.id));
      assert.deepEqual(await store.getLink(a.id), a);
      assert.deepEqual(await linkByHash(b.tokenHash), b);
      assert.equal(await linkByHash('unknown'), undefined);
      // Issue 13: the public routes' one read, the link and its dashboard together, each exactly as read alone.
      assert.deepEqual(await store.getLinkAndDashboardByTokenHash(b.tokenHash), {
        link: b,
        dashboard: await store.getDashboard(d1.id),
      });
      assert.deepEqual(await store.getLinkAndDashboardByTokenHash(c.tokenHash), {
        link: c,
        dashboard: await store.getDashboard(d2.id),
      });
      assert.equal(await store.getLinkAndDashboardByTokenHash('unknown'), undefined);
      assert.equal(await store.getLink('unknown'), undefined);
      assert.deepEqual(
        (await store.listLinks(d1.id)).map((l) => l.id),
        [a.id, b.id],
      );
      await assert.rejects(store.insertLink(newLink(d2.id, { tokenHash: a.tokenHash })), 'token hashes are unique');

      const counts = await store.countLinks([d1.id, d2.id, 'no-such-dashboard']);
      assert.deepEqual(counts.get(d1.id), { active: 2, changed: 0 });
      assert.deepEqual(counts.get(d2.id), { active: 1, changed: 0 });
      assert.equal(counts.get('no-such-dashboard'), undefined);
      assert.equal((await store.countLinks([])).size, 0);

      assert.equal(await store.revokeLink(a.id, iso(T0 + 60_000)), true);
      assert.equal(await store.revokeLink(a.id, iso(T0 + 120_000)), false, 'a second revoke changes nothing');
      assert.equal((await store.getLink(a.id))!.revokedAt, iso(T0 + 60_000));
      assert.deepEqual(
        (await store.listLinks(d1.id)).map((l) => l.id),
        [b.id],
      );
      assert.deepEqual(
        (await store.listLinks(d1.id, { includeRevoked: true })).map((l) => l.id),
        [a.id, b.id],
      );
      assert.equal((await store.countLinks([d1.id])).get(d1.id)?.active, 1);
      assert.ok(c);
    });

    test("issue 16: listActiveLinksOfDashboards: the given dashboards' active links with each one's title, newest first, capped", async () => {
      const d1 = await newDashboard(alice.id, 'ops', { title: 'First board' });
      const d2 = await newDashboard(alice.id, 'ops', { title: 'Second board' });
      const other = await newDashboard(bob.id, 'ops', { title: 'Not asked for' });
      const a = await store.insertLink(newLink(d1.id, { createdAt: iso(T0) }));
      const b = await store.insertLink(newLink(d2.id, { createdAt: iso(T0 + 10) }));
      const c = await store.insertLink(newLink(d1.id, { createdAt: iso(T0 + 20), label: 'newest' }));
      const revoked = await store.insertLink(newLink(d2.id, { createdAt: iso(T0 + 30) }));
      await store.insertLink(newLink(other.id, { createdAt: iso(T0 + 40) }));
      assert.equal(await store.revokeLink(revoked.id, iso(T0 + 50)), true);

      const all = await store.listActiveLinksOfDashboards([d1.id, d2.id, 'no-such-dashboard'], 100);
      assert.deepEqual(
        all.map((r) => [r.link.id, r.dashboard]),
        [
          [c.id, { id: d1.id, title: 'First board' }],
          [b.id, { id: d2.id, title: 'Second board' }],
          [a.id, { id: d1.id, title: 'First board' }],
        ],
      );
      assert.deepEqual(all[0]!.link, c, 'the whole link, as getLink reads it');
      assert.deepEqual(
        (await store.listActiveLinksOfDashboards([d1.id, d2.id], 2)).map((r) => r.link.id),
        [c.id, b.id],
      );
      assert.deepEqual(
        (await store.listActiveLinksOfDashboards([d2.id], 100)).map((r) => r.link.id),
        [b.id],
      );
      assert.deepEqual(await store.listActiveLinksOfDashboards([], 100), []);

      // Ties on createdAt: the id decides, the same way in both stores.
      const d3 = await newDashboard(alice.id);
      const tie = randomUUID();
      const t1 = await store.insertLink(newLink(d3.id, { id: `l-tie-a-${tie}`, createdAt: iso(T0) }));
      const t2 = await store.insertLink(newLink(d3.id, { id: `l-tie-b-${tie}`, createdAt: iso(T0) }));
      assert.deepEqual(
        (await store.listActiveLinksOfDashboards([d3.id], 10)).map((r) => r.link.id),
        [t2.id, t1.id],
      );
      await store.updateDashboard(d1.id, { title: 'Renamed board' });
      assert.equal((await store.listActiveLinksOfDashboards([d1.id], 1))[0]!.dashboard.title, 'Renamed board');
    });

    test('L4: updateLink changes passcode state and version, leaves the rest, and answers undefined for unknown links', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(newLink(d.id));
      const updated = await store.updateLink(l.id, {
        passcodeEnabled: true,
        passcodeSealed: 'p-sealed',
        passcodeVersion: 1,
        label: 'Renamed',
      });
      assert.deepEqual(updated, {
        ...l,
        passcodeEnabled: true,
        passcodeSealed: 'p-sealed',
        passcodeVersion: 1,
        label: 'Renamed',
      });
      assert.deepEqual(await store.getLink(l.id), updated);
      const off = await store.updateLink(l.id, {
        passcodeEnabled: false,
        passcodeSealed: null,
        passcodeVersion: 2,
        lockedFilters: {},
      });
      assert.equal(off!.passcodeSealed, null);
      assert.deepEqual(off!.lockedFilters, {});
      assert.equal(await store.updateLink('unknown', { label: 'x' }), undefined);
    });

    test("V5: a link's frame ancestors round-trip: null (deployment default), a list in order, [] (no site), and back", async () => {
      const d = await newDashboard(alice.id);
      const plain = await store.insertLink(newLink(d.id, { createdAt: iso(T0) }));
      assert.equal((await store.getLink(plain.id))!.frameAncestors, null, 'null stays null, not []');
      const origins = ['https://portal.example.com', 'https://*.customer.example', 'http://localhost:8080'];
      const listed = await store.insertLink(newLink(d.id, { createdAt: iso(T0 + 1), frameAncestors: origins }));
      assert.deepEqual((await store.getLink(listed.id))!.frameAncestors, origins);
      assert.deepEqual((await linkByHash(listed.tokenHash))!.frameAncestors, origins);
      assert.deepEqual(
        (await store.listLinks(d.id)).map((l) => l.frameAncestors),
        [null, origins],
      );

      const none = await store.updateLink(plain.id, { frameAncestors: [] });
      assert.deepEqual(none!.frameAncestors, []);
      assert.deepEqual((await store.getLink(plain.id))!.frameAncestors, [], 'an empty list is kept apart from null');
      const relabeled = await store.updateLink(plain.id, { label: 'Other' });
      assert.deepEqual(relabeled!.frameAncestors, [], 'a patch without it leaves it alone');
      const reset = await store.updateLink(plain.id, { frameAncestors: null });
      assert.equal(reset!.frameAncestors, null);
      assert.deepEqual(await store.getLink(plain.id), { ...plain, label: 'Other', frameAncestors: null });
    });

    test('issue 16: a paused link keeps its time, stays listed and found by token, and resumes to null', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(newLink(d.id, { createdAt: iso(T0) }));
      assert.equal((await store.getLink(l.id))!.pausedAt, null);
      const preset = await store.insertLink(newLink(d.id, { createdAt: iso(T0 + 1), pausedAt: iso(T0 + 2) }));
      assert.equal((await store.getLink(preset.id))!.pausedAt, iso(T0 + 2), 'inserted paused');
      const paused = await store.updateLink(l.id, { pausedAt: iso(T0 + 5) });
      assert.equal(paused!.pausedAt, iso(T0 + 5));
      assert.equal((await linkByHash(l.tokenHash))!.pausedAt, iso(T0 + 5));
      assert.deepEqual(
        (await store.listLinks(d.id)).map((x) => [x.id, x.pausedAt]),
        [
          [l.id, iso(T0 + 5)],
          [preset.id, iso(T0 + 2)],
        ],
        'paused links are not revoked: they stay listed',
      );
      assert.equal((await store.countLinks([d.id])).get(d.id)?.active, 2);
      const relabeled = await store.updateLink(l.id, { label: 'Other' });
      assert.equal(relabeled!.pausedAt, iso(T0 + 5), 'a patch without it leaves it alone');
      const resumed = await store.updateLink(l.id, { pausedAt: null });
      assert.equal(resumed!.pausedAt, null);
      assert.deepEqual(await store.getLink(l.id), { ...l, label: 'Other', pausedAt: null });
    });

    test('issue 16: a link expiry round-trips on insert and update, null is never, a patch without it leaves it', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(newLink(d.id, { createdAt: iso(T0), expiresAt: iso(T0 + 60_000) }));
      assert.equal((await store.getLink(l.id))!.expiresAt, iso(T0 + 60_000));
      assert.equal((await linkByHash(l.tokenHash))!.expiresAt, iso(T0 + 60_000));
      assert.equal((await store.updateLink(l.id, { label: 'x' }))!.expiresAt, iso(T0 + 60_000));
      assert.equal((await store.updateLink(l.id, { expiresAt: iso(T0 + 120_000) }))!.expiresAt, iso(T0 + 120_000));
      assert.equal((await store.updateLink(l.id, { expiresAt: null }))!.expiresAt, null);
      assert.deepEqual(await store.getLink(l.id), { ...l, label: 'x', expiresAt: null });
      assert.deepEqual(
        (await store.listLinks(d.id)).map((x) => x.id),
        [l.id],
      );
    });

    test('issue 16: rotateLink swaps the token, keeps the old hash findable with its end, and ends every session', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(
        newLink(d.id, { passcodeEnabled: true, passcodeSealed: 'p1', passcodeVersion: 3, frameAncestors: [] }),
      );
      const other = await store.insertLink(newLink(d.id, { passcodeEnabled: true, passcodeVersion: 1 }));
      const session = (id: string, linkId: string, version: number): LinkSession => ({
        id,
        linkId,
        passcodeVersion: version,
        createdAt: iso(T0),
        lastSeenAt: iso(T0),
        expiresAt: iso(T0 + 86_400_000),
        endedAt: null,
        addressHash: 'hash',
        agentFamily: 'firefox',
      });
      await store.insertLinkSession(session(`s1-${l.id}`, l.id, 3));
      await store.insertLinkSession(session(`s2-${l.id}`, l.id, 3));
      await store.insertLinkSession(session(`s1-${other.id}`, other.id, 1));

      const rotated = await store.rotateLink(l.id, {
        tokenHash: `new-${l.tokenHash}`,
        tokenSealed: 'sealed-2',
        previousTokenHash: l.tokenHash,
        previousTokenUntil: iso(T0 + 3_600_000),
        passcodeSealed: 'p2',
        passcodeVersion: 4,
        at: iso(T0 + 10),
      });
      const expected: PublicLink = {
        ...l,
        tokenHash: `new-${l.tokenHash}`,
        tokenSealed: 'sealed-2',
        previousTokenHash: l.tokenHash,
        previousTokenUntil: iso(T0 + 3_600_000),
        passcodeSealed: 'p2',
        passcodeVersion: 4,
      };
      assert.deepEqual(rotated, expected, 'same id, label, filters and framing; new token and passcode');
      assert.deepEqual(await store.getLink(l.id), expected);
      assert.deepEqual(await linkByHash(`new-${l.tokenHash}`), expected, 'found by the new token');
      assert.deepEqual(await linkByHash(l.tokenHash), expected, 'and by the previous one');
      assert.deepEqual(
        (await store.getLinkAndDashboardByTokenHash(l.tokenHash))?.link,
        expected,
        'with its dashboard, by the previous one too',
      );
      assert.equal((await store.getLinkSession(`s1-${l.id}`))!.endedAt, iso(T0 + 10), 'its sessions end');
      assert.equal((await store.getLinkSession(`s2-${l.id}`))!.endedAt, iso(T0 + 10));
      assert.equal((await store.getLinkSession(`s1-${other.id}`))!.endedAt, null, 'another link keeps its sessions');

      // Without a passcode change the passcode columns stay; a second rotation forgets the first token.
      const again = await store.rotateLink(l.id, {
        tokenHash: `third-${l.tokenHash}`,
        tokenSealed: 'sealed-3',
        previousTokenHash: `new-${l.tokenHash}`,
        previousTokenUntil: iso(T0 + 20),
        at: iso(T0 + 20),
      });
      assert.equal(again!.passcodeSealed, 'p2');
      assert.equal(again!.passcodeVersion, 4);
      assert.equal(await linkByHash(l.tokenHash), undefined, 'the token before last is forgotten');
      assert.equal((await linkByHash(`new-${l.tokenHash}`))!.id, l.id);

      assert.equal(await store.revokeLink(l.id, iso(T0 + 30)), true);
      const refused = await store.rotateLink(l.id, {
        tokenHash: 'x',
        tokenSealed: 'x',
        previousTokenHash: 'y',
        previousTokenUntil: iso(T0),
        at: iso(T0 + 40),
      });
      assert.equal(refused, undefined, 'a revoked link is not rotated');
      assert.equal(
        await store.rotateLink('no-such-link', {
          tokenHash: 'z',
          tokenSealed: 'z',
          previousTokenHash: 'z2',
          previousTokenUntil: iso(T0),
          at: iso(T0),
        }),
        undefined,
      );
      assert.equal((await store.getLink(l.id))!.tokenHash, `third-${l.tokenHash}`);
    });

    test('issue 18: link sessions insert, list live ones of a passcode version, move last seen forward, end one or all', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(newLink(d.id, { passcodeEnabled: true, passcodeVersion: 2 }));
      const base = (id: string, over: Partial<LinkSession> = {}): LinkSession => ({
        id,
        linkId: l.id,
        passcodeVersion: 2,
        createdAt: iso(T0),
        lastSeenAt: iso(T0),
        expiresAt: iso(T0 + 60_000),
        endedAt: null,
        addressHash: 'abc',
        agentFamily: 'chrome',
        ...over,
      });
      const a = base(`a-${l.id}`);
      const b = base(`b-${l.id}`, { createdAt: iso(T0 + 1), lastSeenAt: iso(T0 + 1), agentFamily: 'safari' });
      await store.insertLinkSession(b);
      await store.insertLinkSession(a);
      await store.insertLinkSession(base(`old-${l.id}`, { passcodeVersion: 1 }));
      await store.insertLinkSession(base(`expired-${l.id}`, { expiresAt: iso(T0 + 5) }));
      await store.insertLinkSession(base(`ended-${l.id}`, { endedAt: iso(T0 + 2) }));
      await assert.rejects(store.insertLinkSession(a), 'session ids are unique');
      assert.deepEqual(await store.getLinkSession(a.id), a);
      assert.equal(await store.getLinkSession('unknown'), undefined);
      assert.deepEqual(
        await store.listLiveLinkSessions(l.id, 2, iso(T0 + 10)),
        [a, b],
        'live, this version, oldest first',
      );

      await store.touchLinkSession(a.id, iso(T0 + 30_000));
      await store.touchLinkSession(a.id, iso(T0 + 20_000));
      assert.equal((await store.getLinkSession(a.id))!.lastSeenAt, iso(T0 + 30_000), 'last seen never moves back');

      assert.equal(await store.endLinkSessions(l.id, iso(T0 + 40_000), a.id), 1);
      assert.equal(await store.endLinkSessions(l.id, iso(T0 + 41_000), a.id), 0, 'an ended session stays ended');
      assert.equal(await store.endLinkSessions('other-link', iso(T0 + 41_000), b.id), 0, 'only of its own link');
      assert.equal((await store.getLinkSession(a.id))!.endedAt, iso(T0 + 40_000));
      assert.deepEqual(
        (await store.listLiveLinkSessions(l.id, 2, iso(T0 + 40_000))).map((x) => x.id),
        [b.id],
      );
      assert.equal(
        await store.endLinkSessions(l.id, iso(T0 + 50_000)),
        3,
        'all not yet ended: b, the old version’s and the expired one',
      );
      assert.deepEqual(await store.listLiveLinkSessions(l.id, 2, iso(T0 + 50_000)), []);

      // Sessions go with their link's dashboard; the audit keeps the session id of a request.
      await store.appendAudit([
        {
          linkId: l.id,
          dashboardId: d.id,
          at: iso(T0 + 60_000),
          clientAddress: '203.0.113.9',
          userAgent: 'UA',
          route: 'dashboard',
          outcome: 'ok',
          sessionId: b.id,
        },
      ]);
      assert.equal((await store.listAudit(l.id))[0]!.sessionId, b.id);
      await store.deleteDashboard(d.id);
      assert.equal(await store.getLinkSession(b.id), undefined);
    });

    test('issue 16: a widget subset, pauseOnChange and the exposure changes round-trip; changed links are counted', async () => {
      const d = await newDashboard(alice.id);
      const other = await newDashboard(alice.id);
      const plain = await store.insertLink(newLink(d.id, { createdAt: iso(T0) }));
      assert.deepEqual(
        [plain.widgetIds, plain.pauseOnChange, plain.exposureChanges],
        [null, false, []],
        'defaults: all widgets, only flag, nothing changed',
      );
      assert.deepEqual(await store.getLink(plain.id), plain);
      const change = { kind: 'widget_added' as const, subject: 'Revenue – "EU"', at: iso(T0 + 1000) };
      const l = await store.insertLink(
        newLink(d.id, {
          createdAt: iso(T0 + 1),
          widgetIds: ['w1', 'w2'],
          pauseOnChange: true,
          exposureChanges: [change],
        }),
      );
      assert.deepEqual(await store.getLink(l.id), l);
      assert.deepEqual(await linkByHash(l.tokenHash), l);
      assert.deepEqual((await store.updateLink(l.id, { label: 'x' }))!.widgetIds, ['w1', 'w2'], 'a patch leaves them');
      const second = { kind: 'data_source_added' as const, subject: 'Orders', at: iso(T0 + 2000) };
      const updated = await store.updateLink(l.id, {
        widgetIds: [],
        pauseOnChange: false,
        exposureChanges: [change, second],
      });
      assert.deepEqual(await store.getLink(l.id), {
        ...l,
        label: 'x',
        widgetIds: [],
        pauseOnChange: false,
        exposureChanges: [change, second],
      });
      assert.deepEqual(updated, await store.getLink(l.id));
      assert.equal((await store.updateLink(l.id, { widgetIds: null }))!.widgetIds, null);

      await store.updateLink(plain.id, { exposureChanges: [change] });
      const flaggedOther = await store.insertLink(newLink(other.id, { exposureChanges: [change] }));
      await store.insertLink(newLink(other.id));
      // Issue 16: the flagged ones among each dashboard's active links, counted by the same query.
      const changed = async (ids: string[]) =>
        [...(await store.countLinks(ids))].filter(([, c]) => c.changed > 0).map(([id, c]) => [id, c.changed]);
      assert.deepEqual(
        (await changed([d.id, other.id, 'unknown'])).sort(),
        [
          [d.id, 2],
          [other.id, 1],
        ].sort(),
      );
      await store.revokeLink(flaggedOther.id, iso(T0 + 3000));
      await store.updateLink(plain.id, { exposureChanges: [] });
      assert.deepEqual(await changed([d.id, other.id]), [[d.id, 1]]);
      assert.equal((await store.countLinks([])).size, 0);
    });

    test('L8: audit rows append, fold ok outcomes into link counters, list newest first, and outlive the dashboard', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(newLink(d.id));
      const ev = (
        at: number,
        outcome: AuditEvent['outcome'],
        route = 'dashboard',
        linkId: string | null = l.id,
      ): AuditEvent => ({
        linkId,
        dashboardId: d.id,
        at: iso(at),
        clientAddress: '203.0.113.9',
        userAgent: 'UA/1',
        route,
        outcome,
        sessionId: null,
      });
      await store.appendAudit([]);
      await store.appendAudit([
        ev(T0 + 1000, 'ok'),
        ev(T0 + 3000, 'ok', 'export'),
        ev(T0 + 2000, 'wrong_passcode', 'session'),
        ev(T0 + 4000, 'unavailable', 'dashboard', null),
      ]);
      await store.appendAudit([ev(T0 + 2500, 'ok')]);
      let link = await store.getLink(l.id);
      assert.equal(link!.accessCount, 3, 'openings and exports are uses');
      assert.equal(link!.lastAccessAt, iso(T0 + 3000), 'last access is the newest ok, whatever order they arrive in');
      // A widget's data refresh is activity (last used) but not a use; the served page and the session exchange are neither.
      await store.appendAudit([ev(T0 + 5000, 'ok', 'widget_data')]);
      await store.appendAudit([ev(T0 + 6000, 'ok', 'page'), ev(T0 + 7000, 'ok', 'session')]);
      link = await store.getLink(l.id);
      assert.equal(link!.accessCount, 3);
      assert.equal(link!.lastAccessAt, iso(T0 + 5000));
      const rows = await store.listAudit(l.id);
      assert.deepEqual(
        rows.map((r) => [r.at, r.outcome, r.route]),
        [
          [iso(T0 + 7000), 'ok', 'session'],
          [iso(T0 + 6000), 'ok', 'page'],
          [iso(T0 + 5000), 'ok', 'widget_data'],
          [iso(T0 + 3000), 'ok', 'export'],
          [iso(T0 + 2500), 'ok', 'dashboard'],
          [iso(T0 + 2000), 'wrong_passcode', 'session'],
          [iso(T0 + 1000), 'ok', 'dashboard'],
        ],
      );
      const { id, ...first } = rows[3]!;
      assert.equal(typeof id, 'number');
      assert.deepEqual(first, ev(T0 + 3000, 'ok', 'export'));
      assert.equal((await store.listAudit(l.id, 2)).length, 2);
      assert.equal(await store.deleteDashboard(d.id), true);
      assert.equal(await store.getLink(l.id), undefined, 'links go with their dashboard');
      assert.equal((await store.listAudit(l.id)).length, 7, 'the audit trail stays');
    });

    test('issue 16: export policy columns insert, read back, patch alone and keep through other patches', async () => {
      const d = await newDashboard(alice.id);
      const plain = await store.insertLink(newLink(d.id));
      assert.deepEqual(
        [(await store.getLink(plain.id))!.exportMode, (await store.getLink(plain.id))!.exportRowCap],
        ['on', null],
      );
      const capped = await store.insertLink(
        newLink(d.id, { createdAt: iso(T0 + 5), exportMode: 'capped', exportRowCap: 250 }),
      );
      assert.deepEqual(await store.getLink(capped.id), capped);
      assert.deepEqual(await linkByHash(capped.tokenHash), capped);
      assert.deepEqual(await store.updateLink(capped.id, { label: 'kept' }), { ...capped, label: 'kept' });
      const off = await store.updateLink(capped.id, { exportMode: 'off', exportRowCap: null });
      assert.deepEqual([off!.exportMode, off!.exportRowCap], ['off', null]);
      assert.deepEqual(await store.getLink(capped.id), {
        ...capped,
        label: 'kept',
        exportMode: 'off',
        exportRowCap: null,
      });
      assert.deepEqual(
        (await store.listLinks(d.id)).map((x) => [x.exportMode, x.exportRowCap]),
        [
          ['on', null],
          ['off', null],
        ],
      );
    });

    test('issue 16: usage per UTC day by outcome group, distinct clients since a time; audit filters', async () => {
      const d = await newDashboard(alice.id);
      const l = await store.insertLink(newLink(d.id));
      const other = await store.insertLink(newLink(d.id));
      const DAY = 24 * 60 * 60 * 1000;
      const day0 = Date.parse('2026-03-01T00:00:00.000Z');
      const ev = (at: number, outcome: AuditEvent['outcome'], route: string, client = '203.0.113.9'): AuditEvent => ({
        linkId: l.id,
        dashboardId: d.id,
        at: iso(at),
        clientAddress: client,
        userAgent: 'UA/1',
        route,
        outcome,
      });
      await store.appendAudit([
        ev(day0 - 1, 'ok', 'dashboard', '198.51.100.1'), // the day before: outside the window
        ev(day0 + 1000, 'ok', 'dashboard'),
        ev(day0 + 2000, 'ok', 'export'),
        ev(day0 + 3000, 'ok', 'widget_data'), // a widget refresh is not a view
        ev(day0 + 4000, 'ok', 'page'), // nor is the served page
        ev(day0 + 5000, 'wrong_passcode', 'session', '203.0.113.10'),
        ev(day0 + 6000, 'rate_limited', 'session', '203.0.113.10'),
        ev(day0 + DAY - 1, 'unavailable', 'page', '203.0.113.11'), // 23:59:59.999 UTC: still day 0
        ev(day0 + DAY, 'paused', 'dashboard'),
        ev(day0 + DAY + 1, 'expired', 'export'),
        ev(day0 + DAY + 2, 'expired', 'widget_data'), // refused refreshes of an open screen: not counted
        ev(day0 + DAY + 3, 'passcode_required', 'dashboard'),
        ev(day0 + 2 * DAY, 'export_disabled', 'export'),
        ev(day0 + 2 * DAY + 1, 'ok', 'dashboard'),
        { ...ev(day0 + 1000, 'ok', 'dashboard', '192.0.2.99'), linkId: other.id },
      ]);
      const usage = await store.linkUsage(l.id, iso(day0));
      assert.deepEqual(usage.days, [
        { day: '2026-03-01', group: 'ok', count: 2 },
        { day: '2026-03-01', group: 'rate_limited', count: 1 },
        { day: '2026-03-01', group: 'unavailable', count: 1 },
        { day: '2026-03-01', group: 'wrong_passcode', count: 1 },
        { day: '2026-03-02', group: 'unavailable', count: 2 },
        { day: '2026-03-03', group: 'ok', count: 1 },
      ]);
      assert.equal(usage.distinctClients, 3, 'every request since the time counts, the day before does not');
      assert.deepEqual(await store.linkUsage(`none-${randomUUID()}`, iso(day0)), { days: [], distinctClients: 0 });

      // Filters: inclusive bounds, one outcome, and the limit after filtering.
      const between = await store.listAudit(l.id, 100, { from: iso(day0 + 2000), to: iso(day0 + 6000) });
      assert.deepEqual(
        between.map((e) => e.at),
        [6000, 5000, 4000, 3000, 2000].map((ms) => iso(day0 + ms)),
      );
      const expired = await store.listAudit(l.id, 100, { outcome: 'expired' });
      assert.deepEqual(
        expired.map((e) => e.route),
        ['widget_data', 'export'],
      );
      const okSince = await store.listAudit(l.id, 1, { from: iso(day0), outcome: 'ok' });
      assert.deepEqual(
        okSince.map((e) => e.at),
        [iso(day0 + 2 * DAY + 1)],
      );
      assert.equal((await store.listAudit(l.id, 100, {})).length, 14);
      assert.equal((await store.listAudit(l.id, 100, { to: iso(day0 - 2) })).length, 0);
    });

    test('L6: failure counters count per key since a time, report the oldest, and prune', async () => {
      const key = `link:${randomUUID()}`;
      const other = `ip:${randomUUID()}`;
      await store.recordFailure([key, other], iso(T0));
      await store.recordFailure([key], iso(T0 + 10_000));
      await store.recordFailure([key], iso(T0 + 20_000));
      assert.deepEqual(await store.countFailures(key, iso(T0)), { count: 3, oldest: iso(T0) });
      assert.deepEqual(await store.countFailures(key, iso(T0 + 5000)), { count: 2, oldest: iso(T0 + 10_000) });
      assert.deepEqual(await store.countFailures(other, iso(T0)), { count: 1, oldest: iso(T0) });
      assert.deepEqual(await store.countFailures('nobody', iso(T0)), { count: 0, oldest: null });
      await store.pruneFailures(iso(T0 + 15_000));
      assert.deepEqual(await store.countFailures(key, iso(0)), { count: 1, oldest: iso(T0 + 20_000) });
      assert.deepEqual(await store.countFailures(other, iso(0)), { count: 0, oldest: null });
    });

    test('L6: releasing a reserved attempt removes exactly one row per key', async () => {
      const key = `link:${randomUUID()}`;
      const other = `ip:${randomUUID()}`;
      await store.recordFailure([key, other], iso(T0));
      await store.recordFailure([key, other], iso(T0));
      await store.recordFailure([key], iso(T0 + 1000));
      await store.releaseFailure([key, other], iso(T0));
      assert.deepEqual(await store.countFailures(key, iso(0)), { count: 2, oldest: iso(T0) });
      assert.deepEqual(await store.countFailures(other, iso(0)), { count: 1, oldest: iso(T0) });
      await store.releaseFailure([key], iso(T0 + 5000));
      assert.equal((await store.countFailures(key, iso(0))).count, 2, 'nothing at that time: nothing removed');
    });

    test('C2: deleting a dashboard removes its widgets, shares and links, and answers false the second time', async () => {
      const d = await newDashboard(alice.id);
      await store.insertWidget({
        id: 'w1',
        dashboardId: d.id,
        title: 'W',
        type: 'kpi',
        dataSourceId: 'sales_ds',
        query: widgetQuerySchema.parse({ metrics: [{ agg: 'count' }] }),
        position: { x: 0, y: 0, w: 3, h: 2 },
      });
      await store.insertShare({ dashboardId: d.id, userId: bob.id, role: 'viewer', createdAt: iso(T0) });
      const l = await store.insertLink(newLink(d.id));
      assert.equal(await store.deleteDashboard(d.id), true);
      assert.equal(await store.deleteDashboard(d.id), false);
      assert.equal(await store.getDashboard(d.id), undefined);
      assert.deepEqual(await store.listWidgets(d.id), []);
      assert.deepEqual(await store.listShares(d.id), []);
      assert.equal(await store.getLink(l.id), undefined);
      assert.equal((await store.countLinks([d.id])).get(d.id), undefined);
    });
  });
}

describe('Store selection and PostgreSQL migrations', { skip: pgForTests.skip }, () => {
  test('O3: two processes opening one fresh database at once both migrate cleanly (advisory lock)', async () => {
    if (!pgForTests.available) throw new Error(pgForTests.reason);
    const db = await pgForTests.createDatabase();
    try {
      const [a, b] = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url)]);
      await a.upsertOrganization({ id: 'o', name: 'O' });
      assert.deepEqual(await b.getOrganization('o'), { id: 'o', name: 'O' });
      await Promise.all([a.close(), b.close()]);
      // Reopening applies nothing new and keeps the data.
      const again = await openStore(db.url);
      assert.equal(again.dialect, 'postgres');
      assert.deepEqual(await again.getOrganization('o'), { id: 'o', name: 'O' });
      await again.close();
    } finally {
      await db.drop();
    }
  });
});

describe('PostgreSQL store configuration', () => {
  test('O2: ATLAS_PG_POOL_MAX is validated and defaults to 10 connections per process', () => {
    assert.equal(readPoolMax({}), 10);
    assert.equal(readPoolMax({ ATLAS_PG_POOL_MAX: '25' }), 25);
    assert.throws(() => readPoolMax({ ATLAS_PG_POOL_MAX: 'many' }), /ATLAS_PG_POOL_MAX/);
    assert.throws(() => readPoolMax({ ATLAS_PG_POOL_MAX: '0' }), /ATLAS_PG_POOL_MAX/);
  });

  test('O3: a postgres:// ATLAS_DB that nothing answers fails to open instead of falling back to SQLite', async () => {
    await assert.rejects(openStore('postgres://nobody:secret@127.0.0.1:1/atlas'), /ECONNREFUSED|connect/);
  });
});
