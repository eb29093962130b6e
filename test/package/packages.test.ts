/**
 * The published packages, as an integrator gets them (issue 14): `npm pack` of each workspace, the elements package
 * installed into an empty project next to nothing else, then every entry imported and a consumer file type-checked
 * against the installed typings. Needs the build (`npm test` builds first) and the npm registry or npm's cache for
 * lit, @lit/context, the chart modules and zod (CI has just run `npm ci`, so `--prefer-offline` finds them cached).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApi } from '../../contract/index.js';
import { tempDir } from '../server/helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** What the server needs and the elements must never bring along. */
const SERVER_ONLY = [
  'express',
  'better-sqlite3',
  'pg',
  'exceljs',
  'jose',
  'cors',
  'cookie',
  'lru-cache',
  'p-limit',
  '@atlas-sharing/server',
];
/** Installed size limit for the elements with their dependencies (today about 24 MB, zod being a third of it). */
const MAX_INSTALL_MB = 30;

const built = existsSync(join(root, 'components/dist/index.js')) && existsSync(join(root, 'contract/dist/index.js'));
const tmp = tempDir('atlas-packages-');
const app = join(tmp.dir, 'app');
let tarballs: Record<'contract' | 'elements' | 'server', string>;

function duKb(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes / 1024;
}

before(() => {
  if (!built) return;
  const packed = JSON.parse(
    npm(['pack', '--json', '-w', 'contract', '-w', 'components', '-w', 'server', '--pack-destination', tmp.dir], root),
  ) as {
    name: string;
    filename: string;
  }[];
  const file = (name: string) => join(tmp.dir, packed.find((p) => p.name === name)!.filename);
  tarballs = {
    contract: file('@atlas-sharing/contract'),
    elements: file('@atlas-sharing/elements'),
    server: file('@atlas-sharing/server'),
  };
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', tarballs.contract, tarballs.elements], app);
});
after(() => tmp.cleanup());

test('the elements package installs without a native build or any server dependency, and stays small', (t) => {
  if (!built) return t.skip('components/dist is missing: run `node scripts/build.mjs` (npm test builds first)');
  const modules = join(app, 'node_modules');
  const present = SERVER_ONLY.filter((name) => existsSync(join(modules, name)));
  assert.deepEqual(present, [], 'server packages installed with the elements');
  const native = readdirSync(modules, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith('.node'),
  );
  assert.deepEqual(
    native.map((e) => e.name),
    [],
    'no native addon',
  );
  const installed = Object.keys(JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')).packages).filter(
    Boolean,
  );
  const mb = duKb(modules) / 1024;
  t.diagnostic(`installed: ${installed.length} packages, ${mb.toFixed(1)} MB`);
  assert.ok(mb <= MAX_INSTALL_MB, `${mb.toFixed(1)} MB installed > ${MAX_INSTALL_MB} MB`);
});

test('every entry of the installed elements package imports, and defines its element', (t) => {
  if (!built) return t.skip('components/dist is missing');
  const defines = readdirSync(join(app, 'node_modules/@atlas-sharing/elements/dist/define')).filter((f) =>
    f.endsWith('.js'),
  );
  assert.ok(defines.length >= 7);
  // Lit brings its DOM shim to Node (customElements, HTMLElement), so the modules run as they would in a bundler's SSR.
  const script = `
    const pkg = '@atlas-sharing/elements';
    const main = await import(pkg);
    await import(pkg + '/atlas.js');
    for (const f of ${JSON.stringify(defines)}) await import(pkg + '/define/' + f);
    const tags = ${JSON.stringify(defines.map((f) => f.replace(/\.js$/, '')))};
    const missing = tags.filter((tag) => !customElements.get(tag));
    if (missing.length) throw new Error('not defined: ' + missing.join(', '));
    const contract = await import('@atlas-sharing/contract');
    console.log(JSON.stringify({ exports: Object.keys(main).length, routes: contract.routes.length }));`;
  const out = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' }),
  ) as {
    exports: number;
    routes: number;
  };
  assert.ok(out.exports > 10, 'the main entry exports the element classes and helpers');
  assert.ok(out.routes > 20, 'the contract package carries the route table');
});

test('a consumer project type-checks against the installed typings (elements, JSX, contract), and wrong usage fails', (t) => {
  if (!built) return t.skip('components/dist is missing');
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ['consumer.ts'],
    }),
  );
  writeFileSync(join(app, 'consumer.ts'), readFileSync(join(root, 'test/package/fixture/consumer.ts'), 'utf8'));
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    assert.fail(`tsc in the consumer project failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
});

test('the server package ships its command, its library entry with types, and its migrations', (t) => {
  if (!built) return t.skip('server/dist is missing');
  const files = execFileSync('tar', ['-tzf', tarballs.server], { encoding: 'utf8' }).split('\n');
  for (const f of ['package/dist/cli.js', 'package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/app.d.ts'])
    assert.ok(files.includes(f), `${f} is in the server package`);
  assert.ok(files.some((f) => f.startsWith('package/dist/store/shared/migrations/') && f.endsWith('.sql')));
  assert.ok(!files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), 'no TypeScript sources');
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarballs.server, 'package/package.json'], { encoding: 'utf8' }),
  );
  assert.equal(manifest.bin['atlas-sharing-server'], 'dist/cli.js');
  assert.equal(
    execFileSync('tar', ['-xzOf', tarballs.server, 'package/dist/cli.js'], { encoding: 'utf8' }).split('\n')[0],
    '#!/usr/bin/env node',
  );
});

test('the contract package ships the OpenAPI document generated from its route table', (t) => {
  if (!built) return t.skip('contract/dist is missing');
  const shipped = JSON.parse(
    execFileSync('tar', ['-xzOf', tarballs.contract, 'package/dist/openapi.json'], { encoding: 'utf8' }),
  ) as unknown;
  assert.deepEqual(shipped, JSON.parse(JSON.stringify(buildOpenApi())));
});
