// One client's burst against everyone else (issue 18 item 6): while one address floods a public link with
// BENCH_FLOOD (400) concurrent widget requests, each for a filter value never asked before (so each needs a query of
// its own), another address asks for widget data and a monitor polls /healthz. Prints their latency side by side:
// idle, flooded without a per-address cap (ATLAS_QUERY_PER_CLIENT=0, the behaviour before issue 18) and flooded with
// the cap (ATLAS_QUERY_PER_CLIENT, default 8), plus how the flood itself was answered. Figures only.
//   node --import tsx bench/fairness.ts   BENCH_FLOOD (400, 1–2000), BENCH_SECONDS (10 per phase), BENCH_PER_CLIENT (8),
//     BENCH_HAMMER (0)
// The server is the real one in a child process (bench/support/child-server.ts) on a copy of the seeded demo
// database, behind one trusted proxy hop so X-Forwarded-For names the two addresses. The flood runs in a process of
// its own (this script, forked): a load generator sharing the probes' event loop would delay their answers itself.
// Told to wait (429, 503), a flooding lane waits the Retry-After as browsers' fetch retries and the public viewer do;
// BENCH_HAMMER=1 makes it ignore that and come back after 50 ms (a script that does not care).
import { fork } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededTemplate, tempDir } from '../test/server/helpers.js';
import { CHILD_AUTH_SECRET, createPublicLink, startChildServer } from './support/child-server.js';
import { StatusTally, envInt, get, keepAliveAgent, ms, sleep, summarize, type Summary } from './support/http-load.js';

const FLOOD = envInt('BENCH_FLOOD', 400, 1, 2000);
const SECONDS = envInt('BENCH_SECONDS', 10, 2, 120);
const PER_CLIENT = envInt('BENCH_PER_CLIENT', 8, 1, 1000);
const HAMMER = process.env.BENCH_HAMMER === '1';
const WIDGET = 'revenue-by-month';
const FLOODER = '203.0.113.66';
const NEIGHBOUR = '198.51.100.7';

interface Phase {
  label: string;
  health: Summary;
  neighbour: Summary;
  neighbourStatuses: string;
  flood: string;
  floodRps: number;
}

/**
 * A date no request of this run has used yet: each is a new filter value, so a new query over every row (the data is
 * recent). The flood counts from 1900 in its process, the other address from 2000 here, so they never meet.
 */
let firstDay = Date.UTC(2000, 0, 1);
let day = 0;
const freshFilter = () => {
  const from = new Date(firstDay + day++ * 86_400_000).toISOString().slice(0, 10);
  return `?filters=${encodeURIComponent(JSON.stringify({ order_date: { from } }))}`;
};

const FLOOD_CHILD = process.env.BENCH_FAIRNESS_FLOOD_URL;
if (FLOOD_CHILD) await floodProcess(FLOOD_CHILD);
else await main();

async function main() {
  console.log(
    `fairness: ${FLOOD} concurrent widget requests from one address vs another address and /healthz — ` +
      `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}; ${SECONDS} s per phase; ` +
      `told to wait, the flood ${HAMMER ? 'comes back after 50 ms' : 'waits the Retry-After'}`,
  );
  const phases: Phase[] = [];
  const capOff = await withServer('0', async (url, token) => {
    phases.push(await measure('idle', url, token, false));
    return measure('flood, no per-address cap', url, token, true);
  });
  phases.push(capOff);
  phases.push(
    await withServer(String(PER_CLIENT), (url, token) =>
      measure(`flood, cap ${PER_CLIENT} per address`, url, token, true),
    ),
  );

  const width = Math.max(...phases.map((p) => p.label.length)) + 2;
  const row = (name: string, cell: (p: Phase) => string) =>
    console.log(`${name.padEnd(26)}${phases.map((p) => cell(p).padStart(width)).join('')}`);
  console.log('');
  row('', (p) => p.label);
  row('/healthz p50 ms', (p) => ms(p.health.p50));
  row('/healthz p99 ms', (p) => ms(p.health.p99));
  row('/healthz max ms', (p) => ms(p.health.max));
  row('other address p50 ms', (p) => ms(p.neighbour.p50));
  row('other address p99 ms', (p) => ms(p.neighbour.p99));
  row('other address answers', (p) => p.neighbourStatuses);
  row('flood answers', (p) => p.flood);
  row('flood answers/s', (p) => (p.floodRps ? p.floodRps.toFixed(0) : '–'));
}

async function withServer<T>(perClient: string, run: (url: string, token: string) => Promise<T>): Promise<T> {
  const tmp = tempDir('atlas-bench-fairness-');
  const dbFile = join(tmp.dir, 'atlas.db');
  copyFileSync(await seededTemplate(), dbFile);
  const server = await startChildServer({
    env: {
      ATLAS_AUTH_SECRET: CHILD_AUTH_SECRET,
      ATLAS_DB: dbFile,
      ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json'),
      ATLAS_TRUST_PROXY_HOPS: '1',
      ATLAS_QUERY_PER_CLIENT: perClient,
      // The flood scans for no tokens; keep the guessing limit out of this picture.
      ATLAS_LINK_GUESS_LIMIT: '0',
    },
  });
  try {
    const link = await createPublicLink(server.url, 'sales-overview', 'fairness bench');
    return await run(server.url, link.token);
  } finally {
    await server.stop();
    tmp.cleanup();
  }
}

async function measure(label: string, url: string, token: string, flood: boolean): Promise<Phase> {
  console.log(`  measuring: ${label}`);
  const data = `${url}/api/public/${token}/widgets/${WIDGET}/data`;
  const otherAgent = keepAliveAgent(2);
  const flooder = flood ? startFlood(data) : undefined;
  if (flooder) await flooder.started;
  if (flood) await sleep(2000); // the flood is under way before anything is measured
  const floodStarted = performance.now();
  flooder?.child.send('mark');
  const health: number[] = [];
  const neighbour: number[] = [];
  const neighbourTally = new StatusTally();
  const until = performance.now() + SECONDS * 1000;
  await Promise.all([
    (async () => {
      while (performance.now() < until) {
        health.push((await get(`${url}/healthz`, { agent: otherAgent })).ms);
        await sleep(100);
      }
    })(),
    (async () => {
      while (performance.now() < until) {
        const answer = await get(data + freshFilter(), {
          agent: otherAgent,
          headers: { 'X-Forwarded-For': NEIGHBOUR },
        });
        neighbourTally.add(answer.status);
        neighbour.push(answer.ms);
        await sleep(100);
      }
    })(),
  ]);
  const seconds = (performance.now() - floodStarted) / 1000;
  const floodResult = flooder ? await flooder.stop() : undefined;
  otherAgent.destroy();
  return {
    label,
    health: summarize(health),
    neighbour: summarize(neighbour),
    neighbourStatuses: statuses(neighbourTally),
    flood: floodResult ? floodResult.statuses : '–',
    floodRps: floodResult ? floodResult.sinceMark / seconds : 0,
  };
}

function statuses(tally: StatusTally): string {
  const parts = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${n}×${status}`);
  if (tally.errors) parts.push(`${tally.errors}×error`);
  return parts.join(' ') || '–';
}

interface FloodResult {
  statuses: string;
  /** Answers since the measurement started. */
  sinceMark: number;
}

/** Forks this script as the flooding client of `url`. */
function startFlood(url: string) {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_FAIRNESS_FLOOD_URL: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const started = new Promise<void>((resolve) => child.once('message', () => resolve()));
  return {
    child,
    started,
    stop: () =>
      new Promise<FloodResult>((resolve) => {
        child.once('message', (result: FloodResult) => resolve(result));
        child.send('stop');
      }),
  };
}

/** The flooding client: FLOOD lanes, each sending its next request as soon as the last one is answered. */
async function floodProcess(url: string): Promise<void> {
  firstDay = Date.UTC(1900, 0, 1);
  const agent = keepAliveAgent(FLOOD);
  const tally = new StatusTally();
  let answers = 0;
  let mark = 0;
  let stop = false;
  // The parent gone (killed, failed): no flood left behind.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message) => {
    if (message === 'mark') mark = answers;
    if (message === 'stop') stop = true;
  });
  process.send!('started');
  await Promise.all(
    Array.from({ length: FLOOD }, async () => {
      while (!stop) {
        try {
          const answer = await get(url + freshFilter(), { agent, headers: { 'X-Forwarded-For': FLOODER } });
          tally.add(answer.status);
          answers++;
          if (answer.status === 429 || answer.status === 503)
            await sleep(HAMMER ? 50 : Number(answer.headers['retry-after'] ?? 1) * 1000);
        } catch {
          tally.errors++;
        }
      }
    }),
  );
  agent.destroy();
  const result: FloodResult = { statuses: statuses(tally), sinceMark: answers - mark };
  process.send!(result, () => process.exit(0));
}
