/**
 * Several stateless server processes on one PostgreSQL database (SPEC O3): two real `server/main.ts` processes on
 * different ports, the same ATLAS_AUTH_SECRET and secrets file, one database. Whatever one process changes, the
 * other enforces on its very next request, because none of it lives in process memory.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresForTests, type TestDatabase } from '../support/postgres.js';
import { TEST_SECRET, signTestToken, tempDir } from './helpers.js';

const pgForTests = await postgresForTests();
const root = fileURLToPath(new URL('../..', import.meta.url));

interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts `node --import tsx server/main.ts` on a free port and resolves once it logs that it is listening. */
function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, ATLAS_PORT: '0', ATLAS_HOST: '127.0.0.1', ATLAS_LOG_LEVEL: 'info', ATLAS_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    const fail = (why: string) => reject(new Error(`${why}\n${output.join('')}`));
    child.stderr!.on('data', (chunk) => output.push(String(chunk)));
    child.once('exit', (code) => fail(`server exited with ${code} before listening`));
    child.stdout!.on('data', (chunk) => {
      output.push(String(chunk));
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg !== 'listening' || !entry.port) continue;
        child.removeAllListeners('exit');
        const url = `http://127.0.0.1:${entry.port}`;
        resolve({
          url,
          child,
          output,
          request(path, init = {}) {
            const headers = new Headers(init.headers);
            if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
            let body = init.body;
            if (init.json !== undefined) {
              headers.set('Content-Type', 'application/json');
              body = JSON.stringify(init.json);
            }
            return fetch(url + path, { ...init, headers, body });
          },
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

describe('Two server processes on one PostgreSQL database', { skip: pgForTests.skip }, () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let tmp: ReturnType<typeof tempDir>;
  let alice: string;
  let bob: string;
  let dashboardId: string;

  before(async () => {
    if (!pgForTests.available) throw new Error(pgForTests.reason);
    db = await pgForTests.createDatabase();
    tmp = tempDir('atlas-multi-');
    const env = { ATLAS_DB: db.url, ATLAS_AUTH_SECRET: TEST_SECRET, ATLAS_SECRETS_FILE: join(tmp.dir, 'secrets.json') };
    // Started together on an empty database: the migrations' advisory lock lets exactly one create the schema.
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    alice = await signTestToken('alice');
    bob = await signTestToken('bob');
    // Bob signs in on B first, so he exists for A to share with (just-in-time provisioning, in the database).
    assert.equal((await b.request('/api/me', { token: bob })).status, 200);
    const created = await a.request('/api/dashboards', {
      token: alice,
      method: 'POST',
      json: { projectId: 'ops', title: 'Shared wall' },
    });
    assert.equal(created.status, 201);
    dashboardId = ((await created.json()) as { dashboard: { id: string } }).dashboard.id;
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    tmp?.cleanup();
  });

  const createLink = async (server: ServerProcess, body: Record<string, unknown> = {}) => {
    const res = await server.request(`/api/dashboards/${dashboardId}/public-links`, {
      token: alice,
      method: 'POST',
      json: body,
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { link: { id: string; token: string; passcode?: string } }).link;
  };

  test('O3/L3: a link revoked through server A answers 403 on server B at once', async () => {
    const link = await createLink(a);
    assert.equal((await b.request(`/api/public/${link.token}`)).status, 200);
    const revoked = await a.request(`/api/dashboards/${dashboardId}/public-links/${link.id}`, {
      token: alice,
      method: 'DELETE',
    });
    assert.equal(revoked.status, 204);
    const res = await b.request(`/api/public/${link.token}`);
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'link_unavailable');
  });

  test('O3/L6: wrong passcodes spread across A and B still hit the limit after 5', async () => {
    const link = await createLink(b, { passcode: true });
    const servers = [a, b, a, b, a];
    for (const [i, server] of servers.entries()) {
      const res = await server.request(`/api/public/${link.token}/session`, {
        method: 'POST',
        json: { passcode: 'WRONG-CODE' },
      });
      assert.equal(res.status, 401, `attempt ${i + 1} is refused as a wrong passcode`);
    }
    for (const server of [b, a]) {
      const res = await server.request(`/api/public/${link.token}/session`, {
        method: 'POST',
        json: { passcode: link.passcode },
      });
      assert.equal(res.status, 429, 'the sixth attempt is limited on either process, even with the right passcode');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'too_many_attempts');
    }
  });

  test('O3/L6: a parallel burst of wrong passcodes across A and B gets no more than 5 tries through', async () => {
    const link = await createLink(a, { passcode: true });
    const statuses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        (i % 2 ? b : a)
          .request(`/api/public/${link.token}/session`, { method: 'POST', json: { passcode: 'WRONG-CODE' } })
          .then((res) => res.status),
      ),
    );
    const compared = statuses.filter((s) => s === 401).length;
    assert.ok(compared >= 1 && compared <= 5, `${compared} of 24 parallel guesses were compared`);
    assert.equal(statuses.filter((s) => s === 429).length, 24 - compared);
  });

  test('O3/L4: a passcode changed on B ends a session opened on A', async () => {
    const link = await createLink(a, { passcode: true });
    const opened = await a.request(`/api/public/${link.token}/session`, {
      method: 'POST',
      json: { passcode: link.passcode },
    });
    assert.equal(opened.status, 200);
    const { session } = (await opened.json()) as { session: string };
    assert.equal((await b.request(`/api/public/${link.token}`, { token: session })).status, 200);
    const regenerated = await b.request(`/api/dashboards/${dashboardId}/public-links/${link.id}/passcode`, {
      token: alice,
      method: 'POST',
    });
    assert.equal(regenerated.status, 200);
    for (const server of [a, b]) {
      const res = await server.request(`/api/public/${link.token}`, { token: session });
      assert.equal(res.status, 401);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'passcode_required');
    }
  });

  test("O3/L8: audit rows written by both processes are counted in the owner's link list", async () => {
    const link = await createLink(a, { label: 'Both' });
    for (const server of [a, a, b, b, b]) assert.equal((await server.request(`/api/public/${link.token}`)).status, 200);
    // Each process flushes its own queued audit rows before it reads the owner's list; reading on A then on B has
    // both processes' rows in the database when B answers.
    assert.equal((await a.request(`/api/dashboards/${dashboardId}/public-links`, { token: alice })).status, 200);
    const res = await b.request(`/api/dashboards/${dashboardId}/public-links`, { token: alice });
    const { links } = (await res.json()) as {
      links: { id: string; accessCount: number; lastAccessAt: string | null }[];
    };
    const listed = links.find((l) => l.id === link.id)!;
    assert.equal(listed.accessCount, 5);
    assert.ok(listed.lastAccessAt);
  });

  test('O3/U3: a share removed on A takes effect on B at once', async () => {
    const shared = await a.request(`/api/dashboards/${dashboardId}/shares`, {
      token: alice,
      method: 'POST',
      json: { username: 'bob', role: 'viewer' },
    });
    assert.equal(shared.status, 201);
    assert.equal((await b.request(`/api/dashboards/${dashboardId}`, { token: bob })).status, 200);
    const removed = await a.request(`/api/dashboards/${dashboardId}/shares/bob`, { token: alice, method: 'DELETE' });
    assert.equal(removed.status, 204);
    assert.equal((await b.request(`/api/dashboards/${dashboardId}`, { token: bob })).status, 404);
    const list = (await (await b.request('/api/dashboards', { token: bob })).json()) as {
      dashboards: { id: string }[];
    };
    assert.ok(!list.dashboards.some((d) => d.id === dashboardId));
  });
});
