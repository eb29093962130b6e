// The real server (server/main.ts) as a child process on a loopback port, for measurements that need a separate
// process: killing it with SIGKILL, or keeping the load generator's CPU apart from the server's.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET, signTestToken } from '../../test/server/helpers.js';
import { assertLoopback } from './http-load.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerEntry {
  args: string[];
  label: string;
}

/** The newest modification time of the server's sources (server/**\/*.ts). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'dist' && entry.name !== 'node_modules') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts') || entry.name.endsWith('.sql'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * How to start the server. `tsx`: the sources (transpiled at start-up). `dist`: the build, when it exists. `auto`:
 * the build when it exists and is not older than any server source (`npm test` builds first), else the sources, so
 * an edit made since the last build is never measured (or tested) through yesterday's dist/.
 */
export function serverEntry(prefer: 'auto' | 'dist' | 'tsx' = 'auto'): ServerEntry {
  const tsx = { args: ['--import', 'tsx', 'server/main.ts'], label: 'node --import tsx server/main.ts' };
  const built = join(ROOT, 'server/dist/main.js');
  if (prefer === 'tsx' || !existsSync(built)) {
    if (prefer === 'dist') throw new Error('server/dist/main.js is missing: run `npm run build` first');
    return tsx;
  }
  const dist = { args: ['server/dist/main.js'], label: 'node server/dist/main.js' };
  if (prefer === 'dist') return dist;
  const stale = newestSource(join(ROOT, 'server')) > statSync(built).mtimeMs;
  return stale ? { ...tsx, label: `${tsx.label} (dist/ is older than server/)` } : dist;
}

/** A port nothing listens on right now (the child may still lose a race for it: startChildServer retries). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  url: string;
  port: number;
  child: ChildProcess;
  entry: ServerEntry;
  /** The child's stdout and stderr so far (the last 64 KB). */
  output(): string;
  /** Resolves with the exit code and signal once the child is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal (SIGKILL: no shutdown hook runs) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`; resolves once the child is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface ChildServerOptions {
  /** ATLAS_* settings; ATLAS_HOST and ATLAS_PORT are chosen here. ATLAS_* variables of this process are not passed on. */
  env: Record<string, string>;
  entry?: ServerEntry;
  /** How long start-up (demo seeding included) may take before /healthz answers. */
  readyTimeoutMs?: number;
  /** Listen on this port (a restart where clients already point); otherwise a free one is chosen. */
  port?: number;
}

const running = new Set<ChildProcess>();
// A benchmark or test that dies must not leave a server behind.
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the server on a free loopback port and resolves once GET /healthz answers 200. */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const entry = options.entry ?? serverEntry();
  if (options.port !== undefined) return startOn(options.port, entry, options);
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port, entry, options);
    } catch (err) {
      lastError = err as Error;
      // Someone took the port between the probe and the child's listen: try another one.
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError!;
}

async function startOn(port: number, entry: ServerEntry, options: ChildServerOptions): Promise<ChildServer> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ATLAS_')));
  const child = spawn(process.execPath, entry.args, {
    cwd: ROOT,
    env: { ...inherited, ATLAS_LOG_LEVEL: 'warn', ...options.env, ATLAS_HOST: '127.0.0.1', ATLAS_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let gone = false;
  void exited.then(() => (gone = true));
  const kill = (signal: NodeJS.Signals) => {
    if (!gone) child.kill(signal);
    return exited;
  };
  const url = `http://127.0.0.1:${port}`;
  assertLoopback(url);
  const deadline = performance.now() + (options.readyTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (gone) throw new Error(`the server exited before it was ready (${JSON.stringify(await exited)}):\n${output}`);
      if (performance.now() > deadline)
        throw new Error(`the server was not ready within ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`);
      const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
        async (res) => {
          await res.arrayBuffer();
          return res.status === 200;
        },
        () => false,
      );
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (err) {
    await kill('SIGKILL');
    throw err;
  }
  return {
    url,
    port,
    child,
    entry,
    output: () => output,
    exited,
    kill,
    async stop(graceMs = 10_000) {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The secret startChildServer's callers pass as ATLAS_AUTH_SECRET, so host tokens can be signed here. */
export const CHILD_AUTH_SECRET = TEST_SECRET;

/** Creates a public link on a dashboard as alice (needs the server to run with CHILD_AUTH_SECRET / TEST_SECRET). */
export async function createPublicLink(
  baseUrl: string,
  dashboardId: string,
  label: string,
): Promise<{ id: string; token: string }> {
  assertLoopback(baseUrl);
  const token = await signTestToken('alice');
  const res = await fetch(`${baseUrl}/api/dashboards/${encodeURIComponent(dashboardId)}/public-links`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label }),
  });
  if (res.status !== 201)
    throw new Error(`creating a public link on ${dashboardId}: ${res.status} ${await res.text()}`);
  const { link } = (await res.json()) as { link: { id: string; token: string } };
  return { id: link.id, token: link.token };
}
