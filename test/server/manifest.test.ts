/**
 * custom-elements.json (issue 14, "Complete manifest, generated"): it documents what the elements really have, read
 * from the sources here rather than from the JSDoc that produced it, and it describes the files the package ships.
 * The typings generated from it (components/dist: react.d.ts, vue.d.ts, jsx.d.ts, vscode.html-custom-data.json) are
 * type-checked by a consumer project, test/consumer. Paths in the manifest are relative to the elements package
 * (components/). Checks on components/dist are skipped when the build has not run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

interface Named {
  name?: string;
  description?: string;
}
interface Reference {
  name: string;
  module?: string;
  package?: string;
}
interface Declaration extends Named {
  kind: string;
  customElement?: boolean;
  tagName?: string;
  cssProperties?: Named[];
  cssParts?: Named[];
  attributes?: (Named & { type?: { text: string }; expandedType?: { text: string } })[];
  events?: (Named & { type?: { text: string; references?: Reference[] } })[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: Reference }[];
}
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as { modules: Module[] };

const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ module, d, tag: d.tagName! })),
);
const element = (tag: string) => elements.find((e) => e.tag === tag)?.d;
/** The TypeScript source of a published module: dist/a/b.js -> components/a/b.ts. */
const sourceOf = (path: string) => path.replace(/^dist\//, 'components/').replace(/\.js$/, '.ts');
/** The elements package, where the manifest's paths start. */
const elementsDir = join(root, 'components');
const read = (source: string) => readFileSync(join(root, source), 'utf8');

function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(posix.join(dir, e.name)) : e.name.endsWith('.ts') ? [posix.join(dir, e.name)] : [],
  );
}
const atlasVars = (text: string) => new Set([...text.matchAll(/var\(\s*(--atlas-[\w-]+)/g)].map((m) => m[1]!));

/** The style modules an element module uses: its *.styles.js and components/styles/* imports, followed transitively. */
function styleSources(source: string): string[] {
  const seen = new Set<string>();
  const queue = [source];
  while (queue.length) {
    const next = queue.pop()!;
    for (const m of read(next).matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']+)'/gm)) {
      const file = posix.normalize(posix.join(posix.dirname(next), m[1]!)).replace(/\.js$/, '.ts');
      const isStyle = file.endsWith('.styles.ts') || file.startsWith('components/styles/');
      if (isStyle && !seen.has(file)) (queue.push(file), seen.add(file));
    }
  }
  return [...seen];
}

test("the manifest has the elements and the share dialog's parts, each defined by its define/ module", () => {
  const tags = elements.map((e) => e.tag).sort();
  assert.deepEqual(tags, [
    'atlas-dashboard',
    'atlas-dashboard-card',
    'atlas-dashboard-list',
    // The share dialog's frame and panels (issue 15).
    'atlas-dialog',
    'atlas-general-access',
    'atlas-link-card',
    // Every public link of the caller (issue 16).
    'atlas-link-list',
    // A link card's usage chart (issue 16).
    'atlas-link-usage',
    'atlas-links-panel',
    'atlas-people-panel',
    'atlas-provider',
    'atlas-public-viewer',
    'atlas-share-dialog',
    'atlas-widget',
  ]);
  const definitions = manifest.modules.flatMap((m) =>
    (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ module: m.path, ...e })),
  );
  for (const { tag, d, module } of elements) {
    const defined = definitions.filter((e) => e.name === tag);
    assert.deepEqual(
      defined.map((e) => [e.module, e.declaration.name, e.declaration.module]),
      [[`dist/define/${tag}.js`, d.name, module.path]],
      `<${tag}> is defined once, by define/${tag}.js`,
    );
  }
  // customElements.define(tag, ctor) inside the defineElement helper once appeared as an element named "tag".
  for (const e of definitions)
    assert.match(e.name, /^[a-z][a-z0-9]*-[a-z0-9-]*$/, `${e.module}: "${e.name}" is a custom element name`);
});

test('every --atlas-* custom property the styles read is documented on an element', () => {
  const documented = new Set(elements.flatMap(({ d }) => (d.cssProperties ?? []).map((p) => p.name)));
  const read_ = walk('components').flatMap((file) => [...atlasVars(read(file))].map((name) => ({ name, file })));
  assert.ok(read_.length > 30, 'the styles read the tokens');
  const missing = read_.filter((r) => !documented.has(r.name)).map((r) => `${r.name} (${r.file})`);
  assert.deepEqual([...new Set(missing)], [], "read by the styles but in no element's cssProperties");
});

test('each element documents every --atlas-* custom property its own styles read', () => {
  for (const { module, d, tag } of elements) {
    const source = sourceOf(module.path);
    const files = [source, ...styleSources(source)];
    const used = new Set(files.flatMap((f) => [...atlasVars(read(f))]));
    const documented = new Set((d.cssProperties ?? []).map((p) => p.name));
    const missing = [...used].filter((name) => !documented.has(name)).sort();
    assert.deepEqual(missing, [], `<${tag}> reads them (${files.join(', ')}) without documenting them`);
    for (const p of d.cssProperties ?? []) assert.ok(p.description, `<${tag}> ${p.name} has a description`);
  }
});

test('every event has a name and a type, and the type names a class of the package', () => {
  const classes = new Map(
    manifest.modules.flatMap((m) =>
      (m.declarations ?? []).filter((d) => d.kind === 'class').map((d) => [d.name, m.path] as const),
    ),
  );
  let count = 0;
  for (const { d, tag } of elements) {
    const names = (d.events ?? []).map((e) => e.name);
    assert.equal(new Set(names).size, names.length, `<${tag}> lists each event once`);
    for (const event of d.events ?? []) {
      count++;
      assert.match(event.name ?? '', /^atlas-[a-z-]+$/, `<${tag}> event ${JSON.stringify(event)} has a name`);
      assert.ok(event.type?.text, `<${tag}> ${event.name} has a type`);
      assert.ok(event.description, `<${tag}> ${event.name} has a description`);
      const refs = event.type.references ?? [];
      assert.ok(refs.length, `<${tag}> ${event.name}: ${event.type.text} references the module declaring it`);
      for (const ref of refs)
        assert.equal(ref.module, classes.get(ref.name), `${ref.name} is declared in ${ref.module}`);
    }
  }
  assert.ok(count >= 14, 'the elements document their events');
});

test('every Atlas event an element dispatches is documented on it, with its class as the type', () => {
  for (const { module, d, tag } of elements) {
    const source = read(sourceOf(module.path));
    const dispatched = new Set(
      [...source.matchAll(/(?:emit\(this,\s*|dispatchEvent\()new (Atlas\w+Event)\(/g)].map((m) => m[1]!),
    );
    const documented = new Set((d.events ?? []).map((e) => e.type?.text));
    for (const type of dispatched) assert.ok(documented.has(type), `<${tag}> dispatches ${type} and documents it`);
  }
});

test('the list documents the card parts it forwards with exportparts (card-*), and every exportparts of an element', () => {
  const list = element('atlas-dashboard-list')!;
  const parts = new Set((list.cssParts ?? []).map((p) => p.name));
  for (const name of ['card', 'card-base', 'card-title', 'card-badge', 'card-menu'])
    assert.ok(parts.has(name), `the list documents ${name}`);
  let forwarded = 0;
  for (const { module, d, tag } of elements) {
    const own = new Set((d.cssParts ?? []).map((p) => p.name));
    for (const m of read(sourceOf(module.path)).matchAll(/<(atlas-[\w-]+)\b[^>]*?\bexportparts="([^"]+)"/g)) {
      const inner = element(m[1]!);
      for (const pair of m[2]!.split(',')) {
        const [from, to = from] = pair.split(':').map((s) => s.trim()) as [string, string?];
        forwarded++;
        assert.ok(own.has(to), `<${tag}> documents the part ${to} it forwards from <${m[1]}>`);
        assert.ok(
          inner?.cssParts?.some((p) => p.name === from),
          `<${m[1]}> has the part ${from} that <${tag}> forwards`,
        );
      }
    }
  }
  assert.ok(forwarded >= 4, 'the list forwards four card parts');
});

test('attributes typed by an alias of string literals list the values (expandedType)', () => {
  const filter = element('atlas-dashboard-list')!.attributes?.find((a) => a.name === 'filter');
  assert.equal(filter?.expandedType?.text, "'all' | 'mine' | 'shared' | 'org'");
});

test('every module path and module reference is a file in dist after the build', (t) => {
  if (!existsSync(join(elementsDir, 'dist/index.js')))
    return t.skip('components/dist is missing: run `node scripts/build.mjs`');
  const referenced = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect);
    if (!value || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof v === 'string') referenced.add(v);
      else collect(v);
    }
  };
  collect(manifest);
  assert.ok(referenced.size > 40);
  const missing = [...referenced].filter((p) => !p.startsWith('dist/') || !existsSync(join(elementsDir, p)));
  assert.deepEqual(missing, [], 'paths that are not published files');
  const noTypes = manifest.modules
    .map((m) => m.path.replace(/\.js$/, '.d.ts'))
    .filter((p) => !existsSync(join(elementsDir, p)));
  assert.deepEqual(noTypes, [], 'published modules without declarations');
});

test('the VS Code custom data lists every element with its attributes and enum values', (t) => {
  const file = join(elementsDir, 'dist/vscode.html-custom-data.json');
  if (!existsSync(file)) return t.skip('components/dist is missing: run `node scripts/build.mjs`');
  type Tag = {
    name: string;
    description: unknown;
    attributes: { name: string; description?: string; values?: { name: string }[] }[];
  };
  const data = JSON.parse(readFileSync(file, 'utf8')) as { version: number; tags: Tag[] };
  assert.equal(data.version, 1.1);
  assert.deepEqual(data.tags.map((tag) => tag.name).sort(), elements.map((e) => e.tag).sort());
  for (const tag of data.tags) {
    const attributes = element(tag.name)!.attributes ?? [];
    assert.deepEqual(
      tag.attributes.map((a) => a.name),
      attributes.map((a) => a.name),
      `<${tag.name}> attributes`,
    );
    for (const a of tag.attributes) assert.ok(a.description, `<${tag.name}> ${a.name} has a description`);
  }
  const filter = data.tags
    .find((tag) => tag.name === 'atlas-dashboard-list')!
    .attributes.find((a) => a.name === 'filter')!;
  assert.deepEqual(
    filter.values?.map((v) => v.name),
    ['all', 'mine', 'shared', 'org'],
  );
  const theme = data.tags
    .find((tag) => tag.name === 'atlas-public-viewer')!
    .attributes.find((a) => a.name === 'theme')!;
  assert.deepEqual(
    theme.values?.map((v) => v.name),
    ['light', 'dark', 'auto'],
  );
});

test('a consumer project type-checks against the React and Vue typings, and wrong props are rejected', (t) => {
  for (const f of ['react.d.ts', 'vue.d.ts', 'jsx.d.ts', 'index.d.ts']) {
    if (!existsSync(join(elementsDir, 'dist', f)))
      return t.skip(`components/dist/${f} is missing: run \`node scripts/build.mjs\``);
  }
  // The fixture's @ts-expect-error lines fail the run if the typings accept what they show (an unused directive is an
  // error), so passing means: right props and handlers compile, wrong ones do not.
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'test/consumer/tsconfig.json'], {
      cwd: root,
      encoding: 'utf8',
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    assert.fail(`tsc -p test/consumer/tsconfig.json failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
});
