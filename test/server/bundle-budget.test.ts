// SPEC S4, issue 13 "Lighter viewer": what a page embedding <atlas-public-viewer> downloads, gzip, Lit included.
// scripts/build.mjs writes components/dist/browser/sizes.json (the files each entry loads, eagerly and on demand); this test
// gzips those files again itself, so it checks the bytes that are served rather than the build's own arithmetic.
// A size is not a timing: the same build always gives the same bytes, so a plain assertion is right here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const browser = new URL('../../components/dist/browser/', import.meta.url).pathname;
const VIEWER = 'define/atlas-public-viewer.js';
const KB = 1024;
/** SPEC S4: "viewer ≤ 25 KB gzip, with charts ≤ 60 KB". */
const BUDGET = { viewer: 25 * KB, withCharts: 60 * KB };

interface EntrySizes {
  eager: number;
  withLazy: number;
  eagerFiles: string[];
  lazyFiles: string[];
}
interface Sizes {
  entries: Record<string, EntrySizes>;
  chunks: Record<string, { gzip: number; mostlyFrom: string }>;
}

function readSizes(): Sizes | undefined {
  const file = join(browser, 'sizes.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Sizes) : undefined;
}
const gzipped = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(browser, f))).length, 0);
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

test('S4: the public viewer without charts is at most 25 KB gzip, Lit and every eager chunk included', (t) => {
  const sizes = readSizes();
  if (!sizes)
    return t.skip(
      'components/dist/browser/sizes.json is missing: run `node scripts/build.mjs` (npm test builds first)',
    );
  const viewer = sizes.entries[VIEWER];
  assert.ok(viewer, `${VIEWER} is in sizes.json`);
  assert.ok(viewer.eagerFiles.includes(VIEWER));
  const eager = gzipped(viewer.eagerFiles);
  assert.equal(eager, viewer.eager, 'sizes.json matches the files on disk');
  assert.ok(
    eager <= BUDGET.viewer,
    `viewer ${kb(eager)} gzip > ${kb(BUDGET.viewer)} (files: ${viewer.eagerFiles.join(', ')})`,
  );
});

test('S4: the chart code stays out of the viewer until a chart is on screen (one lazy chunk)', (t) => {
  const sizes = readSizes();
  if (!sizes)
    return t.skip(
      'components/dist/browser/sizes.json is missing: run `node scripts/build.mjs` (npm test builds first)',
    );
  const viewer = sizes.entries[VIEWER]!;
  // The build names each chunk by the package (or our folder) that gives it most bytes: the chart chunk is d3-scale
  // and d3-shape (with their d3 dependencies) plus components/widget/chart*.ts, whichever weighs most.
  const fromCharts = (f: string) => /^(d3-|components\/widget$)/.test(sizes.chunks[f]?.mostlyFrom ?? '');
  assert.deepEqual(viewer.eagerFiles.filter(fromCharts), [], 'no chart chunk loads with the viewer');
  assert.equal(viewer.lazyFiles.filter(fromCharts).length, 1, 'one chart chunk loads on demand');
});

// The SVG charts (issue 13) draw with d3-scale and d3-shape: the viewer and its chart chunk together are about 44.5 KB
// gzip, the chunk about 22 KB (d3 about 17 KB of it). Chart.js 4, which drew the charts before, was 63 KB on its own.
test('S4: the public viewer with its lazy chart chunk is at most 60 KB gzip', (t) => {
  const sizes = readSizes();
  if (!sizes)
    return t.skip(
      'components/dist/browser/sizes.json is missing: run `node scripts/build.mjs` (npm test builds first)',
    );
  const viewer = sizes.entries[VIEWER]!;
  assert.ok(viewer.lazyFiles.length > 0, 'the viewer has a lazy chart chunk');
  const all = gzipped([...viewer.eagerFiles, ...viewer.lazyFiles]);
  assert.equal(all, viewer.withLazy, 'sizes.json matches the files on disk');
  assert.ok(
    all <= BUDGET.withCharts,
    `viewer with charts ${kb(all)} gzip > ${kb(BUDGET.withCharts)} (lazy: ${viewer.lazyFiles.join(', ')})`,
  );
});
