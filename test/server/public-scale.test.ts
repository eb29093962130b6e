/**
 * Issue 13 (SPEC V1, V3, L3, L8, O4): public traffic at scale — kept and coalesced widget results that never decide
 * access, ETags, load shedding, query time limits, export budgets and the durable audit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPostgresStore } from '../../server/store/postgres/index.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { createQueryWorkerPool } from '../../server/store/sqlite/query-workers.js';
import type { QueryModel } from '../../server/query/index.js';
import type { Store } from '../../server/store/types.js';
import { postgresForTests } from '../support/postgres.js';
import { createLink, json, seededTemplate, startTestServer, tempDir, type TestServer } from './helpers.js';

const pgForTests = await postgresForTests();

/** Counts the queries the app runs, and can hold them until released (a slow database, on demand). */
function instrument(store: Store) {
  const original = store.runQuery.bind(store);
  const state = { count: 0, hold: undefined as Promise<void> | undefined };
  store.runQuery = async (query: QueryModel) => {
    state.count++;
    if (state.hold) await state.hold;
    return original(query);
  };
  return state;
}

const filtersParam = (values: Record<string, unknown>) => `?filters=${encodeURIComponent(JSON.stringify(values))}`;

describe('kept widget results never decide access', () => {
  let server: TestServer;
  let queries: ReturnType<typeof instrument>;
  before(async () => {
    server = await startTestServer();
    queries = instrument(server.store);
  });
  after(() => server.close());

  test('two links with different locked filters never share results', async () => {
    const emea = await createLink(server, 'sales-overview', { lockedFilters: { region: ['EMEA'] } });
    const apac = await createLink(server, 'sales-overview', { lockedFilters: { region: ['APAC'] } });
    const read = async (token: string) =>
      (await json(await server.request(`/api/public/${token}/widgets/revenue-by-region/data`))).rows;
    const first = await read(emea.token);
    const second = await read(apac.token);
    assert.deepEqual(
      first.map((r: unknown[]) => r[0]),
      ['EMEA'],
    );
    assert.deepEqual(
      second.map((r: unknown[]) => r[0]),
      ['APAC'],
    );
    assert.deepEqual(await read(emea.token), first, 'the kept EMEA result stays EMEA');
  });

  test('a revoke, a passcode change, a widget edit and external access each apply on the next request, cache warm', async () => {
    const alice = await server.token('alice');
    const link = await createLink(server, 'sales-overview');
    const path = `/api/public/${link.token}/widgets/revenue/data`;
    const before = await json(await server.request(path));
    const counted = queries.count;
    assert.deepEqual(await json(await server.request(path)), before);
    assert.equal(queries.count, counted, 'the second read was served from the kept result');

    // A widget edit (remove it, add it back with another query) changes the answer at once.
    assert.equal(
      (await server.request('/api/dashboards/sales-overview/widgets/revenue', { method: 'DELETE', token: alice }))
        .status,
      204,
    );
    const added = await server.request('/api/dashboards/sales-overview/widgets', {
      method: 'POST',
      token: alice,
      json: {
        title: 'Revenue',
        type: 'kpi',
        dataSourceId: 'orders',
        query: { metrics: [{ agg: 'count', as: 'revenue' }] },
      },
    });
    assert.equal(added.status, 201);
    const widgetId = (await json(added)).widget.id as string;
    const edited = await json(await server.request(`/api/public/${link.token}/widgets/${widgetId}/data`));
    assert.notDeepEqual(edited.rows, before.rows);

    // The data source stops allowing external access: 403 on the next request.
    const orders = (await server.store.getDataSource('northwind', 'orders'))!;
    await server.store.upsertDataSource({ ...orders, externalAccess: false });
    const refused = await server.request(`/api/public/${link.token}/widgets/${widgetId}/data`);
    assert.equal(refused.status, 403);
    assert.equal((await json(refused)).error.code, 'data_source_not_public');
    await server.store.upsertDataSource(orders);
    assert.equal((await server.request(`/api/public/${link.token}/widgets/${widgetId}/data`)).status, 200);

    // A passcode switched on: the kept result is not served without a session.
    const passcode = await server.request(`/api/dashboards/sales-overview/public-links/${link.id}/passcode`, {
      method: 'PUT',
      token: alice,
      json: { enabled: true },
    });
    assert.equal(passcode.status, 200);
    assert.equal((await server.request(`/api/public/${link.token}/widgets/${widgetId}/data`)).status, 401);

    // Revoked: 403 on the very next request.
    assert.equal(
      (
        await server.request(`/api/dashboards/sales-overview/public-links/${link.id}`, {
          method: 'DELETE',
          token: alice,
        })
      ).status,
      204,
    );
    const revoked = await server.request(`/api/public/${link.token}/widgets/${widgetId}/data`);
    assert.equal(revoked.status, 403);
    assert.equal((await json(revoked)).error.code, 'link_unavailable');
  });

  test('single flight: N concurrent identical requests run one query', async () => {
    const link = await createLink(server, 'ops-wall');
    let release!: () => void;
    queries.hold = new Promise<void>((resolve) => (release = resolve));
    const counted = queries.count;
    const path = `/api/public/${link.token}/widgets/temp-by-day/data${filtersParam({ line: 'Line B' })}`;
    const pending = Array.from({ length: 25 }, () => server.request(path));
    // Let every request reach the cache before the one query is let go.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    queries.hold = undefined;
    const answers = await Promise.all(pending);
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [200]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    assert.equal(new Set(bodies).size, 1);
    assert.equal(queries.count - counted, 1, 'one query for 25 requests');
  });

  test('ETag and 304 for the layout and widget data; access still checked first', async () => {
    const alice = await server.token('alice');
    const link = await createLink(server, 'ops-wall');
    for (const path of [`/api/public/${link.token}`, `/api/public/${link.token}/widgets/units/data`]) {
      const first = await server.request(path);
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag')!;
      assert.match(etag, /^"[A-Za-z0-9_-]+"$/);
      const again = await server.request(path, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304, path);
      assert.equal(await again.text(), '');
      const other = await server.request(path, { headers: { 'If-None-Match': '"something-else"' } });
      assert.equal(other.status, 200);
    }
    const etag = (await server.request(`/api/public/${link.token}`)).headers.get('etag')!;
    assert.equal(
      (await server.request(`/api/dashboards/ops-wall/public-links/${link.id}`, { method: 'DELETE', token: alice }))
        .status,
      204,
    );
    assert.equal(
      (await server.request(`/api/public/${link.token}`, { headers: { 'If-None-Match': etag } })).status,
      403,
    );
  });
});

describe('load shedding', () => {
  let server: TestServer;
  let queries: ReturnType<typeof instrument>;
  before(async () => {
    server = await startTestServer({
      env: { ATLAS_QUERY_CONCURRENCY: '1', ATLAS_QUERY_QUEUE: '1', ATLAS_PUBLIC_CACHE_SECONDS: '0' },
    });
    queries = instrument(server.store);
  });
  after(() => server.close());

  test('beyond the limit and its queue: 503 server_busy with Retry-After; health and kept layouts stay fast; it recovers', async () => {
    const link = await createLink(server, 'ops-wall');
    let release!: () => void;
    queries.hold = new Promise<void>((resolve) => (release = resolve));
    // Three different queries (different filter values, so nothing coalesces): one runs, one waits, one is refused.
    const paths = ['Line A', 'Line B', undefined].map(
      (line) => `/api/public/${link.token}/widgets/avg-temp/data${line ? filtersParam({ line }) : ''}`,
    );
    const running = server.request(paths[0]!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = server.request(paths[1]!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const shed = await server.request(paths[2]!);
    assert.equal(shed.status, 503);
    assert.ok(Number(shed.headers.get('retry-after')) >= 1);
    assert.equal((await json(shed)).error.code, 'server_busy');
    assert.equal((await server.request('/healthz')).status, 200, 'health answers while queries are stuck');
    assert.equal((await server.request(`/api/public/${link.token}`)).status, 200, 'the layout answers too');
    queries.hold = undefined;
    release();
    assert.equal((await running).status, 200);
    assert.equal((await waiting).status, 200);
    assert.equal((await server.request(paths[2]!)).status, 200, 'recovered');
  });

  test('public exports are budgeted per client address: 429 with Retry-After', async () => {
    const link = await createLink(server, 'ops-wall');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const res = await server.request(`/api/public/${link.token}/export.xlsx`);
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        assert.equal((await json(res)).error.code, 'too_many_exports');
      } else await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    assert.ok(Number(retryAfter) >= 1);
  });
});

describe('query time limits', () => {
  const SLOW_SQLITE =
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000) SELECT count(*) AS n FROM c';

  test('SQLite: a query past the limit answers 503 query_timeout at once, and the next query is served', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'q.db');
    openSqliteStore(file).close();
    const pool = createQueryWorkerPool(file, 1, 200);
    try {
      const started = Date.now();
      await assert.rejects(
        pool.run({ sql: SLOW_SQLITE, params: [] }),
        (err: { status?: number; code?: string }) => err.status === 503 && err.code === 'query_timeout',
      );
      assert.ok(Date.now() - started < 5000);
      assert.deepEqual(await pool.run({ sql: 'SELECT 1 AS one', params: [] }), [{ one: 1 }]);
    } finally {
      await pool.close();
      tmp.cleanup();
    }
  });

  test('SQLite store: widget queries run off the main thread with the configured limit', async () => {
    const tmp = tempDir();
    const store = openSqliteStore(join(tmp.dir, 'q.db'), { queryTimeoutMs: 200, queryWorkers: 1 });
    try {
      await assert.rejects(store.runSql({ sql: SLOW_SQLITE, params: [] }), { code: 'query_timeout' });
      assert.deepEqual(await store.runSql({ sql: 'SELECT 2 AS two', params: [] }), [{ two: 2 }]);
    } finally {
      await store.close();
      tmp.cleanup();
    }
  });

  test(
    'PostgreSQL: statement_timeout on the data pool answers 503 query_timeout',
    { skip: pgForTests.skip },
    async () => {
      if (!pgForTests.available) return;
      const db = await pgForTests.createDatabase();
      const store = await openPostgresStore(db.url, { queryTimeoutMs: 200, queryWorkers: 1 });
      try {
        await assert.rejects(store.runSql({ sql: 'SELECT pg_sleep(3)', params: [] }), { code: 'query_timeout' });
        assert.deepEqual(await store.runSql({ sql: 'SELECT 3 AS three', params: [] }), [{ three: 3 }]);
        // Link lookups and writes use the other pool: no statement limit there.
        assert.equal(await store.ping(), true);
      } finally {
        await store.close();
        await db.drop();
      }
    },
  );
});

describe('durable audit (L8, O4)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('the audit row of a public response is committed before the response arrives', async () => {
    const link = await createLink(server, 'ops-wall', { passcode: true });
    const paths = [
      [`/api/public/${link.token}`, 'passcode_required'],
      [`/public/${link.token}`, 'ok'],
      ['/api/public/unknown-token-000000000000', 'unavailable'],
    ] as const;
    for (const [path, outcome] of paths) {
      const res = await server.request(path);
      await res.arrayBuffer();
      if (path.includes('unknown')) continue; // not tied to a link; counted below
      // No flush, no wait: the row is there as soon as the client has its answer.
      const rows = await server.store.listAudit(link.id, 10);
      assert.equal(rows[0]?.outcome, outcome, path);
    }
  });

  test('concurrent requests share commits and every one has its row', async () => {
    const link = await createLink(server, 'ops-wall');
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        server.request(i % 2 ? `/api/public/${link.token}` : `/api/public/${link.token}/widgets/units/data`),
      ),
    );
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [200]);
    const rows = await server.store.listAudit(link.id, 1000);
    assert.equal(rows.length, 60);
  });
});

await seededTemplate();
