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
const jsFiles = Object.keys(outputs).filter((f) => f.endsWith('.js'));
const sizes = Object.fromEntries(jsFiles.map((f) => [f, gz(f)]));

/** Every output a file pulls in, following static imports only, or dynamic (lazy) ones too. */
function closure(file, withDynamic) {
  const seen = new Set();
  const queue = [file];
  while (queue.length) {
    const next = queue.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    for (const i of outputs[next]?.imports ?? []) {
      if (i.kind === 'import-statement' || (withDynamic && i.kind === 'dynamic-import')) queue.push(i.path);
    }
  }
  return seen;
}
const total = (files) => [...files].reduce((sum, f) => sum + (sizes[f] ?? 0), 0);

/** Names a chunk by the package (or our folder) that contributes most of its bytes, e.g. "lit" or "chart.js". */
function chunkLabel(file) {
  const weights = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(outputs[file].inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const owner = m ? m[1] : input.split('/').slice(0, 2).join('/');
    const key = /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/context)$/.test(owner) ? 'lit' : owner;
    weights.set(key, (weights.get(key) ?? 0) + bytesInOutput);
  }
  return [...weights.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
}
// esbuild marks lazily imported modules (the chart chunk) as entry points too; ours are the files outside chunks/.
const isEntry = (f) => outputs[f].entryPoint && !relative('dist/browser', f).startsWith('chunks/');
const labels = Object.fromEntries(jsFiles.filter((f) => !isEntry(f)).map((f) => [f, chunkLabel(f)]));
const litChunks = jsFiles.filter((f) => labels[f] === 'lit');

log('\nBrowser bundles (gzip). "element" = what the entry loads beyond the shared Lit chunk; "lazy" adds chunks loaded on demand (charts):');
log(`  Lit runtime shared by every element: ${kb(total(litChunks))} in ${litChunks.length} chunk(s)`);
for (const file of jsFiles.filter(isEntry).sort()) {
  const eager = closure(file, false);
  const element = total([...eager].filter((f) => !litChunks.includes(f)));
  log(`  ${relative('dist/browser', file).padEnd(34)} element ${kb(element).padStart(8)}   with Lit ${kb(total(eager)).padStart(8)}   with lazy chunks ${kb(total(closure(file, true))).padStart(8)}`);
}
for (const file of Object.keys(labels).sort((a, b) => sizes[b] - sizes[a])) {
  log(`  chunk ${relative('dist/browser', file).padEnd(28)} ${kb(sizes[file]).padStart(8)}   (${labels[file]})`);
}

// Declarations for the library (tsc: esbuild does not write types).
execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.types.json'], { cwd: root, stdio: 'inherit' });

// custom-elements.json is generated from the JSDoc of the element classes, never edited by hand.
execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--litelement', '--globs', 'components/**/*.ts', '--exclude', 'components/**/*.styles.ts', '--quiet'], {
  cwd: root,
  stdio: quiet ? 'ignore' : 'inherit',
});
log('\nBuilt dist/server, dist/components, dist/browser and custom-elements.json');
