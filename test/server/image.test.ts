/**
 * Issue 18 (Operations): the container image's build steps, run on this machine as CI cannot run Docker. The
 * workspace is copied as the Dockerfile's `COPY . .` sees it (tracked files minus .dockerignore), built by
 * scripts/image-build.sh exactly as the build stage runs it, and the output is started as the final stage would
 * (`node server/dist/main.js`, a SQLite file in its own folder, NODE_ENV=production) and probed by the HEALTHCHECK's
 * own script. Slow (a clean `npm ci`, a build): a few minutes on a busy machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { tempDir } from './helpers.js';

const root = join(import.meta.dirname, '../..');

/** What `COPY . .` brings in: git's files as they are in the working tree, minus the .dockerignore patterns. */
function copyBuildContext(to: string): number {
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const matches = (path: string) =>
    ignored.some((pattern) => {
      const source = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '(?:.*/)?')
        .replace(/\*/g, '[^/]*');
      return new RegExp(`^${source}(?:/.*)?$`).test(path);
    });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root })
    .toString()
    .split('\0')
    .filter((path) => path && !matches(path) && existsSync(join(root, path)) && statSync(join(root, path)).isFile());
  for (const path of files) {
    mkdirSync(dirname(join(to, path)), { recursive: true });
    copyFileSync(join(root, path), join(to, path));
  }
  return files.length;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('the image build script installs, builds and prunes; the result serves /healthz as the HEALTHCHECK probes it', async (t) => {
  const tmp = tempDir('atlas-image-');
  try {
    const src = join(tmp.dir, 'src');
    const app = join(tmp.dir, 'app');
    const data = join(tmp.dir, 'data');
    mkdirSync(data);
    const copied = copyBuildContext(src);
    assert.ok(copied > 100, `${copied} files in the build context`);
    assert.ok(!existsSync(join(src, 'node_modules')) && !existsSync(join(src, 'test')));

    const started = Date.now();
    // Two shortcuts, the steps unchanged: the machine's npm cache serves what it has (--prefer-offline; the
    // Dockerfile runs the script without it), and better-sqlite3's own installer (prebuild-install) finds the native
    // module this checkout already built as a local prebuild, instead of compiling SQLite for minutes.
    const prebuilds = join(tmp.dir, 'prebuilds');
    mkdirSync(prebuilds);
    const sqlite = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as { version: string };
    const tarball = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    execFileSync('tar', ['-czf', join(prebuilds, tarball), '-C', sqlite, 'build/Release/better_sqlite3.node']);
    const build = await run('sh', ['scripts/image-build.sh', src, app], {
      cwd: src,
      env: {
        ...process.env,
        ATLAS_IMAGE_NPM_FLAGS: '--prefer-offline',
        npm_config_better_sqlite3_local_prebuilds: prebuilds,
      },
    });
    t.diagnostic(`image build: ${Math.round((Date.now() - started) / 1000)} s`);
    assert.equal(build.code, 0, build.output.slice(-3000));

    // Production dependencies only, the built packages, the demo pages and the health check.
    for (const path of [
      'server/dist/main.js',
      'contract/dist/index.js',
      'components/dist/browser/atlas.js',
      'demo/index.html',
      'scripts/healthcheck.mjs',
      'node_modules/express',
      'node_modules/pino',
      'node_modules/@atlas-sharing/server',
    ])
      assert.ok(existsSync(join(app, path)), `${path} in the image`);
    for (const dev of ['typescript', 'eslint', 'tsx', 'esbuild'])
      assert.ok(!existsSync(join(app, 'node_modules', dev)), `${dev} (a dev dependency) pruned`);

    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      ATLAS_HOST: '127.0.0.1',
      ATLAS_PORT: String(port),
      ATLAS_DB: join(data, 'atlas.db'),
      ATLAS_SECRETS_FILE: join(data, 'atlas-secrets.json'),
      ATLAS_AUTH_SECRET: 'image-test-secret-that-is-long-enough-0123456789',
    };
    const health = () => run(process.execPath, ['scripts/healthcheck.mjs'], { cwd: app, env });
    assert.equal((await health()).code, 1, 'the health check fails while nothing listens');
    const server = spawn(process.execPath, ['server/dist/main.js'], {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    server.stdout.on('data', (chunk) => (log += chunk));
    server.stderr.on('data', (chunk) => (log += chunk));
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      const deadline = Date.now() + 60_000;
      let probe = await health();
      while (probe.code !== 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        probe = await health();
      }
      assert.equal(probe.code, 0, `healthy within 60 s; server output: ${log}`);
      const page = await fetch(`http://127.0.0.1:${port}/assets/atlas.js`);
      assert.equal(page.status, 200, 'the browser bundles are served');
      await page.arrayBuffer();
      assert.ok(existsSync(join(data, 'atlas.db')) && existsSync(join(data, 'atlas-secrets.json')), 'state in /data');
      assert.match(log, /"msg":"listening"/);
    } finally {
      server.kill('SIGTERM');
      assert.equal(await exited, 0, `graceful stop; output: ${log}`);
    }
  } finally {
    tmp.cleanup();
  }
});
