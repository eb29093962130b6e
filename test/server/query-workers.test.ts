/**
 * The SQLite query worker pool's time limit (issue 13: SQLite interrupted by time) counts the query, not the boot of
 * the worker thread that runs it: a fresh worker (at start, or after a stuck one was retired) may take longer to
 * start than a short limit on a busy machine, and a query waiting for it must not be refused as too slow.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createQueryWorkerPool } from '../../server/store/sqlite/query-workers.js';

/** Keeps this thread busy, as a loaded server would be, while the worker boots. */
function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

test('a query handed to a worker that is still starting gets its whole time limit once the worker is ready', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-workers-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'q.db');
  new Database(file).close();
  const pool = createQueryWorkerPool(file, 1, 30);
  t.after(() => pool.close());
  const answer = pool.run({ sql: 'SELECT 1 AS one', params: [] });
  // Longer than the limit: had the clock started when the query was handed over, it would have run out by now.
  busyFor(120);
  assert.deepEqual(await answer, [{ one: 1 }]);
});
