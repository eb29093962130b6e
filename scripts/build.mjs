// Builds the server (dist/server), the unbundled library (dist/components), the bundled browser entries
// (dist/browser: one per element plus atlas.js, code-split, minified, with source maps) and custom-elements.json.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const quiet = process.argv.includes('--quiet');
const log = (...args) => !quiet && console.log(...args);

function walk(dir, filter) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path, filter);
    return filter(path) ? [path] : [];
  });
}
const isSource = (p) => p.endsWith('.ts') && !p.endsWith('.d.ts');

// dist is overwritten in place rather than deleted first: a test run elsewhere may be reading it.
if (process.argv.includes('--clean')) rmSync(join(root, 'dist'), { recursive: true, force: true });

// Server: transpiled file by file so that migrations and static paths resolve as in the source tree.
await build({
  entryPoints: walk(join(root, 'server'), isSource),
  outdir: join(root, 'dist/server'),
  outbase: join(root, 'server'),
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync(join(root, 'server/store/sqlite/migrations'), join(root, 'dist/server/store/sqlite/migrations'), { recursive: true });
if (statSync(join(root, 'server/store'), { throwIfNoEntry: false }) && readdirSync(join(root, 'server/store')).includes('postgres')) {
  const pgMigrations = join(root, 'server/store/postgres/migrations');
  if (statSync(pgMigrations, { throwIfNoEntry: false })) cpSync(pgMigrations, join(root, 'dist/server/store/postgres/migrations'), { recursive: true });
}

// Library for bundlers: unbundled ESM, one file per module.
await build({
  entryPoints: walk(join(root, 'components'), isSource),
  outdir: join(root, 'dist/components'),
  outbase: join(root, 'components'),
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});

// Browser embeds: bundled and code-split so that pages loading several entries share one Lit chunk.
const browserEntries = [join(root, 'components/atlas.ts'), ...walk(join(root, 'components/define'), isSource)];
const result = await build({
  entryPoints: browserEntries,
  outdir: join(root, 'dist/browser'),
  outbase: join(root, 'components'),
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  metafile: true,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});

const gz = (file) => gzipSync(readFileSync(join(root, file))).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const outputs = result.metafile.outputs;
const rows = [];
for (const [file, meta] of Object.entries(outputs)) {
  if (!file.endsWith('.js')) continue;
  const staticImports = (meta.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => i.path);
  const closure = new Set([file]);
  const queue = [...staticImports];
  while (queue.length) {
    const next = queue.pop();
    if (closure.has(next)) continue;
    closure.add(next);
    queue.push(...(outputs[next]?.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => i.path));
  }
  const total = [...closure].reduce((sum, f) => sum + gz(f), 0);
  rows.push({ file: relative('dist/browser', file), entry: Boolean(meta.entryPoint), own: gz(file), withStaticImports: total });
}
log('\nBrowser bundles (gzip):');
for (const row of rows.sort((a, b) => Number(b.entry) - Number(a.entry) || a.file.localeCompare(b.file))) {
  log(`  ${row.entry ? 'entry' : 'chunk'}  ${row.file.padEnd(48)} own ${kb(row.own).padStart(9)}   loaded with static imports ${kb(row.withStaticImports).padStart(9)}`);
}

// custom-elements.json is generated from the JSDoc of the element classes, never edited by hand.
execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--litelement', '--globs', 'components/**/*.ts', '--exclude', 'components/**/*.styles.ts', '--quiet'], {
  cwd: root,
  stdio: quiet ? 'ignore' : 'inherit',
});
log('\nBuilt dist/server, dist/components, dist/browser and custom-elements.json');
