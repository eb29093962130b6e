/**
 * Issue 14, "one validator for widget queries": a widget's query is accepted on save exactly when the query compiler
 * compiles it for the widget's data source, so a saved widget never fails to compile when its data is read.
 *
 * - Regression cases: queries the old save check (checkQueryFields) accepted and the compiler then refused on read,
 *   or that compiled and then failed (PostgreSQL) or answered wrongly (SQLite) when run, each through the real route.
 * - A property test: a few hundred seeded random queries, each saved through the route; accepted ⇒ compiles in both
 *   dialects (and, for a sample, the data route answers 200 and the SQL runs on PostgreSQL); refused ⇒ the compiler
 *   refuses it with the very same message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../server/errors.js';
import { compileWidgetQuery, type CompiledQuery } from '../../server/query/index.js';
import { postgresDialect } from '../../server/store/postgres/dialect.js';
import { sqliteDialect } from '../../server/store/sqlite/dialect.js';
import { widgetQueryStore } from '../../server/store/shared/widget-queries.js';
import type { Dialect } from '../../server/query/dialect.js';
import { widgetQuerySchema, type WidgetQuery } from '../../server/schemas/dashboard.js';
import { validateWidgetQuery } from '../../server/services/dashboards.js';
import { DEMO_DASHBOARDS } from '../../server/demo/dashboards.js';
import { DEMO_DATA_SOURCES } from '../../server/demo/data-sources.js';
import { openPostgresStore } from '../../server/store/postgres/index.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { DataSource, Store } from '../../server/store/types.js';
import { postgresForTests, type TestDatabase } from '../support/postgres.js';
import { json, startTestServer, type TestServer } from './helpers.js';

const pgForTests = await postgresForTests();
const DIALECTS: Dialect[] = [sqliteDialect, postgresDialect];
/** A store's compile (the validator's path) without a database: compiling never runs anything. */
const compilingStore = (dialect: Dialect) =>
  widgetQueryStore(dialect, {
    run: () => Promise.reject(new Error('not for running')),
    iterate: () => assert.fail('not for running'),
  });

/** The compiler's answer for a query: its SQL, or the message of its 400 invalid_query. */
function compileOutcome(
  query: WidgetQuery,
  source: DataSource,
  dialect: Dialect,
): { ok: true; compiled: CompiledQuery } | { ok: false; message: string } {
  try {
    return { ok: true, compiled: compileWidgetQuery(query, source, dialect) };
  } catch (err) {
    // Anything but a 400 invalid_query (a dialect's plain Error, say) is a failure of the test: it would be a 500.
    assert.ok(
      err instanceof AppError && err.status === 400 && err.code === 'invalid_query',
      `${dialect.name}: ${String(err)}`,
    );
    return { ok: false, message: err.message };
  }
}

/** A few orders, every amount different, the same on both stores (for runs on a PostgreSQL and a small SQLite store). */
const ORDER_ROWS: unknown[][] = Array.from({ length: 24 }, (_, i) => [
  `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:15:00`,
  ['EMEA', 'APAC', 'Americas'][i % 3],
  ['Germany', 'Japan', 'Brazil', 'France'][i % 4],
  `Product ${i % 5}`,
  ['Hardware', 'Software'][i % 2],
  ['Online', 'Partner', 'Retail'][i % 3],
  (i % 7) + 1,
  100 + i * 37.5,
]);

async function smallOrdersStore(store: Store, source: DataSource): Promise<void> {
  await store.createDataTable(source);
  await store.insertRows(source.tableName, source.fields, ORDER_ROWS);
}

describe('one validator for widget queries: what the save accepts, the read compiles (issue 14)', () => {
  let server: TestServer;
  let alice: string;
  let orders: DataSource;
  before(async () => {
    server = await startTestServer();
    alice = await server.token('alice');
    orders = (await server.store.getDataSource('northwind', 'orders'))!;
  });
  after(() => server.close());

  const addWidget = (query: unknown, dashboardId = 'sales-overview') =>
    server.request(`/api/dashboards/${dashboardId}/widgets`, {
      method: 'POST',
      token: alice,
      json: { title: 'Probe', type: 'table', dataSourceId: 'orders', query },
    });
  const readData = (widgetId: string, dashboardId = 'sales-overview') =>
    server.request(`/api/dashboards/${dashboardId}/widgets/${widgetId}/data`, { token: alice });

  /**
   * Each was saved (201) by the old check and then refused by the compiler (or, in the last group, failed or went
   * wrong when run) every time the widget's data was read. Now the save answers what the read would have.
   */
  const refusedOnSave: { name: string; query: Record<string, unknown>; names: string }[] = [
    // Metric aggregations vs field types: the old check knew sum/avg need numbers, not that min/max refuse text.
    { name: 'max of a text field', query: { metrics: [{ agg: 'max', field: 'region' }] }, names: 'region' },
    {
      name: 'min of a text field, grouped',
      query: { metrics: [{ agg: 'min', field: 'product' }], dimensions: ['region'] },
      names: 'product',
    },
    // Sort: the old check let any declared field through; a grouped result can only sort by its own columns.
    {
      name: 'grouped query sorted by a field that is not a result column',
      query: { metrics: [{ agg: 'count' }], dimensions: ['region'], sort: [{ by: 'amount', dir: 'desc' }] },
      names: 'amount',
    },
    {
      name: 'grouped query sorted by the field behind a renamed dimension',
      query: {
        metrics: [{ agg: 'sum', field: 'amount' }],
        dimensions: [{ field: 'region', as: 'area' }],
        sort: [{ by: 'region' }],
      },
      names: 'region',
    },
    {
      name: 'grouped query sorted by the field behind a bucketed dimension',
      query: {
        metrics: [{ agg: 'count' }],
        dimensions: [{ field: 'order_date', bucket: 'month' }],
        sort: [{ by: 'order_date' }],
      },
      names: 'order_date',
    },
    // Result column names: the old check never looked for two columns with one name.
    {
      name: 'two count metrics without an alias',
      query: { metrics: [{ agg: 'count' }, { agg: 'count' }] },
      names: 'count',
    },
    {
      name: 'a metric aliased to a dimension name',
      query: { metrics: [{ agg: 'sum', field: 'amount', as: 'region' }], dimensions: ['region'] },
      names: 'region',
    },
    {
      name: 'the same dimension twice',
      query: { metrics: [{ agg: 'count' }], dimensions: ['channel', 'channel'] },
      names: 'channel',
    },
    {
      name: 'a dimension aliased to a default metric name',
      query: { metrics: [{ agg: 'sum', field: 'amount' }], dimensions: [{ field: 'region', as: 'sum_amount' }] },
      names: 'sum_amount',
    },
    // Filters: the old check only looked at the field name, never at the operator or the value.
    {
      name: 'a word compared with a number field',
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'amount', op: 'gt', value: 'lots' }] },
      names: 'amount',
    },
    {
      name: "'contains' on a number field",
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'quantity', op: 'contains', value: '1' }] },
      names: 'quantity',
    },
    {
      name: "'contains' on a date field",
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'order_date', op: 'contains', value: '2025' }] },
      names: 'order_date',
    },
    {
      name: "'between' with one value",
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'amount', op: 'between', value: [100] }] },
      names: 'amount',
    },
    {
      name: "'between' with a scalar",
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'amount', op: 'between', value: 100 }] },
      names: 'amount',
    },
    {
      name: "'eq' with a list",
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'region', op: 'eq', value: ['EMEA', 'APAC'] }] },
      names: 'region',
    },
    {
      name: 'a boolean value',
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'channel', op: 'eq', value: true }] },
      names: 'channel',
    },
    {
      name: 'a date that does not exist',
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'order_date', op: 'gte', value: '2026-02-31' }] },
      names: 'order_date',
    },
    {
      name: 'a number as a date',
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'order_date', op: 'lt', value: 20260101 }] },
      names: 'order_date',
    },
    {
      name: "an 'in' list with one value of the wrong type",
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'quantity', op: 'in', value: [1, 'two'] }] },
      names: 'quantity',
    },
    // Compiled, then failed on PostgreSQL (SQLite ran them): now refused by the same rule on every store.
    {
      name: 'a 64-character alias (PostgreSQL keeps 63)',
      query: { metrics: [{ agg: 'count', as: `n${'x'.repeat(63)}` }] },
      names: `n${'x'.repeat(63)}`,
    },
    {
      name: 'a text value with a NUL character',
      query: { metrics: [{ agg: 'count' }], filters: [{ field: 'region', op: 'eq', value: 'EMEA\u0000' }] },
      names: 'region',
    },
    {
      name: 'a date that a time zone moves past 9999-12-31',
      query: {
        metrics: [{ agg: 'count' }],
        filters: [{ field: 'order_date', op: 'lte', value: '9999-12-31T23:00:00-05:00' }],
      },
      names: 'order_date',
    },
    // Compiled and ran, but SQLite and PostgreSQL read a name that differs only in case differently.
    {
      name: 'result columns whose names differ only in case',
      query: {
        metrics: [{ agg: 'count', as: 'Region' }],
        dimensions: ['region'],
        sort: [{ by: 'Region', dir: 'desc' }],
      },
      names: 'Region',
    },
  ];

  for (const { name, query, names } of refusedOnSave) {
    test(`refused on save, as on read: ${name}`, async () => {
      const res = await addWidget(query);
      const body = await json(res);
      assert.equal(res.status, 400, `${JSON.stringify(query)} → ${res.status} ${JSON.stringify(body)}`);
      assert.equal(body.error.code, 'invalid_query');
      assert.ok(body.error.message.includes(`'${names}'`), body.error.message);
      // The same answer the compiler gives on read, in both dialects.
      const parsed = widgetQuerySchema.parse(query);
      for (const dialect of DIALECTS)
        assert.deepEqual(compileOutcome(parsed, orders, dialect), { ok: false, message: body.error.message });
    });
  }

  test('the existing refusals keep their code and name their field', async () => {
    const cases: [unknown, string][] = [
      [{ metrics: [{ agg: 'sum', field: 'password' }] }, 'password'],
      [{ dimensions: [{ field: 'regionn' }] }, 'regionn'],
      [{ filters: [{ field: 'secret', op: 'eq', value: 1 }] }, 'secret'],
      [{ sort: [{ by: 'nowhere' }] }, 'nowhere'],
      [{ metrics: [{ agg: 'avg', field: 'channel' }] }, 'channel'],
      [{ metrics: [{ agg: 'count' }], dimensions: [{ field: 'region', bucket: 'day' }] }, 'region'],
      [{ metrics: [{ agg: 'sum' }] }, 'sum'],
    ];
    for (const [query, field] of cases) {
      const res = await addWidget(query);
      assert.equal(res.status, 400, JSON.stringify(query));
      const { error } = await json(res);
      assert.equal(error.code, 'invalid_query');
      assert.ok(error.message.includes(`'${field}'`), error.message);
    }
  });

  test('refused by the old check although it compiles: sorting by a bucketed dimension by its result name', async () => {
    const query = {
      metrics: [{ agg: 'count', as: 'n' }],
      dimensions: [{ field: 'order_date', bucket: 'month' }],
      sort: [{ by: 'order_date_month', dir: 'desc' }],
    };
    const res = await addWidget(query);
    assert.equal(res.status, 201, await res.clone().text());
    const data = await readData((await json(res)).widget.id);
    assert.equal(data.status, 200);
    const { columns, rows } = await json(data);
    assert.deepEqual(
      columns.map((c: { name: string }) => c.name),
      ['order_date_month', 'n'],
    );
    const months = rows.map((r: unknown[]) => r[0] as string);
    assert.ok(months.length > 1);
    assert.deepEqual(months, [...months].sort().reverse(), 'newest month first');
  });

  test('a whole-day upper bound on the last day there is (9999-12-31) keeps every row (SQLite answered none)', async () => {
    const all = await addWidget({ metrics: [{ agg: 'count', as: 'n' }] });
    const upTo = await addWidget({
      metrics: [{ agg: 'count', as: 'n' }],
      filters: [{ field: 'order_date', op: 'lte', value: '9999-12-31' }],
    });
    const between = await addWidget({
      metrics: [{ agg: 'count', as: 'n' }],
      filters: [{ field: 'order_date', op: 'between', value: ['2000-01-01', '9999-12-31'] }],
    });
    const after = await addWidget({
      metrics: [{ agg: 'count', as: 'n' }],
      filters: [{ field: 'order_date', op: 'gt', value: '9999-12-31' }],
    });
    const counts: number[] = [];
    for (const res of [all, upTo, between, after]) {
      assert.equal(res.status, 201, await res.clone().text());
      const data = await readData((await json(res)).widget.id);
      assert.equal(data.status, 200);
      counts.push((await json(data)).rows[0][0]);
    }
    assert.ok(counts[0]! > 0);
    assert.deepEqual(counts, [counts[0], counts[0], counts[0], 0]);
  });

  test('every demo widget passes the one validator, on both stores', () => {
    for (const dashboard of DEMO_DASHBOARDS) {
      for (const widget of dashboard.widgets) {
        const source = DEMO_DATA_SOURCES.find((d) => d.source.id === widget.dataSourceId)!.source;
        for (const dialect of DIALECTS) {
          assert.doesNotThrow(
            () => validateWidgetQuery(compilingStore(dialect), widget.query, source),
            `${dashboard.id}/${widget.id} (${dialect.name})`,
          );
        }
      }
    }
  });

  describe('property: accepted on save ⇒ compiles for its source in both dialects and its data can be read', () => {
    let pgStore: Store | undefined;
    let pgDb: TestDatabase | undefined;
    let dashboardId: string;
    before(async () => {
      const res = await server.request('/api/dashboards', {
        method: 'POST',
        token: alice,
        json: { projectId: 'sales', title: 'Random queries' },
      });
      assert.equal(res.status, 201);
      dashboardId = (await json(res)).dashboard.id;
      if (pgForTests.available) {
        pgDb = await pgForTests.createDatabase();
        pgStore = await openPostgresStore(pgDb.url);
        await smallOrdersStore(pgStore, orders);
      }
    });
    after(async () => {
      await pgStore?.close();
      await pgDb?.drop();
    });

    test('400 seeded random queries', async () => {
      const random = mulberry32(0x14_2026);
      const queries = Array.from({ length: 400 }, () => randomQuery(random, orders));
      let schemaRefused = 0;
      let compilerRefused = 0;
      const accepted: { query: WidgetQuery; widgetId: string }[] = [];
      for (const raw of queries) {
        const parsed = widgetQuerySchema.safeParse(raw);
        if (!parsed.success) {
          // The route's schema answers these (400 invalid_request) before any validator sees them.
          schemaRefused++;
          continue;
        }
        const query = parsed.data;
        const res = await addWidget(raw, dashboardId);
        const body = await json(res);
        const outcomes = DIALECTS.map((dialect) => compileOutcome(query, orders, dialect));
        if (res.status === 201) {
          for (const [i, outcome] of outcomes.entries()) {
            assert.ok(
              outcome.ok,
              `accepted on save but ${DIALECTS[i]!.name} refuses it: ${JSON.stringify(raw)} → ${!outcome.ok && outcome.message}`,
            );
          }
          accepted.push({ query, widgetId: body.widget.id });
        } else {
          assert.equal(res.status, 400, `${JSON.stringify(raw)} → ${res.status} ${JSON.stringify(body)}`);
          assert.equal(body.error.code, 'invalid_query', JSON.stringify(body));
          compilerRefused++;
          // One rule: refused on save exactly when the compiler refuses it, with its message, in either dialect.
          for (const outcome of outcomes)
            assert.deepEqual(outcome, { ok: false, message: body.error.message }, JSON.stringify(raw));
        }
      }
      // The generator must exercise both answers, not just one.
      assert.ok(accepted.length >= 80, `only ${accepted.length} accepted`);
      assert.ok(compilerRefused >= 80, `only ${compilerRefused} refused by the compiler`);
      assert.ok(schemaRefused >= 10, `only ${schemaRefused} refused by the schema`);

      // The data route runs the SQL on the full demo table: a sample of the accepted widgets.
      const step = Math.max(1, Math.floor(accepted.length / 40));
      for (let i = 0; i < accepted.length; i += step) {
        const { query, widgetId } = accepted[i]!;
        const data = await readData(widgetId, dashboardId);
        assert.equal(data.status, 200, `${JSON.stringify(query)} → ${await data.text()}`);
      }
      // Every accepted query also runs on PostgreSQL (a small copy of the orders table).
      if (pgStore) {
        for (const { query } of accepted) {
          const model = { query, source: orders };
          await pgStore
            .runQuery(model)
            .catch((err: Error) =>
              assert.fail(`PostgreSQL: ${err.message}\n${pgStore!.compileQuery(model).sql}\n${JSON.stringify(query)}`),
            );
        }
      }
    });

    test(
      'a raw query sorted by a field reads the table column on both stores, whatever the result columns are called',
      { skip: pgForTests.skip },
      async () => {
        const sqlite = openSqliteStore(':memory:');
        try {
          await smallOrdersStore(sqlite, orders);
          // 'Amount' (the region) and the field 'amount' differ only in case: SQLite took a bare "amount" for the column.
          const query = widgetQuerySchema.parse({
            dimensions: [{ field: 'region', as: 'Amount' }, 'product'],
            sort: [{ by: 'amount', dir: 'desc' }],
            limit: 5,
          });
          const expected = [...ORDER_ROWS]
            .sort((a, b) => (b[7] as number) - (a[7] as number))
            .slice(0, 5)
            .map((r) => ({ Amount: r[1], product: r[3] }));
          assert.deepEqual(await sqlite.runQuery({ query, source: orders }), expected);
          assert.deepEqual(await pgStore!.runQuery({ query, source: orders }), expected);
        } finally {
          await sqlite.close();
        }
      },
    );
  });
});

/** A small seeded PRNG (mulberry32): the same queries on every run, no dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A query mixing valid and invalid pieces: real and made-up fields, every agg, bucket and op, odd values and limits. */
function randomQuery(random: () => number, source: DataSource): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const times = (max: number) => Math.floor(random() * (max + 1));
  const real = source.fields.map((f) => f.name);
  const typeOf = (name: string) => source.fields.find((f) => f.name === name)?.type;
  const ofType = (type: string) => real.filter((name) => typeOf(name) === type);
  const madeUp = ['price', 'Region', 'amount2', 'order_date_month', 'count', 'total', 'customer_id'];
  const field = () => (chance(0.93) ? pick(real) : pick(madeUp));
  const aliases = [
    'total',
    'n',
    'region',
    'Region',
    'amount',
    'count',
    'order_date_month',
    'sum_amount',
    'orders',
    'x'.repeat(63),
    `y${'x'.repeat(63)}`,
  ];
  const aggs = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct'] as const;
  const buckets = ['minute', 'hour', 'day', 'week', 'month'] as const;
  const ops = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'between', 'contains'] as const;
  // Values that fit each type, and odd ones that fit none or only some.
  const fitting: Record<string, unknown[]> = {
    string: ['EMEA', 'Online', 'Germany', 'em', '%', "O'Brien", 12],
    number: [0, 3, 250.5, -1, '12', '12.5', ' 7 '],
    date: [
      '2025-03-01',
      '2025-03-01 10:00:00',
      '2025-03-01T10:00:00Z',
      '2025-03-01T10:00:00+02:00',
      '9999-12-31',
      '0100-01-01',
    ],
  };
  const odd: unknown[] = [
    'lots',
    true,
    false,
    '2026-02-31',
    'yesterday',
    '9999-12-31T23:00:00-05:00',
    'EMEA\u0000',
    20250301,
  ];
  const value = (type: string | undefined): unknown => (chance(0.8) && type ? pick(fitting[type]!) : pick(odd));
  const filterValue = (op: string, type: string | undefined): unknown => {
    if (op === 'in') return Array.from({ length: times(3) }, () => value(type));
    if (op === 'between') return chance(0.85) ? [value(type), value(type)] : chance(0.5) ? [value(type)] : value(type);
    return chance(0.08) ? [value(type), value(type)] : value(type);
  };

  const metrics = Array.from({ length: times(2) }, () => {
    const agg = pick(aggs);
    const m: Record<string, unknown> = { agg };
    if (agg !== 'count' || chance(0.3)) {
      if (chance(0.95)) {
        // Mostly a field that suits the aggregation, sometimes any field.
        const suited =
          agg === 'sum' || agg === 'avg'
            ? ofType('number')
            : agg === 'min' || agg === 'max'
              ? [...ofType('number'), ...ofType('date')]
              : real;
        m.field = chance(0.75) ? pick(suited) : field();
      }
    }
    if (chance(0.3)) m.as = pick(aliases);
    if (chance(0.1)) m.label = 'A label';
    return m;
  });
  const dimensions = Array.from({ length: chance(0.25) ? 0 : times(2) }, () => {
    if (chance(0.45)) return field();
    const d: Record<string, unknown> = { field: chance(0.6) ? 'order_date' : field() };
    if (chance(0.6)) d.bucket = pick(buckets);
    if (chance(0.25)) d.as = pick(aliases);
    return d;
  });
  const filters = Array.from({ length: times(2) }, () => {
    const name = field();
    const op = pick(typeOf(name) === 'string' || chance(0.1) ? ops : ops.filter((o) => o !== 'contains'));
    return { field: name, op, value: filterValue(op, typeOf(name)) };
  });
  // Sort keys: the result's own column names (as the compiler names them), aliases, fields and made-up names.
  const resultNames = [
    ...metrics.map((m) => (m.as as string) ?? (m.field ? `${m.agg}_${m.field}` : 'count')),
    ...dimensions.map((d) =>
      typeof d === 'string' ? d : ((d.as as string) ?? (d.bucket ? `${d.field}_${d.bucket}` : d.field)),
    ),
  ];
  const sort = Array.from({ length: times(2) }, () => ({
    by: resultNames.length && chance(0.75) ? pick(resultNames) : chance(0.6) ? field() : pick(aliases),
    dir: pick(['asc', 'desc']),
  }));
  const query: Record<string, unknown> = { metrics, dimensions, filters, sort };
  if (chance(0.5)) query.limit = pick([1, 5, 100, 10_000, 1, 5, 100, 10_000, 0, 10_001, 2.5, -3]);
  return query;
}
