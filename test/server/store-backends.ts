/**
 * The two stores a test can run on: a SQLite file and a fresh PostgreSQL database (skipped, with the reason, where
 * PostgreSQL is not available). `emptyBackends` are migrated and empty (the store tests fill them);
 * `seededBackends` hold the demo data (a copy of the seeded template on SQLite), for the real app.
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

export interface StoreBackend {
  name: string;
  skip: string | false;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

export const emptyBackends: StoreBackend[] = [
  {
    name: 'SQLite file',
    skip: false,
    async open() {
      const tmp = tempDir('atlas-store-');
      const store = openSqliteStore(join(tmp.dir, 'store.db'));
      return { store, cleanup: async () => (await store.close(), tmp.cleanup()) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgForTests.skip,
    async open() {
      if (!pgForTests.available) throw new Error(pgForTests.reason);
      const db = await pgForTests.createDatabase();
      const store = await openStore(db.url);
      return { store, cleanup: async () => (await store.close(), await db.drop()) };
    },
  },
];

export const seededBackends: StoreBackend[] = [
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
