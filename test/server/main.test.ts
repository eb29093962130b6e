import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './helpers.js';

const MAIN = join(import.meta.dirname, '../../server/main.ts');

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

test('O2: a bad variable stops start-up with a message naming it', async () => {
  const p = run({ ATLAS_AUTH_SECRET: 'short' });
  assert.equal(await p.exited, 1);
  assert.match(p.err(), /ATLAS_AUTH_SECRET/);
});

test('O1/O4: demo start prints the URLs, serves, and shuts down gracefully on SIGTERM', async () => {
  const tmp = tempDir();
  const p = run({ ATLAS_DEMO: '1', ATLAS_PORT: '0', ATLAS_DB: join(tmp.dir, 'demo.db') });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /(http:\/\/localhost:\d+)\/demo\//.exec(p.out());
        if (m) {
          clearInterval(timer);
          resolve(m[1]!);
        }
      }, 50);
      p.exited.then(() => reject(new Error('exited early: ' + p.err())));
    });
    const health = await fetch(url + '/healthz');
    assert.equal(health.status, 200);
    // Issue 18: the demo's development sign-in stays on this machine unless ATLAS_HOST says otherwise.
    assert.match(p.out(), /"msg":"listening"/);
    assert.match(p.out(), /"host":"127\.0\.0\.1"/);
    assert.match(p.out(), /Listening on 127\.0\.0\.1 only/);
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    assert.match(p.out(), /"msg":"stopped"/);
  } finally {
    p.child.kill('SIGKILL');
    tmp.cleanup();
  }
});

test('issue 18: ATLAS_PORT= (empty) stops start-up naming it, instead of listening on a random port', async () => {
  const tmp = tempDir();
  const p = run({ ATLAS_DEMO: '1', ATLAS_PORT: '', ATLAS_DB: join(tmp.dir, 'demo.db') });
  try {
    assert.equal(await p.exited, 1);
    assert.match(p.err(), /ATLAS_PORT: set but empty/);
  } finally {
    p.child.kill('SIGKILL');
    tmp.cleanup();
  }
});
