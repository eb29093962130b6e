/**
 * L8/O4 under a crash (issue 13): a public response is sent only once its audit row is committed, so killing the
 * server with SIGKILL loses no audit row of a response a client received. The real server (dist/ when it is at least
 * as new as server/, else `node --import tsx server/main.ts`) runs as a child process on a temp SQLite file; a few
 * hundred public requests (layout + widget data) go to one link, the child is killed in the middle of them, and the
 * database file must hold a row for every response whose status line arrived. bench/audit-crash.ts prints the same
 * figures at a larger scale.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAuditCrash } from '../../bench/support/audit-crash.js';

test(
  'L8/O4: after kill -9 under public load, every response a client received has its audit row',
  { timeout: 60_000 },
  async () => {
    const result = await runAuditCrash({
      concurrency: 8,
      // "In the middle of the load": after a few hundred answers, or after 4 s under load on a slow machine.
      killAfterResponses: 300,
      killAfterMs: 4000,
      // The seeded test database (built once per run when the runner passes ATLAS_TEST_TEMPLATE_DB).
      useTemplate: true,
    });
    const figures = Object.entries(result.routes)
      .map(([route, f]) => `${route}: ${f.completed} received (${f.statuses.describe()}), ${f.rows} audit rows`)
      .join('; ');
    assert.equal(result.exit.signal, 'SIGKILL', `the server was killed, not stopped (${JSON.stringify(result.exit)})`);
    assert.ok(result.completed >= 20, `the load reached the server before the kill: ${figures}`);
    const missing = Object.fromEntries(
      Object.entries(result.routes).map(([route, f]) => [route, Math.max(0, f.completed - f.rows)]),
    );
    assert.deepEqual(
      missing,
      { dashboard: 0, widget_data: 0 },
      `${result.lost} of ${result.completed} responses received have no audit row after SIGKILL (${figures}; server: ${result.entry})`,
    );
  },
);
