/**
 * Issue 18 item 6: one client's burst must not stall everyone. Public widget queries are capped per client address
 * (ATLAS_QUERY_PER_CLIENT): past the cap that address alone gets 429 too_many_queries at once, and the gate stays open
 * to other addresses. Asserted by what completes while the flood's queries are held, never by time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryModel } from '../../server/query/index.js';
import { loadConfig } from '../../server/config.js';
import { QueryGate } from '../../server/services/query-gate.js';
import type { Store } from '../../server/store/types.js';
import { json, startTestServer, type TestServer } from './helpers.js';

/** Holds the queries `held` picks until released (a slow database for one client's filters); counts them. */
function holdQueries(store: Store, held: (query: QueryModel) => boolean) {
  const original = store.runQuery.bind(store);
  let release!: () => void;
  const state = {
    holding: 0,
    gate: new Promise<void>((resolve) => (release = resolve)),
    release: () => release(),
  };
  store.runQuery = async (query: QueryModel) => {
    if (held(query)) {
      state.holding++;
      await state.gate;
    }
    return original(query);
  };
  return state;
}

/** Waits for a condition the server reaches by itself (no timed assertion: the test's own timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const FLOOD_MARK = '2024-01-';
const filters = (values: Record<string, unknown>) => `?filters=${encodeURIComponent(JSON.stringify(values))}`;

describe('issue 18: per-address fairness on the public query path', () => {
  let server: TestServer;
  let token: string;
  const flooder = { 'X-Forwarded-For': '203.0.113.10' };
  const neighbour = { 'X-Forwarded-For': '203.0.113.20' };

  before(async () => {
    server = await startTestServer({
      env: {
        ATLAS_TRUST_PROXY_HOPS: '1',
        ATLAS_QUERY_CONCURRENCY: '4',
        ATLAS_QUERY_QUEUE: '0',
        ATLAS_QUERY_PER_CLIENT: '3',
        ATLAS_PUBLIC_CACHE_SECONDS: '0',
      },
    });
    const res = await server.request('/api/dashboards/sales-overview/public-links', {
      method: 'POST',
      token: await server.token('alice'),
      json: { label: 'fairness' },
    });
    token = (await json(res)).link.token;
  });
  after(() => server.close());

  test('a flood of new queries from one address: it gets 429 too_many_queries, another address and /healthz are served while the flood is stuck', async () => {
    const hold = holdQueries(server.store, (query) => JSON.stringify(query).includes(FLOOD_MARK));
    try {
      // 20 different queries (no two coalesce), all from one address.
      const answers: { status: number; code?: string; retryAfter: string | null }[] = [];
      const flood = Array.from({ length: 20 }, (_, i) =>
        server
          .request(
            `/api/public/${token}/widgets/revenue/data${filters({ order_date: { from: `${FLOOD_MARK}${String(i + 1).padStart(2, '0')}` } })}`,
            { headers: flooder },
          )
          .then(async (res) => {
            const body = await json(res);
            answers.push({ status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after') });
          }),
      );
      // Every flood request has either been answered or holds a query: the gate has seen all 20.
      await until(() => answers.length + hold.holding === 20);
      assert.equal(hold.holding, 3, 'the address holds no more than its cap');
      assert.equal(answers.length, 17);
      for (const answer of answers) {
        assert.equal(answer.status, 429);
        assert.equal(answer.code, 'too_many_queries');
        assert.ok(Number(answer.retryAfter) >= 1);
      }

      // While the flood's queries are still stuck, the neighbour's query runs and /healthz answers.
      const other = await server.request(`/api/public/${token}/widgets/revenue/data`, { headers: neighbour });
      assert.equal(other.status, 200, "the neighbour is not refused because of the flooder's burst");
      assert.equal((await server.request('/healthz')).status, 200);
      assert.equal(hold.holding, 3, 'and the flood is still held: both answered before it');

      hold.release();
      await Promise.all(flood);
      assert.equal(answers.filter((a) => a.status === 200).length, 3, 'the admitted ones complete');
    } finally {
      hold.release();
    }
  });

  test('the cap counts queries in flight only: once they finish, the address is served again', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await server.request(`/api/public/${token}/widgets/revenue/data${filters({ channel: 'Online' })}`, {
        headers: flooder,
      });
      assert.equal(res.status, 200, `request ${i + 1}`);
    }
  });

  test('requests that join a query already running cost nothing: 30 identical ones from one address all succeed', async () => {
    const hold = holdQueries(server.store, (query) => JSON.stringify(query).includes('2023-06-01'));
    try {
      const path = `/api/public/${token}/widgets/revenue/data${filters({ order_date: { from: '2023-06-01' } })}`;
      const statuses: number[] = [];
      const burst = Array.from({ length: 30 }, () =>
        server.request(path, { headers: flooder }).then((res) => statuses.push(res.status)),
      );
      await until(() => hold.holding === 1);
      hold.release();
      await Promise.all(burst);
      // Past the cap of 3, yet none refused: the requests that arrived while the first query was held joined it.
      // (How many arrived in time depends on the machine; the later ones found it done and ran their own, alone.)
      assert.deepEqual(statuses, Array(30).fill(200));
    } finally {
      hold.release();
    }
  });
});

describe('QueryGate per-client cap', () => {
  test('caps each client, leaves other clients and unnamed work alone, and frees the slot on success and failure', async () => {
    const gate = new QueryGate(2, 10, 'queries', 2);
    let open!: () => void;
    const blocked = new Promise<void>((resolve) => (open = resolve));
    const first = gate.run(() => blocked, 'a');
    const second = assert.rejects(
      gate.run(() => Promise.reject(new Error('broken query')), 'a'),
      /broken query/,
    );
    await assert.rejects(
      gate.run(async () => 1, 'a'),
      (err: { status?: number; code?: string }) => {
        return err.status === 429 && err.code === 'too_many_queries';
      },
    );
    assert.equal(await gate.run(async () => 'b', 'b'), 'b', 'another client is admitted');
    assert.equal(await gate.run(async () => 'none'), 'none', 'work without a client is not capped');
    await second;
    assert.equal(await gate.run(async () => 'again', 'a'), 'again', 'a failed query frees its slot');
    open();
    await first;
    assert.equal(gate.stats.shedPerClient, 1);
  });

  test('waiting work starts round-robin across clients: one query of b does not wait behind all of a', async () => {
    const gate = new QueryGate(1, 20, 'queries', 10);
    const started: string[] = [];
    let open!: () => void;
    const blocked = new Promise<void>((resolve) => (open = resolve));
    const job = (name: string, client?: string, wait?: Promise<void>) =>
      gate.run(async () => {
        started.push(name);
        await wait;
      }, client);
    const all = [
      job('a1', 'a', blocked),
      job('a2', 'a'),
      job('a3', 'a'),
      job('a4', 'a'),
      job('b1', 'b'),
      job('x1'),
      job('b2', 'b'),
    ];
    assert.deepEqual(gate.stats, { running: 1, waiting: 6, shed: 0, shedPerClient: 0 });
    open();
    await Promise.all(all);
    assert.deepEqual(started, ['a1', 'a2', 'b1', 'x1', 'a3', 'b2', 'a4']);
    assert.deepEqual(gate.stats, { running: 0, waiting: 0, shed: 0, shedPerClient: 0 });
  });

  test('0 turns the cap off', async () => {
    const gate = new QueryGate(1, 10);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => gate.run(async () => i, 'a')));
    assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('ATLAS_QUERY_PER_CLIENT', () => {
  test('defaults to 8; empty means the default; 0 turns the cap off; junk is refused', () => {
    const base = { ATLAS_AUTH_SECRET: 'x'.repeat(40) };
    assert.equal(loadConfig(base).queryPerClient, 8);
    assert.equal(loadConfig({ ...base, ATLAS_QUERY_PER_CLIENT: '' }).queryPerClient, 8);
    assert.equal(loadConfig({ ...base, ATLAS_QUERY_PER_CLIENT: '0' }).queryPerClient, 0);
    assert.throws(() => loadConfig({ ...base, ATLAS_QUERY_PER_CLIENT: '-1' }), /ATLAS_QUERY_PER_CLIENT/);
  });
});
