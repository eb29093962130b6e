// `npm test`: typecheck, build, then every suite — server (node:test), components (web-test-runner in Chromium),
// end-to-end (playwright-core against the real server). Any failure makes it exit non-zero; the last line sums up.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules/.bin', name);
const testFiles = (dir, suffix) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir), { recursive: true })
        .filter((f) => f.endsWith(suffix))
        .map((f) => join(dir, f))
        .sort()
    : [];

// `--suite server|packages|components|e2e` runs one suite (all but server build first); default: everything.
const suiteArg = process.argv.indexOf('--suite');
const only = suiteArg > 0 ? process.argv[suiteArg + 1] : undefined;
if (only && !['server', 'packages', 'components', 'e2e'].includes(only)) {
  console.error(`unknown suite '${only}': use server, packages, components or e2e`);
  process.exit(2);
}
const wants = (suite) => !only || only === suite;

const totals = { passed: 0, failed: 0 };
const failures = [];

function run(label, command, args, { parse } = {}) {
  console.log(`\n── ${label} ──`);
  return new Promise((resolve) => {
    // tsx reads the root tsconfig's `paths` (the contract's source) wherever a test starts a child process.
    const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') };
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => {
      if (parse) {
        const { passed, failed } = parse(output);
        totals.passed += passed;
        totals.failed += failed;
      }
      if (code !== 0) failures.push(`${label} (exit ${code})`);
      resolve(code);
    });
  });
}

const parseNodeTest = (out) => ({
  passed: Number(/ℹ pass (\d+)/.exec(out)?.[1] ?? /# pass (\d+)/.exec(out)?.[1] ?? 0),
  failed: Number(/ℹ fail (\d+)/.exec(out)?.[1] ?? /# fail (\d+)/.exec(out)?.[1] ?? 0),
});
const parseWtr = (out) => {
  // eslint-disable-next-line no-control-regex
  const lines = out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').match(/(\d+) passed, (\d+) failed/g) ?? [];
  const last = lines.at(-1)?.match(/(\d+) passed, (\d+) failed/);
  return { passed: Number(last?.[1] ?? 0), failed: Number(last?.[2] ?? 0) };
};

const before = existsSync(join(root, 'custom-elements.json'))
  ? readFileSync(join(root, 'custom-elements.json'), 'utf8')
  : '';
if (!only) await run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
// Lint is part of the test command: ESLint with no warnings allowed, and the tree as Prettier formats it.
if (!only) await run('lint (eslint)', bin('eslint'), ['--max-warnings=0', '.']);
if (!only) await run('format (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.']);
if (only !== 'server') await run('build', process.execPath, ['scripts/build.mjs', '--quiet']);
const after = existsSync(join(root, 'custom-elements.json'))
  ? readFileSync(join(root, 'custom-elements.json'), 'utf8')
  : '';
if (process.env.CI && !only && before !== after) {
  failures.push('custom-elements.json is stale: run `npm run build` and commit it');
  console.error('custom-elements.json was stale: the build regenerated it from the source.');
}

const serverTests = testFiles('test/server', '.test.ts');
if (wants('server') && serverTests.length) {
  await run(
    'server tests (node:test)',
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...serverTests],
    { parse: parseNodeTest },
  );
}
// The published packages: packed, the elements installed into an empty project, imported and type-checked.
const packageTests = testFiles('test/package', '.test.ts');
if (wants('packages') && packageTests.length) {
  await run(
    'package tests (npm pack, install, import, typecheck)',
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', ...packageTests],
    { parse: parseNodeTest },
  );
}
if (wants('components') && testFiles('test/components', '.test.ts').length) {
  await run('component tests (web-test-runner, Chromium)', bin('wtr'), [], { parse: parseWtr });
}
const e2eTests = testFiles('test/e2e', '.test.ts');
if (wants('e2e') && e2eTests.length) {
  await run(
    'end-to-end tests (playwright-core, Chromium)',
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...e2eTests],
    { parse: parseNodeTest },
  );
}

console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join('; ')}`);
console.log(
  `tests: ${totals.passed} passed, ${totals.failed + (failures.length && !totals.failed ? failures.length : 0)} failed`,
);
process.exit(failures.length ? 1 : 0);
