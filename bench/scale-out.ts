// Prints public-layout requests/s (GET /api/public/:token, SPEC V1) for one server process on SQLite, one on
// PostgreSQL and two on PostgreSQL sharing one database (SPEC O3), in one run. Loopback only; each figure is a fixed,
// bounded number of requests after a short warm-up, spread round-robin over the processes under test.
//   node --import tsx bench/scale-out.ts   BENCH_REQUESTS (4000) per figure, BENCH_CONCURRENCY (32)
// PostgreSQL comes from test/support/postgres.ts (ATLAS_TEST_PG_URL, or the local cluster started as in the tests).
// The load generator runs in this process, on the same machine: with few cores, the servers and the client compete,
// so compare the three figures with each other (cores are printed), not with other machines.
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresForTests, type TestDatabase } from '../test/support/postgres.js';
import { TEST_SECRET, signTestToken, tempDir } from '../test/server/helpers.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Math.min(500, REQUESTS);
const root = fileURLToPath(new URL('..', import.meta.url));
// The sources through tsx (transpiled once at start-up, then the same JavaScript as dist/): a stale dist/ must not
// measure yesterday's server.
const entry = ['--import', 'tsx', 'server/main.ts'];

interface Proc {
  url: string;
  child: ChildProcess;
}

function start(env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, entry, {
    cwd: root,
    env: {
      ...process.env,
      ATLAS_PORT: '0',
      ATLAS_HOST: '127.0.0.1',
      ATLAS_LOG_LEVEL: 'info',
      ATLAS_DEMO: '1',
      ATLAS_AUTH_SECRET: TEST_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (c) => (log += c));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
    child.stdout!.on('data', (chunk) => {
      log += chunk;
      // pino writes `msg` after the fields: find the line, then its port.
      const m = /"port":(\d+)[^\n]*"msg":"listening"/.exec(log);
      if (!m) return;
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ url: `http://127.0.0.1:${m[1]}`, child });
    });
  });
}

const stop = (p: Proc) =>
  new Promise<void>((done) => {
    if (p.child.exitCode !== null) return done();
    p.child.once('exit', () => done());
    p.child.kill('SIGTERM');
  });

async function publicLink(server: Proc): Promise<string> {
  const token = await signTestToken('alice');
  const res = await fetch(`${server.url}/api/dashboards/ops-wall/public-links`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: 'scale-out bench' }),
  });
  if (res.status !== 201) throw new Error(`creating a link: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { link: { token: string } }).link.token;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const get = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

/** `count` requests, CONCURRENCY at a time, round-robin over the servers; every answer must be 200. */
async function fire(urls: string[], count: number): Promise<number> {
  let next = 0;
  let bad = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      if ((await get(urls[i % urls.length]!)) !== 200) bad++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (bad) throw new Error(`${bad} of ${count} requests did not answer 200`);
  return count / seconds;
}

async function measure(label: string, servers: Proc[], token: string) {
  const urls = servers.map((s) => `${s.url}/api/public/${token}`);
  await fire(urls, WARMUP);
  const rps = await fire(urls, REQUESTS);
  console.log(
    `${label.padEnd(40)} ${rps.toFixed(0).padStart(7)} req/s   (${REQUESTS} requests, concurrency ${CONCURRENCY})`,
  );
  return rps;
}

console.log(
  `public layout, GET /api/public/:token — ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, server: node ${entry.join(' ')}`,
);

const pg = await postgresForTests();
const tmp = tempDir('atlas-bench-scale-');
const running: Proc[] = [];
let db: TestDatabase | undefined;
try {
  const sqlite = await start({
    ATLAS_DB: join(tmp.dir, 'bench.db'),
    ATLAS_SECRETS_FILE: join(tmp.dir, 'sqlite-secrets.json'),
  });
  running.push(sqlite);
  await measure('1 process, SQLite', [sqlite], await publicLink(sqlite));
  await stop(sqlite);

  if (!pg.available) {
    console.log(`PostgreSQL figures skipped: ${pg.reason}`);
  } else {
    db = await pg.createDatabase();
    const env = { ATLAS_DB: db.url, ATLAS_SECRETS_FILE: join(tmp.dir, 'pg-secrets.json') };
    // The first process seeds the demo (once per database); the second finds it seeded.
    const a = await start(env);
    running.push(a);
    const token = await publicLink(a);
    await measure('1 process, PostgreSQL', [a], token);
    const b = await start(env);
    running.push(b);
    await measure('2 processes, one PostgreSQL database', [a, b], token);
  }
} finally {
  agent.destroy();
  await Promise.all(running.map(stop));
  await db?.drop();
  tmp.cleanup();
}
