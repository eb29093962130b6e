/**
 * The two stores a test can run the real app on, each seeded with the demo data: a SQLite file (a copy of the seeded
 * template) and a fresh PostgreSQL database (skipped, with the reason, where PostgreSQL is not available).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../server/store/index.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store } from '../../server/store/types.js';
import { seedDemo } from '../../server/demo/seed.js';
import { postgresForTests, type TestDatabase } from '../support/postgres.js';
import { seededTemplate, tempDir } from './helpers.js';

const pgForTests = await postgresForTests();

export interface SeededBackend {
  name: string;
  skip: string | false;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

export const seededBackends: SeededBackend[] = [
  {
    name: 'SQLite file',
    skip: false,
    async open() {
      const tmp = tempDir('atlas-states-');
      const file = join(tmp.dir, 'atlas.db');
      copyFileSync(await seededTemplate(), file);
      return { store: openSqliteStore(file), cleanup: async () => tmp.cleanup() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgForTests.skip,
    async open() {
      if (!pgForTests.available) throw new Error(pgForTests.reason);
      const db: TestDatabase = await pgForTests.createDatabase();
      const store = await openStore(db.url);
      await seedDemo(store);
      return { store, cleanup: () => db.drop() };
    },
  },
];
