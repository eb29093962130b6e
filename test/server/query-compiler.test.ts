import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWidgetQuery } from '../../server/query/index.js';
import { sqliteDialect } from '../../server/store/sqlite/dialect.js';
import { widgetQuerySchema, type WidgetQuery } from '../../server/schemas/dashboard.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { FieldDefinition, Store } from '../../server/store/types.js';
import { AppError } from '../../server/errors.js';

const fields: FieldDefinition[] = [
  { name: 'at', type: 'date', label: 'At' },
  { name: 'region', type: 'string', label: 'Region' },
  { name: 'amount', type: 'number', label: 'Amount' },
];
const source = { tableName: 'ds_test', fields };
const rows: unknown[][] = [
  ['2026-01-05 08:15:30', 'EMEA', 10], // Monday
  ['2026-01-05 08:45:00', 'EMEA', 20],
  ['2026-01-06 23:59:59', 'APAC', 5],
  ['2026-01-11 12:00:00', 'APAC', 7], // Sunday: same week as the 5th
  ['2026-01-12 00:00:00', 'LATAM', 1], // next Monday
  ['2026-02-01 00:00:00', "O'Brien %_ \\", 100],
  ['2026-02-02 10:00:00', 'EMEA', null],
];

const q = (query: Partial<WidgetQuery>) => widgetQuerySchema.parse(query);
const compile = (query: Partial<WidgetQuery>, options = {}) =>
  compileWidgetQuery(q(query), source, sqliteDialect, options);

let store: Store;
/** Through the store: it compiles the query model with its own (SQLite) dialect and runs it. */
const run = async (query: Partial<WidgetQuery>, options = {}) =>
  store.runQuery({ query: q(query), source, ...options });

before(async () => {
  store = openSqliteStore(':memory:');
  await store.createDataTable(source);
  await store.insertRows(source.tableName, fields, rows);
});
after(() => store.close());

function rejects(fn: () => unknown, code = 'invalid_query') {
  assert.throws(fn, (err: unknown) => err instanceof AppError && err.status === 400 && err.code === code);
}

describe('query compiler: aggregations', () => {
  test('count, sum, avg, min, max and countDistinct compute over the rows', async () => {
    const [r] = await run({
      metrics: [
        { agg: 'count' },
        { agg: 'count', field: 'amount', as: 'with_amount' },
        { agg: 'sum', field: 'amount' },
        { agg: 'avg', field: 'amount' },
        { agg: 'min', field: 'amount' },
        { agg: 'max', field: 'at' },
        { agg: 'countDistinct', field: 'region' },
      ],
    });
    assert.deepEqual(r, {
      count: 7,
      with_amount: 6,
      sum_amount: 143,
      avg_amount: 143 / 6,
      min_amount: 1,
      max_at: '2026-02-02 10:00:00',
      countDistinct_region: 4,
    });
  });

  test('result columns carry name, label and type', () => {
    const { columns } = compile({
      metrics: [
        { agg: 'max', field: 'at' },
        { agg: 'sum', field: 'amount', as: 'total', label: 'Total' },
      ],
      dimensions: ['region'],
    });
    assert.deepEqual(columns, [
      { name: 'region', label: 'Region', type: 'string' },
      { name: 'max_at', label: 'Maximum of At', type: 'date' },
      { name: 'total', label: 'Total', type: 'number' },
    ]);
  });

  test('sum and avg refuse text fields; min and max refuse text; other aggs need a field', () => {
    rejects(() => compile({ metrics: [{ agg: 'sum', field: 'region' }] }));
    rejects(() => compile({ metrics: [{ agg: 'avg', field: 'at' }] }));
    rejects(() => compile({ metrics: [{ agg: 'min', field: 'region' }] }));
    rejects(() => compile({ metrics: [{ agg: 'sum' }] }));
  });
});

describe('query compiler: dimensions and time buckets', () => {
  const bucket = async (b: 'minute' | 'hour' | 'day' | 'week' | 'month') =>
    (await run({ metrics: [{ agg: 'count', as: 'n' }], dimensions: [{ field: 'at', bucket: b, as: 'b' }] })).map(
      (r) => [r.b, r.n],
    );

  test('minute buckets', async () => {
    assert.deepEqual((await bucket('minute')).slice(0, 2), [
      ['2026-01-05 08:15:00', 1],
      ['2026-01-05 08:45:00', 1],
    ]);
  });
  test('hour buckets', async () => {
    assert.deepEqual((await bucket('hour'))[0], ['2026-01-05 08:00:00', 2]);
  });
  test('day buckets', async () => {
    assert.deepEqual((await bucket('day')).slice(0, 2), [
      ['2026-01-05 00:00:00', 2],
      ['2026-01-06 00:00:00', 1],
    ]);
  });
  test('week buckets start on Monday (a Sunday belongs to the week before it)', async () => {
    assert.deepEqual(await bucket('week'), [
      ['2026-01-05 00:00:00', 4],
      ['2026-01-12 00:00:00', 1],
      ['2026-01-26 00:00:00', 1],
      ['2026-02-02 00:00:00', 1],
    ]);
  });
  test('month buckets', async () => {
    assert.deepEqual(await bucket('month'), [
      ['2026-01-01 00:00:00', 5],
      ['2026-02-01 00:00:00', 2],
    ]);
  });
  test('grouped results are ordered by their dimensions unless sorted', async () => {
    const r = await run({ metrics: [{ agg: 'sum', field: 'amount', as: 's' }], dimensions: ['region'] });
    assert.deepEqual(
      r.map((x) => x.region),
      ['APAC', 'EMEA', 'LATAM', "O'Brien %_ \\"],
    );
    const sorted = await run({
      metrics: [{ agg: 'sum', field: 'amount', as: 's' }],
      dimensions: ['region'],
      sort: [{ by: 's', dir: 'desc' }],
      limit: 2,
    });
    assert.deepEqual(
      sorted.map((x) => x.s),
      [100, 30],
    );
  });
  test('only date fields can be bucketed', () => {
    rejects(() => compile({ metrics: [{ agg: 'count' }], dimensions: [{ field: 'region', bucket: 'day' }] }));
  });
  test('no metrics and no dimensions: the raw rows with every declared field', async () => {
    const c = compile({});
    assert.deepEqual(
      c.columns.map((x) => x.name),
      ['at', 'region', 'amount'],
    );
    assert.equal((await store.runSql(c)).length, rows.length);
  });
});

describe('query compiler: filters', () => {
  const count = async (filters: WidgetQuery['filters']) =>
    (await run({ metrics: [{ agg: 'count', as: 'n' }], filters }))[0]!.n;

  test('eq, neq, in', async () => {
    assert.equal(await count([{ field: 'region', op: 'eq', value: 'EMEA' }]), 3);
    assert.equal(await count([{ field: 'region', op: 'neq', value: 'EMEA' }]), 4);
    assert.equal(await count([{ field: 'region', op: 'in', value: ['EMEA', 'LATAM'] }]), 4);
    assert.equal(await count([{ field: 'region', op: 'in', value: [] }]), 0);
  });
  test('gt, gte, lt, lte on numbers', async () => {
    assert.equal(await count([{ field: 'amount', op: 'gt', value: 10 }]), 2);
    assert.equal(await count([{ field: 'amount', op: 'gte', value: 10 }]), 3);
    assert.equal(await count([{ field: 'amount', op: 'lt', value: 7 }]), 2);
    assert.equal(await count([{ field: 'amount', op: 'lte', value: 7 }]), 3);
  });
  test('between on numbers is inclusive', async () => {
    assert.equal(await count([{ field: 'amount', op: 'between', value: [5, 20] }]), 4);
  });
  test('dates: a day without a time covers the whole day', async () => {
    assert.equal(await count([{ field: 'at', op: 'eq', value: '2026-01-05' }]), 2);
    assert.equal(await count([{ field: 'at', op: 'lte', value: '2026-01-06' }]), 3);
    assert.equal(await count([{ field: 'at', op: 'gt', value: '2026-01-06' }]), 4);
    assert.equal(await count([{ field: 'at', op: 'between', value: ['2026-01-06', '2026-01-11'] }]), 2);
    assert.equal(await count([{ field: 'at', op: 'lt', value: '2026-01-05T08:30:00Z' }]), 1);
    assert.equal(await count([{ field: 'at', op: 'gte', value: '2026-01-05T09:30:00+01:00' }]), 6);
  });
  test('contains matches a substring, case-insensitively, with % and _ taken literally', async () => {
    assert.equal(await count([{ field: 'region', op: 'contains', value: 'em' }]), 3);
    assert.equal(await count([{ field: 'region', op: 'contains', value: '%_' }]), 1);
    assert.equal(await count([{ field: 'region', op: 'contains', value: '_' }]), 1);
    assert.equal(await count([{ field: 'region', op: 'contains', value: '\\' }]), 1);
    rejects(() => compile({ filters: [{ field: 'amount', op: 'contains', value: '1' }] }));
  });
  test('values of the wrong type are refused', () => {
    rejects(() => compile({ filters: [{ field: 'amount', op: 'eq', value: 'ten' }] }));
    rejects(() => compile({ filters: [{ field: 'at', op: 'eq', value: 'yesterday' }] }));
    rejects(() => compile({ filters: [{ field: 'at', op: 'eq', value: '2026-02-31' }] }));
    rejects(() => compile({ filters: [{ field: 'region', op: 'eq', value: true }] }));
    rejects(() => compile({ filters: [{ field: 'region', op: 'eq', value: ['a', 'b'] }] }));
    rejects(() => compile({ filters: [{ field: 'amount', op: 'between', value: [1] }] }));
  });
  test('extra conditions report their own error code', () => {
    rejects(
      () =>
        compile(
          {},
          { extraConditions: [{ filter: { field: 'amount', op: 'eq', value: 'x' }, errorCode: 'invalid_filters' }] },
        ),
      'invalid_filters',
    );
  });
});

describe('query compiler: hostile input', () => {
  const hostile = ['amount; DROP TABLE ds_test', 'amount"--', 'sqlite_master', 'rowid', '"amount"'];

  test('field names that are not declared are refused everywhere', () => {
    for (const name of hostile) {
      rejects(() =>
        compileWidgetQuery(
          { metrics: [{ agg: 'sum', field: name }], dimensions: [], filters: [], sort: [] },
          source,
          sqliteDialect,
        ),
      );
      rejects(() =>
        compileWidgetQuery(
          { metrics: [{ agg: 'count' }], dimensions: [name], filters: [], sort: [] },
          source,
          sqliteDialect,
        ),
      );
      rejects(() =>
        compileWidgetQuery(
          { metrics: [], dimensions: [], filters: [{ field: name, op: 'eq', value: 1 }], sort: [] },
          source,
          sqliteDialect,
        ),
      );
      rejects(() =>
        compileWidgetQuery(
          { metrics: [{ agg: 'count' }], dimensions: [], filters: [], sort: [{ by: name, dir: 'asc' }] },
          source,
          sqliteDialect,
        ),
      );
    }
  });
  test('the schema refuses aliases that are not plain names, so they never reach SQL', () => {
    assert.equal(widgetQuerySchema.safeParse({ metrics: [{ agg: 'count', as: 'n" FROM x; --' }] }).success, false);
  });
  test('the dialect refuses to quote anything but a plain name', () => {
    assert.throws(() => sqliteDialect.quote('a"b'));
  });
  test('values are bound, never spliced, and match literally', async () => {
    const evil = "EMEA' OR '1'='1";
    const c = compile({ metrics: [{ agg: 'count', as: 'n' }], filters: [{ field: 'region', op: 'eq', value: evil }] });
    assert.ok(!c.sql.includes(evil));
    assert.ok(c.params.includes(evil));
    assert.equal((await store.runSql(c))[0]!.n, 0);
    assert.equal(
      (
        await run({
          metrics: [{ agg: 'count', as: 'n' }],
          filters: [{ field: 'region', op: 'eq', value: "O'Brien %_ \\" }],
        })
      )[0]!.n,
      1,
    );
  });
  test('duplicate result column names are refused', () => {
    rejects(() => compile({ metrics: [{ agg: 'count', as: 'region' }], dimensions: ['region'] }));
  });
  test('the limit is bound and capped', () => {
    const c = compile({ limit: 50 }, { maxRows: 20 });
    assert.match(c.sql, /LIMIT \?$/);
    assert.equal(c.params.at(-1), 20);
    assert.equal(compile({}).params.at(-1), 10_000);
  });
});
