/**
 * A real PostgreSQL server for the tests (SPEC O3): the conformance suite and the multi-process test run against it.
 *
 * - ATLAS_TEST_PG_URL (a URL to a database whose role may CREATE DATABASE) overrides everything.
 * - Otherwise the default role atlas_test on 127.0.0.1:5432 is tried; when nothing answers and we are root on a
 *   machine with pg_ctlcluster (Debian's PostgreSQL 15, installed but stopped), the cluster is started and the role
 *   created, as .ci/run does.
 * - Each caller gets a throwaway database, dropped by `drop()`.
 * - When no server can be reached: with CI=true this throws (the suite fails, saying why); without CI the caller gets
 *   a printed reason to skip with, so a developer without PostgreSQL can still run the rest.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';

const DEFAULT_ROLE = 'atlas_test';
const DEFAULT_URL = `postgres://${DEFAULT_ROLE}:${DEFAULT_ROLE}@127.0.0.1:5432/postgres`;
const PG_CTLCLUSTER = '/usr/bin/pg_ctlcluster';

export interface TestDatabase {
  /** Connection URL of the fresh, empty database. */
  url: string;
  drop(): Promise<void>;
}

export type PostgresForTests =
  | { available: true; adminUrl: string; createDatabase(): Promise<TestDatabase>; skip: false }
  | { available: false; reason: string; skip: string };

const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

async function tryConnect(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

const asPostgres = (sql: string) =>
  execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  });

/** Starts the local cluster and creates the test role, when we may (root, Debian's pg_ctlcluster present). */
function bootLocalCluster(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root, so the local cluster cannot be started from the tests';
  if (!existsSync(PG_CTLCLUSTER)) return `${PG_CTLCLUSTER} not found (is PostgreSQL 15 installed?)`;
  try {
    execFileSync(PG_CTLCLUSTER, ['15', 'main', 'start'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: Buffer; stdout?: Buffer };
    const text = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || String(err);
    if (!/already running/i.test(text)) return `pg_ctlcluster 15 main start failed: ${text}`;
  }
  try {
    // Two test files may get here at once: a duplicate role is not an error.
    asPostgres(
      `DO $$ BEGIN
         CREATE ROLE ${DEFAULT_ROLE} LOGIN CREATEDB PASSWORD '${DEFAULT_ROLE}';
       EXCEPTION WHEN duplicate_object OR unique_violation THEN
         ALTER ROLE ${DEFAULT_ROLE} LOGIN CREATEDB PASSWORD '${DEFAULT_ROLE}';
       END $$`,
    );
  } catch (err) {
    return `could not create role ${DEFAULT_ROLE}: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`;
  }
  return undefined;
}

let cached: Promise<PostgresForTests> | undefined;

/** Finds (or starts) a PostgreSQL server once per test process. */
export function postgresForTests(): Promise<PostgresForTests> {
  cached ??= (async (): Promise<PostgresForTests> => {
    const override = process.env.ATLAS_TEST_PG_URL?.trim();
    const adminUrl = override || DEFAULT_URL;
    let error = await tryConnect(adminUrl);
    if (error && !override) {
      const bootError = bootLocalCluster();
      if (bootError) error = `${error}; ${bootError}`;
      else {
        for (let attempt = 0; attempt < 20 && (error = await tryConnect(adminUrl)); attempt++) {
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }
    if (error) {
      const reason =
        `no PostgreSQL server reachable at ${redact(adminUrl)} (${error}). ` +
        'Start one (as root: pg_ctlcluster 15 main start) or set ATLAS_TEST_PG_URL to a database whose role may create databases.';
      if (process.env.CI === 'true' || process.env.CI === '1') {
        throw new Error(`PostgreSQL tests cannot run in CI: ${reason}`);
      }
      process.stderr.write(`\n# SKIPPING PostgreSQL tests: ${reason}\n`);
      return { available: false, reason, skip: `PostgreSQL unavailable: ${reason}` };
    }
    return {
      available: true,
      adminUrl,
      skip: false,
      createDatabase: () => createDatabase(adminUrl),
    };
  })();
  return cached;
}

async function createDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `atlas_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // FORCE: a server process killed mid-test may still hold connections.
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
