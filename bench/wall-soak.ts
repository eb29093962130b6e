// A wall screen left running (issue 18): the public page of a link on the demo dashboard `ops-wall`, in Chromium,
// with the dashboard's refresh set to 1 s, for N minutes (15 by default: about a day of 30 s refreshes). Every minute
// it prints the page's JS heap and DOM node counts after a forced garbage collection, and their change against
// minute 1 (goal: flat within 5 %). Halfway through, the server is stopped and started again on the same port; the
// viewer must come back by itself (no reload): the bench reports whether it did and how long it took.
//   node --import tsx bench/wall-soak.ts [--minutes 15] [--restart-gap 5]
// The server is the real one (server/main.ts or its build, bench/support/child-server.ts) on a copy of the seeded
// demo database; the browser is /usr/bin/chromium (CHROME_PATH) through playwright-core. Figures only.
import { copyFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/support.js';
import { seededTemplate, signTestToken, tempDir } from '../test/server/helpers.js';
import { CHILD_AUTH_SECRET, createPublicLink, startChildServer, type ChildServer } from './support/child-server.js';

const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '15' }, 'restart-gap': { type: 'string', default: '5' } },
});
const MINUTES = Number(args.minutes);
const RESTART_GAP_S = Number(args['restart-gap']);
if (!Number.isInteger(MINUTES) || MINUTES < 2 || MINUTES > 240)
  throw new Error(`--minutes ${args.minutes}: a whole number from 2 to 240`);
if (!Number.isFinite(RESTART_GAP_S) || RESTART_GAP_S < 0 || RESTART_GAP_S > 120)
  throw new Error(`--restart-gap ${args['restart-gap']}: seconds from 0 to 120`);
/** How long the viewer gets to come back after the restart before the bench calls it not recovered. */
const RECOVERY_LIMIT_MS = 90_000;

interface Sample {
  minute: number;
  heapUsed: number;
  heapTotal: number;
  /** Live DOM nodes of the renderer (CDP `Nodes`, detached ones not yet collected included). */
  nodes: number;
  /** Nodes reachable from the document, shadow roots included. */
  treeNodes: number;
  listeners: number;
  answered: number;
  failed: number;
  status: string;
}

interface Restart {
  /** When the server was stopped, ms after minute 0. */
  at: number;
  downSeconds: number;
  recovered: boolean;
  /** From the server being up again to the viewer showing fresh data. */
  seconds: number;
  failedDuring: number;
}

/**
 * Nodes reachable from the document, into every shadow root. A string, not a function: tsx names inner functions with
 * a helper that does not exist in the page.
 */
const COUNT_TREE_NODES = `(() => {
  let count = 0;
  const walk = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      count++;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(document);
  return count;
})()`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const pct = (value: number, base: number) =>
  `${value >= base ? '+' : ''}${(((value - base) / base) * 100).toFixed(1)} %`;

await main();

async function main() {
  const tmp = tempDir('atlas-bench-soak-');
  const dbFile = join(tmp.dir, 'atlas.db');
  copyFileSync(await seededTemplate(), dbFile);
  // The same database and secrets file across the restart: the link's token opens on the new process too.
  const env = {
    ATLAS_AUTH_SECRET: CHILD_AUTH_SECRET,
    ATLAS_DB: dbFile,
    ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json'),
  };
  let server: ChildServer = await startChildServer({ env });
  const port = server.port;
  const browser = await launchChromium();
  try {
    await setRefreshInterval(server.url, 'ops-wall', 1);
    const link = await createPublicLink(server.url, 'ops-wall', 'wall soak');
    console.log(
      `wall soak: ops-wall's public page (kiosk) in Chromium, 1 s refresh, ${MINUTES} minutes, restart after ${MINUTES / 2} min ` +
        `(${RESTART_GAP_S} s down) — ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}, server: ${server.entry.label}`,
    );
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // Answered: 200, or a revalidated 304 (Chromium's HTTP cache hands the page its kept 200 then).
    const tally = { answered: 0, failed: 0 };
    let layoutOkAt = 0;
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.startsWith('/api/public/')) return;
      if (response.status() === 200 || response.status() === 304) {
        tally.answered++;
        if (!path.includes('/widgets/')) layoutOkAt = Date.now();
      } else tally.failed++;
    });
    page.on('requestfailed', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/public/')) tally.failed++;
    });
    await page.goto(`${server.url}/public/${link.token}?kiosk=1`);
    await waitFor(
      page,
      async () => (await viewerStatus(page)).status === 'ready',
      30_000,
      'the viewer to show the dashboard',
    );

    const started = Date.now();
    const samples: Sample[] = [];
    let restart: Restart | undefined;
    const restartAt = started + MINUTES * 30_000;
    console.log('\nminute  heap MB  Δ heap    DOM nodes  Δ nodes  tree nodes  listeners  answered  failed  viewer');
    for (let minute = 1; minute <= MINUTES; minute++) {
      const due = started + minute * 60_000;
      if (!restart && restartAt < due) {
        await sleep(Math.max(0, restartAt - Date.now()));
        restart = await restartServer();
        console.log(
          `  (restart: stopped at ${(restart.at / 60_000).toFixed(2)} min, up again after ${restart.downSeconds.toFixed(1)} s; ` +
            `viewer ${restart.recovered ? `recovered by itself ${restart.seconds.toFixed(1)} s later` : `NOT recovered within ${RECOVERY_LIMIT_MS / 1000} s`})`,
        );
      }
      await sleep(Math.max(0, due - Date.now()));
      const sample = await measure(cdp, page, minute, tally);
      tally.answered = tally.failed = 0;
      samples.push(sample);
      const base = samples[0]!;
      console.log(
        `${String(minute).padStart(6)} ${mb(sample.heapUsed).padStart(8)} ${pct(sample.heapUsed, base.heapUsed).padStart(8)} ` +
          `${String(sample.nodes).padStart(11)} ${pct(sample.nodes, base.nodes).padStart(8)} ${String(sample.treeNodes).padStart(11)} ` +
          `${String(sample.listeners).padStart(10)} ${String(sample.answered).padStart(9)} ${String(sample.failed).padStart(7)}  ${sample.status}`,
      );
    }

    /** Stops the server (SIGTERM), leaves it down, starts it on the same port and waits for the viewer to be back. */
    async function restartServer(): Promise<Restart> {
      const before = tally.failed;
      const at = Date.now();
      await server.stop();
      await sleep(RESTART_GAP_S * 1000);
      server = await startChildServer({ env, port });
      const upAt = Date.now();
      let recovered = true;
      try {
        await waitFor(
          page,
          async () => {
            const { status, stale } = await viewerStatus(page);
            return layoutOkAt > upAt && status === 'ready' && !stale;
          },
          RECOVERY_LIMIT_MS,
          'the viewer to recover',
        );
      } catch {
        recovered = false;
      }
      return {
        at: at - started,
        downSeconds: (upAt - at) / 1000,
        recovered,
        seconds: (Date.now() - upAt) / 1000,
        failedDuring: tally.failed - before,
      };
    }

    const first = samples[0]!;
    const last = samples.at(-1)!;
    const maxHeap = Math.max(...samples.map((s) => s.heapUsed));
    const maxNodes = Math.max(...samples.map((s) => s.nodes));
    const within = (value: number, base: number) => Math.abs(value - base) <= base * 0.05;
    console.log(
      `\nminute ${MINUTES} against minute 1: JS heap ${pct(last.heapUsed, first.heapUsed)} (largest sample ${pct(maxHeap, first.heapUsed)}), ` +
        `DOM nodes ${pct(last.nodes, first.nodes)} (largest ${pct(maxNodes, first.nodes)})`,
    );
    // A leak grows; a heap that settles lower after minute 1 is warm-up garbage gone, so both readings are printed.
    console.log(
      `goal, no growth beyond 5 % (largest sample): ${maxHeap <= first.heapUsed * 1.05 && maxNodes <= first.nodes * 1.05 ? 'met' : 'NOT met'}; ` +
        `flat within ±5 % at the end: ${within(last.heapUsed, first.heapUsed) && within(last.nodes, first.nodes) ? 'yes' : 'no'}`,
    );
    // Warm-up is not a leak: heap snapshots of this page show its objects flat from refresh to refresh, and what grows
    // over the first minutes is V8's optimized code for the viewer's long-lived functions (more of it once the
    // restart has run the error and stale paths). So the steady state is also read from the first whole minute after
    // the restart to the end.
    const steadyFrom = Math.floor((restart?.at ?? 0) / 60_000) + 2;
    const steady = samples.filter((s) => s.minute >= steadyFrom);
    if (steady.length >= 2) {
      const base = steady[0]!;
      const maxSteady = Math.max(...steady.map((s) => s.heapUsed));
      console.log(
        `after warm-up (minute ${base.minute} to ${last.minute}): JS heap ${pct(last.heapUsed, base.heapUsed)} (largest sample ` +
          `${pct(maxSteady, base.heapUsed)}), DOM nodes ${pct(last.nodes, base.nodes)}; within 5 %: ` +
          `${maxSteady <= base.heapUsed * 1.05 && within(last.nodes, base.nodes) ? 'yes' : 'no'}`,
      );
    }
    console.log(
      `restart: ${restart?.recovered ? `the viewer recovered by itself in ${restart.seconds.toFixed(1)} s` : 'the viewer did NOT recover'} ` +
        `(${restart?.failedDuring ?? 0} public requests failed meanwhile, no page reload)`,
    );
  } finally {
    await browser.close();
    await server.stop();
    tmp.cleanup();
  }
}

/** The dashboard's refresh interval, as its owner sets it. */
async function setRefreshInterval(baseUrl: string, dashboardId: string, seconds: number): Promise<void> {
  const res = await fetch(`${baseUrl}/api/dashboards/${dashboardId}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${await signTestToken('alice')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshInterval: seconds }),
  });
  if (!res.ok) throw new Error(`setting the refresh interval: ${res.status} ${await res.text()}`);
}

async function viewerStatus(page: Page): Promise<{ status: string; stale: boolean }> {
  return page.evaluate(() => {
    const viewer = document.querySelector('atlas-public-viewer') as
      (Element & { status?: string; stale?: boolean }) | null;
    return { status: viewer?.status ?? 'missing', stale: viewer?.stale ?? false };
  });
}

async function waitFor(page: Page, check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (${JSON.stringify(await viewerStatus(page))})`);
    await sleep(250);
  }
}

async function measure(
  cdp: CDPSession,
  page: Page,
  minute: number,
  tally: { answered: number; failed: number },
): Promise<Sample> {
  // Twice: a first collection can leave objects that only a second one frees (weak maps, finalizers).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const treeNodes = await page.evaluate<number>(COUNT_TREE_NODES);
  const { status, stale } = await viewerStatus(page);
  return {
    minute,
    heapUsed: metric('JSHeapUsedSize'),
    heapTotal: metric('JSHeapTotalSize'),
    nodes: metric('Nodes'),
    treeNodes,
    listeners: metric('JSEventListeners'),
    ...tally,
    status: stale ? `${status} (stale)` : status,
  };
}
