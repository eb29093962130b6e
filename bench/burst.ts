// A burst of identical first requests (issue 13): BENCH_BURST (200) viewers open the same widget of one ops-wall
// public link at the same instant, with a filter value no earlier request used (nothing cached can answer). The
// figure is the burst's total time (first request sent → last answer) divided by the time of one such request made
// alone (another value never seen before, same cost): ≈ BENCH_BURST when every request runs its own query, goal
// ≤ 5× when the identical requests share one. Also prints how many answered 200, 503 and other, and the SQL queries
// the server ran (every runQuery / iterateQuery on the Store given to createApp). Figures only; asserts nothing.
//   node --import tsx bench/burst.ts   BENCH_BURST (200, 1–1000), BENCH_WIDGET (temp-by-day)
// ops-wall has one filter, `line` (Line A / Line B, half of the sensor rows each): the request alone uses Line A,
// the burst Line B. The warm-up uses a value that matches no row (same SQL, other parameters). The server runs in a
// child process of its own (bench/support/counting-server.ts), so each answer's latency is seen when it is sent; the
// burst's connections are opened beforehand, so the burst measures requests, not TCP set-up.
import { availableParallelism, loadavg } from 'node:os';
import { startCountingServer } from './support/counting-server.js';
import { StatusTally, envInt, get, keepAliveAgent, latencyLine, ms, summarize } from './support/http-load.js';

const BURST = envInt('BENCH_BURST', 200, 1, 1000);
const WIDGET = process.env.BENCH_WIDGET ?? 'temp-by-day';

const server = await startCountingServer();
const agent = keepAliveAgent(BURST);
try {
  const alice = await server.token('alice');
  const created = await fetch(`${server.url}/api/dashboards/ops-wall/public-links`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: 'burst' }),
  });
  if (created.status !== 201) throw new Error(`creating the link: ${created.status} ${await created.text()}`);
  const { link } = (await created.json()) as { link: { token: string } };
  const base = `${server.url}/api/public/${link.token}`;
  const url = (line: string) =>
    `${base}/widgets/${encodeURIComponent(WIDGET)}/data?filters=${encodeURIComponent(JSON.stringify({ line }))}`;
  const once = async (line: string) => {
    const answer = await get(url(line), { agent });
    if (answer.status !== 200) throw new Error(`${WIDGET} with line=${line}: status ${answer.status}`);
    return answer.ms;
  };

  console.log(
    `burst of ${BURST} identical first requests — ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    `GET /api/public/:token/widgets/${WIDGET}/data?filters={"line":…} on ops-wall; server in a child process`,
  );
  // Warm-up: the route, the compiled SQL and whatever the server starts lazily, on values nobody asks for later.
  for (let i = 0; i < 3; i++) await once(`(warm-up ${i})`);
  // Open the burst's connections now (a cheap route), so the burst below does not time TCP connects.
  await Promise.all(Array.from({ length: BURST }, () => get(`${server.url}/healthz`, { agent })));

  await server.resetQueries();
  const alone = await once('Line A');
  const aloneQueries = (await server.queries()).total;
  console.log(
    `one request alone (line = Line A, never asked before):  ${ms(alone)} ms, ${aloneQueries} SQL quer${aloneQueries === 1 ? 'y' : 'ies'}`,
  );

  await server.resetQueries();
  const tally = new StatusTally();
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BURST }, async () => {
      try {
        const answer = await get(url('Line B'), { agent, timeoutMs: 300_000 });
        tally.add(answer.status);
        latencies.push(answer.ms);
      } catch (err) {
        tally.errors++;
        if (tally.errors === 1) console.log(`first network error: ${(err as Error).message}`);
      }
    }),
  );
  const total = performance.now() - started;
  const queries = await server.queries();
  const s = summarize(latencies);
  console.log(`burst of ${BURST} (line = Line B, never asked before):    total ${ms(total)} ms`);
  console.log(`  ${latencyLine('each request', s)}`);
  console.log(`  answers: ${tally.describe()}`);
  console.log(
    `  SQL queries run: ${queries.total} (runQuery ${queries.runQuery}, iterateQuery ${queries.iterateQuery})   (one per request: ${BURST}; goal 1)`,
  );
  console.log(
    `burst total / one request alone: ${(total / alone).toFixed(1)}×   (one query per request: ≈ ${BURST}×; goal ≤ 5×)`,
  );
} finally {
  agent.destroy();
  await server.close();
}
