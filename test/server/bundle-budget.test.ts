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

test('S4: Chart.js stays out of the viewer until a chart is on screen (a lazy chunk)', (t) => {
  const sizes = readSizes();
  if (!sizes)
    return t.skip(
      'components/dist/browser/sizes.json is missing: run `node scripts/build.mjs` (npm test builds first)',
    );
  const viewer = sizes.entries[VIEWER]!;
  const fromChartJs = (f: string) => sizes.chunks[f]?.mostlyFrom === 'chart.js';
  assert.deepEqual(viewer.eagerFiles.filter(fromChartJs), [], 'no Chart.js chunk loads with the viewer');
  assert.equal(viewer.lazyFiles.filter(fromChartJs).length, 1, 'one Chart.js chunk loads on demand');
});

// Not met yet, hence `todo` (reported, not failing the suite): Chart.js 4 cannot fit. Its core alone (Chart with
// nothing registered) is about 42 KB gzip and the chunk with the line, bar and pie parts about 63 KB, more than the
// whole budget; the eager viewer is about 23 KB on top. Meeting 60 KB takes a lighter chart library (or none), which is
// a decision for issue 13, not a build setting. Drop `todo` once it fits: the assertion is already the real one.
test(
  'S4: the public viewer with its lazy chart chunk is at most 60 KB gzip',
  { todo: 'Chart.js 4 alone is over the budget (issue 13): see the comment above' },
  (t) => {
    const sizes = readSizes();
    if (!sizes)
      return t.skip(
        'components/dist/browser/sizes.json is missing: run `node scripts/build.mjs` (npm test builds first)',
      );
    const viewer = sizes.entries[VIEWER]!;
    const all = gzipped([...viewer.eagerFiles, ...viewer.lazyFiles]);
    assert.equal(all, viewer.withLazy, 'sizes.json matches the files on disk');
    assert.ok(
      all <= BUDGET.withCharts,
      `viewer with charts ${kb(all)} gzip > ${kb(BUDGET.withCharts)} (lazy: ${viewer.lazyFiles.join(', ')})`,
    );
  },
);
