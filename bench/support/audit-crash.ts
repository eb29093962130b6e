// Kill -9 under public load (SPEC L8, O4): the shared core of bench/audit-crash.ts and
// test/server/audit-crash.test.ts. The real server runs as a child process on a temp SQLite file; this process puts
// public load (layout + widget data) on one link, counts the responses whose status line it received, kills the
// child with SIGKILL in the middle of the load, then counts the audit rows of that link in the database file.
// Audit table (server/store/shared/migrations/001_init.sql): audit_events(link_id, route, outcome, …); the public
// layout is route 'dashboard', widget data 'widget_data'.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededTemplate, tempDir } from '../../test/server/helpers.js';
import {
  CHILD_AUTH_SECRET,
  createPublicLink,
  startChildServer,
  type ChildServer,
  type ServerEntry,
} from './child-server.js';
import { StatusTally, get, keepAliveAgent, runLanes } from './http-load.js';

export interface AuditCrashOptions {
  /** Parallel clients (each with its own keep-alive connection). */
  concurrency: number;
  /** SIGKILL once this many responses have been received… */
  killAfterResponses: number;
  /** …or after this long under load, whichever comes first. */
  killAfterMs: number;
  /** How the server is started (default: serverEntry('auto')). */
  entry?: ServerEntry;
  /** Copy the seeded test template instead of letting the child seed the demo (faster when ATLAS_TEST_TEMPLATE_DB is set). */
  useTemplate?: boolean;
  log?: (line: string) => void;
}

export interface RouteFigures {
  /** Responses whose status line reached the client, by status. */
  completed: number;
  statuses: StatusTally;
  /** Audit rows of the link for this route found in the database after the kill. */
  rows: number;
}

export interface AuditCrashResult {
  entry: string;
  routes: Record<'dashboard' | 'widget_data', RouteFigures>;
  completed: number;
  rows: number;
  /** Completed responses without an audit row (per route, never below 0). */
  lost: number;
  /** Requests cut by the kill (no status received). */
  cut: number;
  /** Time under load before the kill, and how the child ended. */
  loadMs: number;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  /** Audit rows of the link by route and outcome, as found in the database. */
  rowsByRouteOutcome: Record<string, number>;
}

const ROUTES = ['dashboard', 'widget_data'] as const;

export async function runAuditCrash(options: AuditCrashOptions): Promise<AuditCrashResult> {
  const log = options.log ?? (() => {});
  const tmp = tempDir('atlas-audit-crash-');
  const dbFile = join(tmp.dir, 'atlas.db');
  let server: ChildServer | undefined;
  const agent = keepAliveAgent(options.concurrency);
  try {
    if (options.useTemplate) copyFileSync(await seededTemplate(), dbFile);
    const started = performance.now();
    server = await startChildServer({
      entry: options.entry,
      env: {
        ATLAS_DB: dbFile,
        ATLAS_DEMO: '1',
        ATLAS_LOG_LEVEL: 'warn',
        ATLAS_AUTH_SECRET: CHILD_AUTH_SECRET,
        ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json'),
      },
    });
    log(
      `server: ${server.entry.label} on ${server.url}, ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const link = await createPublicLink(server.url, 'ops-wall', 'audit crash');
    const base = `${server.url}/api/public/${link.token}`;
    // The layout says which widgets may show data through the link: those are what a screen requests.
    const layout = (await (await fetch(base)).json()) as {
      dashboard: { widgets: { id: string; dataError: unknown }[] };
    };
    const widgets = layout.dashboard.widgets.filter((w) => !w.dataError).map((w) => w.id);
    if (widgets.length === 0) throw new Error('ops-wall shows no widget data through a public link');
    // One layout, then each widget's data, round and round: a wall screen's refresh.
    const targets = [
      { route: 'dashboard' as const, url: base },
      ...widgets.map((id) => ({
        route: 'widget_data' as const,
        url: `${base}/widgets/${encodeURIComponent(id)}/data`,
      })),
    ];
    // The two requests made above (layout) are completed responses of this link too.
    const routes = Object.fromEntries(
      ROUTES.map((r) => [r, { completed: 0, statuses: new StatusTally(), rows: 0 }]),
    ) as AuditCrashResult['routes'];
    routes.dashboard.completed = 1;
    routes.dashboard.statuses.add(200);
    let received = 0;
    let cut = 0;
    let killed = false;
    let next = 0;
    let failure: Error | undefined;
    const loadStarted = performance.now();
    let loadMs = 0;
    const kill = () => {
      if (killed) return;
      killed = true;
      loadMs = performance.now() - loadStarted;
      server!.child.kill('SIGKILL');
    };
    const timer = setTimeout(kill, options.killAfterMs);
    await runLanes(
      options.concurrency,
      () => !killed,
      async () => {
        const target = targets[next++ % targets.length]!;
        try {
          await get(target.url, {
            agent,
            timeoutMs: 10_000,
            onStatus: (status) => {
              // Counted the moment the status arrives: the client has its answer, whatever happens next.
              routes[target.route].completed++;
              routes[target.route].statuses.add(status);
              if (++received >= options.killAfterResponses) kill();
            },
          });
        } catch (err) {
          if (killed) cut++;
          else {
            failure ??= new Error(`a request failed before the kill: ${(err as Error).message}`);
            kill();
          }
        }
      },
    );
    clearTimeout(timer);
    if (failure) throw failure;
    const exit = await server.exited;
    log(
      `load: ${received} responses in ${(loadMs / 1000).toFixed(2)} s, ${options.concurrency} parallel clients, then SIGKILL`,
    );
    // Opening the file read-write replays the WAL the killed process left, as the next start would.
    const db = new Database(dbFile);
    const rowsByRouteOutcome: Record<string, number> = {};
    try {
      const rows = db
        .prepare('SELECT route, outcome, COUNT(*) AS n FROM audit_events WHERE link_id = ? GROUP BY route, outcome')
        .all(link.id) as { route: string; outcome: string; n: number }[];
      for (const { route, outcome, n } of rows) {
        rowsByRouteOutcome[`${route}/${outcome}`] = n;
        if (route === 'dashboard' || route === 'widget_data') routes[route].rows += n;
      }
    } finally {
      db.close();
    }
    const completed = ROUTES.reduce((n, r) => n + routes[r].completed, 0);
    const rows = ROUTES.reduce((n, r) => n + routes[r].rows, 0);
    const lost = ROUTES.reduce((n, r) => n + Math.max(0, routes[r].completed - routes[r].rows), 0);
    return { entry: server.entry.label, routes, completed, rows, lost, cut, loadMs, exit, rowsByRouteOutcome };
  } catch (err) {
    if (server) (err as Error).message += `\n--- server output ---\n${server.output()}`;
    throw err;
  } finally {
    agent.destroy();
    await server?.kill('SIGKILL');
    tmp.cleanup();
  }
}
