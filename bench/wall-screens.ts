// N wall screens on ONE public link of the demo dashboard `ops-wall` (issue 13): each screen refreshes the way the
// public viewer does (GET the layout, then every widget's data in parallel), BENCH_CYCLES times, one refresh per
// cycle of BENCH_CYCLE_SECONDS (the dashboard's own interval is 30 s; a shorter cycle offers more load per second).
// Screens start spread evenly over the cycle, as screens switched on through the day would (BENCH_START=spread), or
// all at the same instant (BENCH_START=together). Each screen has its own keep-alive connections (up to 6, as a
// browser) and, like a browser's HTTP cache, sends If-None-Match when the server gave an ETag (BENCH_CONDITIONAL=0
// turns that off).
// Prints requests/s, p50/p99 latency, the SQL queries the server actually ran (every runQuery / iterateQuery call on
// the Store given to createApp) and queries / (widgets × refresh cycles): ≈ N when every screen runs its own queries,
// ≈ 1 (or less) when identical requests share one result. Figures only: it asserts nothing about time.
//   node --import tsx bench/wall-screens.ts   BENCH_SCREENS (1,100,1000; each 1–1500), BENCH_CYCLES (3),
//     BENCH_CYCLE_SECONDS (5), BENCH_START (spread | together), BENCH_MAX_SECONDS (60 per N: screens still waiting then
//     are cut off and counted as unanswered), BENCH_CONDITIONAL (1)
// The server runs in a child process (bench/support/counting-server.ts: startTestServer with its Store counted), a
// fresh one with a fresh database copy for each N, so no cache (of the app or of a module) carries over from one N
// to the next; the screens run in this process.
import { setMaxListeners } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { startCountingServer } from './support/counting-server.js';
import type { QueryCount } from './support/counting-store.js';
import { StatusTally, envInt, get, keepAliveAgent, latencyLine, ms, sleep, summarize } from './support/http-load.js';

const MAX_SCREENS = 1500;
const CYCLES = envInt('BENCH_CYCLES', 3, 1, 10);
const CYCLE_SECONDS = envInt('BENCH_CYCLE_SECONDS', 5, 1, 60);
const MAX_SECONDS = envInt('BENCH_MAX_SECONDS', 60, 5, 300);
const START = process.env.BENCH_START ?? 'spread';
if (START !== 'spread' && START !== 'together') throw new Error(`BENCH_START=${START}: use spread or together`);
const CONDITIONAL = process.env.BENCH_CONDITIONAL !== '0';

interface Figures {
  screens: number;
  rps: number;
  p50: number;
  p99: number;
  refreshP99: number;
  queries: number;
  ratio: number;
  cyclesDone: number;
  s503: number;
  s304: number;
  unanswered: number;
  seconds: number;
}

await main();

async function main() {
  const list = (process.env.BENCH_SCREENS ?? '1,100,1000')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const counts = list.map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SCREENS)
      throw new Error(`BENCH_SCREENS: ${s} is not a whole number of screens from 1 to ${MAX_SCREENS}`);
    return n;
  });
  console.log(
    `wall screens on one public link of ops-wall — ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    `screens ${counts.join(', ')}; ${CYCLES} refresh cycles of ${CYCLE_SECONDS} s; screens ${START === 'spread' ? 'spread evenly over the cycle' : 'all starting each cycle at the same instant'}; ` +
      `${CONDITIONAL ? 'If-None-Match sent when an ETag was given' : 'no conditional requests'}; at most ${MAX_SECONDS} s per N`,
  );
  const results: Figures[] = [];
  for (const n of counts) {
    console.log(`\n-- ${n} screen${n === 1 ? '' : 's'} --`);
    results.push(await runScreens(n));
  }
  console.log(
    '\nsummary (latency over every answered request; ratio = SQL queries / (widgets × refresh cycles), goal ≈ 1)',
  );
  console.log('screens   req/s    p50 ms    p99 ms  refresh p99 ms  queries  ratio   cycles  304s   503s  unanswered');
  for (const f of results) {
    console.log(
      `${String(f.screens).padStart(7)} ${f.rps.toFixed(0).padStart(7)} ${ms(f.p50).padStart(9)} ${ms(f.p99).padStart(9)} ${ms(f.refreshP99).padStart(15)} ${String(f.queries).padStart(8)} ${f.ratio.toFixed(2).padStart(6)} ${f.cyclesDone.toFixed(2).padStart(8)} ${String(f.s304).padStart(5)} ${String(f.s503).padStart(6)} ${String(f.unanswered).padStart(11)}`,
    );
  }
}

type Kind = 'layout' | 'data';

async function runScreens(n: number): Promise<Figures> {
  const server = await startCountingServer();
  try {
    const alice = await server.token('alice');
    const created = await fetch(`${server.url}/api/dashboards/ops-wall/public-links`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'wall screens' }),
    });
    if (created.status !== 201) throw new Error(`creating the link: ${created.status} ${await created.text()}`);
    const { link } = (await created.json()) as { link: { token: string } };
    const layoutUrl = `${server.url}/api/public/${link.token}`;
    // The widget list, read once here; screens drain their bodies unread (less client work on a shared machine). A
    // widget the link does not show data for is not requested, as in the viewer.
    const layout = (await (await fetch(layoutUrl)).json()) as {
      dashboard: { widgets: { id: string; dataError: unknown }[] };
    };
    const widgets = layout.dashboard.widgets
      .filter((w) => !w.dataError)
      .map((w) => `${layoutUrl}/widgets/${encodeURIComponent(w.id)}/data`);
    const cycleMs = CYCLE_SECONDS * 1000;
    // A browser opens up to 6 connections per host; fewer when N is large, so client and server sockets fit the fd limit.
    const socketsPerScreen = Math.max(1, Math.min(6, Math.floor(16_000 / (2 * n))));
    const offered = (n * (1 + widgets.length)) / CYCLE_SECONDS;
    console.log(
      `${n} screens × (layout + ${widgets.length} widgets) every ${CYCLE_SECONDS} s = ${offered.toFixed(0)} req/s offered; ${socketsPerScreen} keep-alive connections per screen`,
    );

    const latencies: Record<Kind, number[]> = { layout: [], data: [] };
    const tallies: Record<Kind, StatusTally> = { layout: new StatusTally(), data: new StatusTally() };
    const sent: Record<Kind, number> = { layout: 0, data: 0 };
    let unanswered = 0;
    const refreshes: number[] = [];
    let refreshesCut = 0;
    const abort = new AbortController();
    // Every request in flight listens to it (thousands at once).
    setMaxListeners(0, abort.signal);
    let stopped = false;
    await server.resetQueries();
    const t0 = performance.now();
    const deadline = t0 + MAX_SECONDS * 1000;
    let queriesAtCut: Promise<QueryCount> | undefined;
    const limit = setTimeout(() => {
      stopped = true;
      // Counted now: what the server still runs after the cut serves nobody.
      queriesAtCut = server.queries();
      abort.abort();
    }, MAX_SECONDS * 1000);

    const screen = async (i: number) => {
      const agent = keepAliveAgent(socketsPerScreen);
      const etags = new Map<string, string>();
      const request = async (url: string, kind: Kind): Promise<boolean> => {
        const etag = CONDITIONAL ? etags.get(url) : undefined;
        sent[kind]++;
        try {
          const answer = await get(url, {
            agent,
            signal: abort.signal,
            timeoutMs: (MAX_SECONDS + 10) * 1000,
            headers: etag ? { 'If-None-Match': etag } : undefined,
          });
          tallies[kind].add(answer.status);
          latencies[kind].push(answer.ms);
          const given = answer.headers.etag;
          if (answer.status === 200 && typeof given === 'string') etags.set(url, given);
          return answer.status === 200 || answer.status === 304;
        } catch (err) {
          if (abort.signal.aborted) unanswered++;
          else {
            tallies[kind].errors++;
            if (tallies[kind].errors === 1) console.log(`first network error (${kind}): ${(err as Error).message}`);
          }
          return false;
        }
      };
      const offset = START === 'spread' ? (i * cycleMs) / n : 0;
      try {
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          const due = t0 + offset + cycle * cycleMs;
          if (due >= deadline) break;
          // A screen whose previous refresh ran late starts the next one at once.
          await sleep(due - performance.now());
          if (stopped) break;
          const started = performance.now();
          // The viewer: the layout first (a revoked link shows at once), then every widget's data in parallel.
          let ok = await request(layoutUrl, 'layout');
          if (ok) ok = (await Promise.all(widgets.map((url) => request(url, 'data')))).every(Boolean);
          if (ok) refreshes.push(performance.now() - started);
          else if (stopped) refreshesCut++;
        }
      } finally {
        agent.destroy();
      }
    };
    await Promise.all(Array.from({ length: n }, (_, i) => screen(i)));
    clearTimeout(limit);
    const seconds = (performance.now() - t0) / 1000;
    const { runQuery, iterateQuery, total: queriesByEnd } = await server.queries();
    const queriesAtEnd = queriesAtCut ? (await queriesAtCut).total : queriesByEnd;

    const all = summarize([...latencies.layout, ...latencies.data]);
    const answered = all.count;
    const served = tallies.data.count(200) + tallies.data.count(304);
    // Refresh cycles done, from the widget data actually served: N × widgets answers make one cycle of the wall.
    const cyclesDone = served / (n * widgets.length);
    const ratio = cyclesDone > 0 ? queriesAtEnd / (widgets.length * cyclesDone) : NaN;
    const refresh = summarize(refreshes);

    console.log(
      `requests: ${sent.layout + sent.data} sent, ${answered} answered in ${seconds.toFixed(1)} s = ${(answered / seconds).toFixed(0)} req/s${stopped ? ` (cut at ${MAX_SECONDS} s: ${unanswered} requests unanswered, ${refreshesCut} refreshes incomplete)` : ''}`,
    );
    console.log(`  layout       ${tallies.layout.describe()}`);
    console.log(`  widget data  ${tallies.data.describe()}`);
    console.log(`  ${latencyLine('all requests', all)}`);
    console.log(`  ${latencyLine('layout', summarize(latencies.layout))}`);
    console.log(`  ${latencyLine('widget data', summarize(latencies.data))}`);
    console.log(`  ${latencyLine('screen refresh (all of it)', refresh)}`);
    console.log(
      `SQL queries run: ${queriesAtEnd}${stopped ? ` until the cut (${queriesByEnd} by the end)` : ''} (runQuery ${runQuery}, iterateQuery ${iterateQuery}); ` +
        `refresh cycles served ${cyclesDone.toFixed(2)} of ${CYCLES}; queries / (${widgets.length} widgets × ${cyclesDone.toFixed(2)} cycles) = ${ratio.toFixed(2)}   (one query per screen: ${n}; goal ≈ 1)`,
    );
    if (ratio < 0.9)
      console.log(`  (below 1: results outlived a ${CYCLE_SECONDS} s cycle; the dashboard's own interval is 30 s)`);
    return {
      screens: n,
      rps: answered / seconds,
      p50: all.p50,
      p99: all.p99,
      refreshP99: refresh.p99,
      queries: queriesAtEnd,
      ratio,
      cyclesDone,
      s503: tallies.layout.count(503) + tallies.data.count(503),
      s304: tallies.layout.count(304) + tallies.data.count(304),
      unanswered,
      seconds,
    };
  } finally {
    await server.close();
  }
}
