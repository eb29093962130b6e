// Kill -9 under public load (issue 13, SPEC L8/O4): how many public responses that a client received have no audit
// row after the server process is killed. The real server runs as a child process (dist/ when it is at least as new
// as server/, else `node --import tsx server/main.ts`) on a temp SQLite file with the demo; this process puts public
// load on one ops-wall link (layout + every widget's data, BENCH_CONCURRENCY parallel keep-alive clients) and sends
// SIGKILL after BENCH_KILL_AFTER_MS of load. Then it opens the database file and compares, per route, the responses
// whose status line arrived with the link's rows in audit_events. Goal: lost 0. Prints figures; asserts nothing.
//   node --import tsx bench/audit-crash.ts   BENCH_CONCURRENCY (16), BENCH_KILL_AFTER_MS (3000), BENCH_ROUNDS (3),
//                                            BENCH_SERVER (auto | dist | tsx)
import { availableParallelism, loadavg } from 'node:os';
import { runAuditCrash } from './support/audit-crash.js';
import { serverEntry } from './support/child-server.js';
import { envInt } from './support/http-load.js';

const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16, 1, 256);
const KILL_AFTER_MS = envInt('BENCH_KILL_AFTER_MS', 3000, 200, 30_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 10);
const prefer = (process.env.BENCH_SERVER ?? 'auto') as 'auto' | 'dist' | 'tsx';
if (!['auto', 'dist', 'tsx'].includes(prefer)) throw new Error(`BENCH_SERVER=${prefer}: use auto, dist or tsx`);
const entry = serverEntry(prefer);

console.log(
  `audit rows after kill -9 under public load — ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}`,
);
console.log(
  `server: ${entry.label}; ${CONCURRENCY} parallel clients on one ops-wall link (layout + widget data), SIGKILL after ${KILL_AFTER_MS} ms of load; ${ROUNDS} rounds, a fresh server and database each`,
);
let totalCompleted = 0;
let totalLost = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const r = await runAuditCrash({
    concurrency: CONCURRENCY,
    killAfterMs: KILL_AFTER_MS,
    killAfterResponses: Number.MAX_SAFE_INTEGER,
    entry,
    log: (line) => console.log(`  ${line}`),
  });
  totalCompleted += r.completed;
  totalLost += r.lost;
  console.log(
    `round ${round}: ${(r.completed / (r.loadMs / 1000)).toFixed(0)} responses/s until the kill; child ended by ${r.exit.signal ?? `exit code ${r.exit.code}`}; ${r.cut} requests cut by the kill`,
  );
  for (const [route, f] of Object.entries(r.routes)) {
    const lost = Math.max(0, f.completed - f.rows);
    console.log(
      `  ${route.padEnd(12)} completed ${String(f.completed).padStart(6)}   audit rows ${String(f.rows).padStart(6)}   lost ${String(lost).padStart(5)}   (${f.statuses.describe()})`,
    );
  }
  console.log(`  audit rows by route/outcome: ${JSON.stringify(r.rowsByRouteOutcome)}`);
  console.log(
    `  completed ${r.completed}, rows ${r.rows}, lost ${r.lost} (${((100 * r.lost) / Math.max(1, r.completed)).toFixed(1)} %)   (goal: lost 0)`,
  );
}
console.log('');
console.log(
  `all rounds: completed ${totalCompleted}, lost ${totalLost} (${((100 * totalLost) / Math.max(1, totalCompleted)).toFixed(1)} %)   (goal: lost 0)`,
);
