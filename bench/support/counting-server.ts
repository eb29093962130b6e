// The app (startTestServer: createApp on a copy of the seeded demo database) in a child process of its own, with the
// Store it is given wrapped by countQueries, so a benchmark can read how many SQL queries the server really ran.
// Why a child process: a load generator in the server's process shares its event loop, and while the server runs a
// synchronous query the client cannot even read the answers already sent, so every latency in a burst would look
// the same. Each child is also a fresh process: no cache of the app or of a module carries over between figures.
// The parent talks to the child over the IPC channel: ready, count, reset, close.
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../server/logger.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { seededTemplate, signTestToken, startTestServer, tempDir } from '../../test/server/helpers.js';
import { countQueries, type QueryCount } from './counting-store.js';
import { assertLoopback } from './http-load.js';

const CHILD_FLAG = 'BENCH_COUNTING_SERVER_CHILD';

type ToChild = { id: number; op: 'count' | 'reset' | 'close' };
type FromChild = { ready: string } | { failed: string } | { id: number; count?: QueryCount };

export interface CountingServer {
  url: string;
  /** A host token for a demo identity (the child runs with the test secret). */
  token(username: string): Promise<string>;
  /** SQL queries (runQuery + iterateQuery) the server started since it started or since resetQueries(). */
  queries(): Promise<QueryCount>;
  resetQueries(): Promise<void>;
  /** Graceful close (audit flush, store close); SIGKILL if that takes more than 30 s. */
  close(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  // Seeded once in this process (or taken from ATLAS_TEST_TEMPLATE_DB) and copied by each child.
  const template = await seededTemplate();
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    // tsx resolved from the repository, wherever the benchmark was started from.
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [CHILD_FLAG]: '1', ATLAS_TEST_TEMPLATE_DB: template },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  let nextId = 0;
  const waiting = new Map<number, (message: FromChild) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`the counting server exited before it was ready (${signal ?? code})`)),
    );
    child.on('message', (message: FromChild) => {
      if ('ready' in message) resolve(message.ready);
      else if ('failed' in message) reject(new Error(`the counting server failed to start: ${message.failed}`));
      else waiting.get(message.id)?.(message);
    });
  });
  assertLoopback(url);
  const ask = (op: ToChild['op']) =>
    new Promise<FromChild>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (message) => {
        waiting.delete(id);
        resolve(message);
      });
      child.send({ id, op } satisfies ToChild, (err) => err && reject(err));
    });
  return {
    url,
    token: (username) => signTestToken(username),
    queries: async () => ((await ask('count')) as { count: QueryCount }).count,
    resetQueries: async () => {
      await ask('reset');
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.send({ id: nextId++, op: 'close' } satisfies ToChild);
      await exited;
      clearTimeout(guard);
    },
  };
}

/** The child: the app on its own copy of the template, its Store counted, answering the parent's questions. */
async function serve(): Promise<void> {
  const send = (message: FromChild) => process.send!(message);
  try {
    const tmp = tempDir('atlas-bench-counted-');
    const dbFile = join(tmp.dir, 'bench.db');
    copyFileSync(await seededTemplate(), dbFile);
    const counted = countQueries(openSqliteStore(dbFile));
    // The real request log runs; its lines go nowhere (as in bench/public.ts).
    const server = await startTestServer({
      dbFile,
      extraDeps: { store: counted.store, logger: createLogger('info', () => {}) },
    });
    process.on('message', async (message: ToChild) => {
      if (message.op === 'count') send({ id: message.id, count: counted.count() });
      else if (message.op === 'reset') {
        counted.reset();
        send({ id: message.id });
      } else if (message.op === 'close') {
        await server.close();
        await counted.store.close();
        tmp.cleanup();
        process.exit(0);
      }
    });
    // The parent gone (killed, crashed): do not stay behind.
    process.on('disconnect', () => process.exit(0));
    send({ ready: server.url });
  } catch (err) {
    send({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  }
}

if (process.env[CHILD_FLAG] === '1' && process.send) await serve();
