// Prints how long the demo seed takes on an empty SQLite file (rows generated and written).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../server/store/sqlite/index.js';
import { seedDemo } from '../server/demo/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-seed-'));
const store = openSqliteStore(join(dir, 'seed.db'));
const started = performance.now();
const { rows } = await seedDemo(store);
const ms = performance.now() - started;
console.log(`demo seed: ${rows} rows in ${ms.toFixed(0)} ms (${Math.round(rows / (ms / 1000))} rows/s)`);
await store.close();
rmSync(dir, { recursive: true, force: true });
