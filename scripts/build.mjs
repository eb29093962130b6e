// Builds the three workspace packages into their own dist/ folders:
//   contract/dist     the contract (zod schemas, route table) as ESM with declarations, and openapi.json generated from it;
//   server/dist       the server, transpiled file by file (migrations beside it), with declarations for createApp & co.;
//   components/dist   the elements: the unbundled library (one ESM file per module, with declarations), the bundled
//                     browser entries (dist/browser: one per element plus atlas.js, code-split, minified, with source
//                     maps), custom-elements.json and the typings generated from it (jsx.d.ts, react.d.ts, vue.d.ts,
//                     vscode.html-custom-data.json).
// The contract is built first: the other packages' declarations import it by its package name.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeTypings } from './manifest/typings.mjs';

const root = new URL('..', import.meta.url).pathname;
const quiet = process.argv.includes('--quiet');
const log = (...args) => !quiet && console.log(...args);
const tsc = (project) =>
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', project], { cwd: root, stdio: 'inherit' });

/** The TypeScript sources of a package folder (not its build, not a nested node_modules). */
function walk(dir, filter) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : walk(path, filter);
    return filter(path) ? [path] : [];
  });
}
const isSource = (p) => p.endsWith('.ts') && !p.endsWith('.d.ts');
const CONTRACT_DIST = join(root, 'contract/dist');
const SERVER_DIST = join(root, 'server/dist');
const ELEMENTS_DIST = join(root, 'components/dist');
const BROWSER_DIST = join(ELEMENTS_DIST, 'browser');

// dist folders are overwritten in place rather than deleted first: a test run elsewhere may be reading them.
if (process.argv.includes('--clean'))
  for (const d of [CONTRACT_DIST, SERVER_DIST, ELEMENTS_DIST]) rmSync(d, { recursive: true, force: true });

const nodeOptions = { platform: 'node', format: 'esm', target: 'node20', sourcemap: true, logLevel: 'warning' };

// Contract: ESM, declarations, and the OpenAPI document generated from its route table (also served at
// GET /api/openapi.json, with the deployment's server URL).
await build({
  ...nodeOptions,
  entryPoints: walk(join(root, 'contract'), isSource),
  outdir: CONTRACT_DIST,
  outbase: join(root, 'contract'),
});
tsc('contract/tsconfig.build.json');
{
  const { buildOpenApi } = await import(pathToFileURL(join(CONTRACT_DIST, 'index.js')).href);
  writeFileSync(join(CONTRACT_DIST, 'openapi.json'), `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
}

// Server: transpiled file by file so that migrations and static paths resolve as in the source tree.
await build({
  ...nodeOptions,
  entryPoints: walk(join(root, 'server'), isSource),
  outdir: SERVER_DIST,
  outbase: join(root, 'server'),
});
cpSync(join(root, 'server/store/shared/migrations'), join(SERVER_DIST, 'store/shared/migrations'), { recursive: true });
tsc('server/tsconfig.build.json');

// Library for bundlers: unbundled ESM, one file per module.
await build({
  entryPoints: walk(join(root, 'components'), isSource),
  outdir: ELEMENTS_DIST,
  outbase: join(root, 'components'),
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});

/**
 * The static text of Lit's css`…` templates, minified: esbuild minifies the code around a template literal but never
 * the CSS inside it, and that text is about a quarter of the public viewer's code. Only comments and whitespace go
 * (a space is kept wherever CSS could read it, e.g. the descendant combinator in `.a .b` or before `:hover` in
 * `.a :hover`); templates with `${…}` or escapes are left as written. Numbers lose a leading zero (`0.5em` → `.5em`)
 * and colours a doubled digit (`#ffffff` → `#fff`): the same values, fewer bytes for every anonymous visitor.
 */
function minifyCssText(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
    .replace(/#([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3(?![0-9a-f])/gi, '#$1$2$3')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}
const litCssMinify = {
  name: 'lit-css-minify',
  setup(b) {
    b.onLoad({ filter: /\/components\/.*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('css`')) return undefined;
      return {
        contents: source.replace(/\bcss`([^`$\\]*)`/g, (_, body) => `css\`${minifyCssText(body)}\``),
        loader: 'ts',
      };
    });
  },
};

// Browser embeds: bundled and code-split so that pages loading several entries share one Lit chunk, except the public
// viewer (below).
const viewerEntry = join(root, 'components/define/atlas-public-viewer.ts');
const browserEntries = [join(root, 'components/atlas.ts'), ...walk(join(root, 'components/define'), isSource)];
const browserOptions = {
  outdir: BROWSER_DIST,
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
  plugins: [litCssMinify],
};
const shared = await build({ ...browserOptions, entryPoints: browserEntries.filter((e) => e !== viewerEntry) });
// The public viewer is what anonymous traffic loads, alone on its page (/public/<token>, a wall screen, a customer
// site): built on its own, its eager code is one file instead of nine chunks cut for the other elements' sake, which
// gzips 3 KB smaller and saves eight requests (issue 13, SPEC S4). The chart library stays a lazy chunk. A page that
// loads it next to other define/ entries gets a second copy of Lit; such a page should load atlas.js, which has them all.
const viewer = await build({ ...browserOptions, entryPoints: [viewerEntry] });
const result = { metafile: { outputs: { ...shared.metafile.outputs, ...viewer.metafile.outputs } } };

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

/** Names a chunk by the package (or our folder) that contributes most of its bytes, e.g. "lit" or "d3-shape". */
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
const isEntry = (f) => outputs[f].entryPoint && !relative(BROWSER_DIST, join(root, f)).startsWith('chunks/');
const labels = Object.fromEntries(jsFiles.filter((f) => !isEntry(f)).map((f) => [f, chunkLabel(f)]));
const litChunks = jsFiles.filter((f) => labels[f] === 'lit');

log(
  '\nBrowser bundles (gzip). "element" = what the entry loads beyond the shared Lit chunk; "lazy" adds chunks loaded on demand (charts):',
);
log(
  `  Lit runtime shared by every element but the public viewer (built alone, Lit inside): ${kb(total(litChunks))} in ${litChunks.length} chunk(s)`,
);
const entrySizes = {};
for (const file of jsFiles.filter(isEntry).sort()) {
  const eager = closure(file, false);
  const element = total([...eager].filter((f) => !litChunks.includes(f)));
  const name = relative(BROWSER_DIST, join(root, file));
  const all = closure(file, true);
  const files = (set) => [...set].map((f) => relative(BROWSER_DIST, join(root, f))).sort();
  entrySizes[name] = {
    eager: total(eager),
    withLazy: total(all),
    eagerFiles: files(eager),
    lazyFiles: files([...all].filter((f) => !eager.has(f))),
  };
  log(
    `  ${name.padEnd(34)} element ${kb(element).padStart(8)}   with Lit ${kb(entrySizes[name].eager).padStart(8)}   with lazy chunks ${kb(entrySizes[name].withLazy).padStart(8)}`,
  );
}
for (const file of Object.keys(labels).sort((a, b) => sizes[b] - sizes[a])) {
  log(
    `  chunk ${relative(BROWSER_DIST, join(root, file)).padEnd(28)} ${kb(sizes[file]).padStart(8)}   (${labels[file]})`,
  );
}

// SPEC S4: what a page embedding the public viewer downloads, Lit included: the viewer alone, and with the chart chunk
// that it loads once a chart is on screen. test/server/bundle-budget.test.ts reads sizes.json and checks both. The
// verdict prints even with --quiet, so every test run shows it.
const budgets = { 'define/atlas-public-viewer.js': { eager: 25 * 1024, withLazy: 60 * 1024 } };
writeFileSync(
  join(BROWSER_DIST, 'sizes.json'),
  `${JSON.stringify(
    {
      unit: 'bytes, gzip (zlib default level), summed over the files an entry loads; paths relative to components/dist/browser',
      budgets,
      entries: entrySizes,
      chunks: Object.fromEntries(
        Object.keys(labels)
          .sort()
          .map((f) => [relative(BROWSER_DIST, join(root, f)), { gzip: sizes[f], mostlyFrom: labels[f] }]),
      ),
    },
    null,
    2,
  )}\n`,
);
for (const [name, budget] of Object.entries(budgets)) {
  const got = entrySizes[name];
  const verdict = (size, limit) => `${kb(size)} of ${kb(limit)} ${size <= limit ? 'ok' : 'OVER BUDGET'}`;
  console.log(
    `  budget ${name}: without charts ${verdict(got.eager, budget.eager)}; with charts ${verdict(got.withLazy, budget.withLazy)}`,
  );
}

// Declarations for the library (tsc: esbuild does not write types).
tsc('components/tsconfig.build.json');

// custom-elements.json is generated from the JSDoc of the element classes, never edited by hand. The analyzer's config
// and plugins (scripts/manifest/cem.config.mjs) complete it, point its paths at the published dist/**/*.js of the elements package
// and sort its modules by path, so the committed manifest is the same wherever it is built (CI compares it). From it
// come the JSX (React), Vue and VS Code typings in components/dist (scripts/manifest/typings.mjs).
{
  const file = join(root, 'custom-elements.json');
  const before = statSync(file, { throwIfNoEntry: false }) ? readFileSync(file, 'utf8') : undefined;
  execFileSync(
    join(root, 'node_modules/.bin/cem'),
    ['analyze', '--config', 'scripts/manifest/cem.config.mjs', '--quiet'],
    {
      cwd: root,
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    },
  );
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  // Without its config (a load error is only logged) the analyzer reads every file with no plugins: keep the old one.
  if (!manifest.modules.length || manifest.modules.some((m) => !m.path.startsWith('dist/'))) {
    if (before === undefined) rmSync(file, { force: true });
    else writeFileSync(file, before);
    throw new Error('custom-elements.json: the analyzer ran without scripts/manifest/cem.config.mjs (see above)');
  }
  writeTypings(manifest, join(root, 'components'));
  // The elements package ships its manifest (package.json "customElements"); the repository keeps it at the top.
  copyFileSync(file, join(ELEMENTS_DIST, 'custom-elements.json'));
}
log('\nBuilt contract/dist, server/dist, components/dist (library, browser bundles, typings) and custom-elements.json');
