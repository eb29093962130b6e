import { spawn } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../server/cli.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { tempDir } from './helpers.js';

test('I1: provision-user creates a user with memberships before their first sign-in', async () => {
  const tmp = tempDir();
  try {
    const db = join(tmp.dir, 'cli.db');
    const code = await runCli(
      [
        'provision-user',
        '--org',
        'northwind',
        '--username',
        'frank',
        '--name',
        'Frank Fox',
        '--project',
        'sales=viewer',
      ],
      db,
    );
    assert.equal(code, 0);
    const store = openSqliteStore(db);
    const user = await store.getUserByUsername('northwind', 'frank');
    assert.equal(user?.name, 'Frank Fox');
    assert.deepEqual(
      user?.memberships.map((m) => [m.projectId, m.role]),
      [['sales', 'viewer']],
    );
    await store.close();
    assert.equal(
      await runCli(['provision-user', '--org', 'northwind', '--username', 'x', '--project', 'sales=admin'], db),
      1,
    );
    assert.equal(await runCli(['nope'], db), 2);
  } finally {
    tmp.cleanup();
  }
});

test('O1: atlas-sharing-server: --help on every command, usage for an unknown one', async () => {
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    for (const command of ['serve', 'provision-user', 'audit']) {
      printed.length = 0;
      assert.equal(await runCli([command, '--help']), 0, command);
      assert.match(printed.join(''), new RegExp(`^usage: atlas-sharing-server ${command}`), command);
    }
    printed.length = 0;
    assert.equal(await runCli(['--help']), 0);
    assert.match(printed.join(''), /commands:[\s\S]*serve[\s\S]*provision-user[\s\S]*audit/);
    printed.length = 0;
    assert.equal(await runCli(['frobnicate']), 2);
    assert.match(printed.join(''), /unknown command 'frobnicate'/);
    assert.equal(await runCli(['serve', '--port', '1']), 2, 'serve is configured by variables, not flags');
    printed.length = 0;
    assert.equal(await runCli(['audit', '--link', 'l1'], ' '), 2, 'ATLAS_DB set empty is refused, as by the server');
    assert.match(printed.join(''), /ATLAS_DB: set but empty/);
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
});

test('O1: `atlas-sharing-server serve` runs the server and stops on SIGTERM', async () => {
  const tmp = tempDir();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../../server/cli.ts'), 'serve'],
    {
      env: {
        PATH: process.env.PATH!,
        ATLAS_DEMO: '1',
        ATLAS_PORT: '0',
        ATLAS_HOST: '127.0.0.1',
        ATLAS_DB: join(tmp.dir, 'serve.db'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /Health:\s+(\S+)/.exec(stdout);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 100);
      setTimeout(() => {
        clearInterval(timer);
        reject(new Error(`no start-up banner: ${stdout}`));
      }, 60_000);
    });
    assert.equal((await fetch(url)).status, 200);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    tmp.cleanup();
  }
});
