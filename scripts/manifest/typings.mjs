// Framework typings and editor data, generated from custom-elements.json (scripts/build.mjs runs this after the
// analyzer; `node scripts/manifest/typings.mjs` does it alone). Everything comes from the manifest's custom elements:
//
//   components/dist/jsx.d.ts                    props of each element for any JSX: its writable properties, typed by the
//                                          element class, and an `on<event-name>` handler per event (`onatlas-open`),
//                                          the prop React 19 and Preact turn into addEventListener('atlas-open').
//   components/dist/react.d.ts                  adds those props to React's JSX.IntrinsicElements.
//   components/dist/vue.d.ts                    adds the elements to Vue's GlobalComponents: props from `$props`, events
//                                          from `$emit` (what Vue's template type checking reads).
//   components/dist/vscode.html-custom-data.json  tags and attributes, with descriptions and enum values, for VS Code's
//                                          "html.customData" setting.
//
// Property types are the element classes' own (`Pick<AtlasDashboardList, 'filter'>`), so they cannot drift from the
// source; event types are the classes the manifest names (AtlasOpenEvent), imported from the module it references.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';

const HEADER = '// Generated from custom-elements.json by scripts/manifest/typings.mjs (npm run build). Do not edit.\n';

/** The custom elements of a manifest, with what the generators need. */
export function elementsOf(manifest) {
  return manifest.modules.flatMap((mod) =>
    (mod.declarations ?? [])
      .filter((d) => d.customElement && d.tagName)
      .map((d) => ({
        tag: d.tagName,
        className: d.name,
        module: mod.path,
        summary: oneLine(d.summary ?? d.description ?? ''),
        declaration: d,
        // Writable public properties: what a framework may set. Readonly ones (`loadComplete`, `status`) are outputs.
        props: (d.members ?? []).filter(
          (m) =>
            m.kind === 'field' &&
            !m.static &&
            !m.readonly &&
            !['private', 'protected'].includes(m.privacy) &&
            !/^[#_]/.test(m.name),
        ),
        events: d.events ?? [],
      })),
  );
}

const oneLine = (text) => text.replace(/\s*\n\s*/g, ' ').trim();
const comment = (text, indent = '') => (text ? `${indent}/** ${oneLine(text).replaceAll('*/', '*\\/')} */\n` : '');
const quote = (name) => `'${name}'`;

/** `import type` lines for the named declarations, from their published .d.ts relative to `outFile`. */
function typeImports(names, outFile) {
  const byModule = new Map();
  for (const [name, module] of names) {
    const types = module; // TypeScript finds the .d.ts beside the .js name
    let spec = posix.relative(posix.dirname(outFile), types);
    if (!spec.startsWith('.')) spec = `./${spec}`;
    byModule.set(spec, [...(byModule.get(spec) ?? []), name]);
  }
  return [...byModule]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([spec, list]) => `import type { ${[...new Set(list)].sort().join(', ')} } from '${spec}';\n`)
    .join('');
}

/** Names the generated code uses, with the module that declares each: element classes and event classes. */
function declarationsUsed(elements, { events = true } = {}) {
  const names = new Map();
  const add = (name, module) => {
    if (names.has(name) && names.get(name) !== module)
      throw new Error(`${name} is declared by ${names.get(name)} and ${module}`);
    names.set(name, module);
  };
  for (const el of elements) {
    add(el.className, el.module);
    if (events)
      for (const event of el.events)
        for (const ref of event.type?.references ?? []) if (ref.module) add(ref.name, ref.module);
  }
  return names;
}

const propsName = (el) => `${el.className}Props`;

function jsxTypes(elements, outFile) {
  let out = `${HEADER}${typeImports(declarationsUsed(elements), outFile)}\n`;
  for (const el of elements) {
    const picked = el.props.map((p) => quote(p.name)).join(' | ');
    out += comment(`Props of \`<${el.tag}>\`: ${el.summary}`);
    out += `export interface ${propsName(el)}${picked ? ` extends Partial<Pick<${el.className}, ${picked}>>` : ''} {`;
    for (const event of el.events) {
      out += `\n${comment(`\`${event.name}\`: ${event.description ?? ''}`, '  ')}`;
      out += `  ${quote(`on${event.name}`)}?: (event: ${event.type.text}) => void;`;
    }
    out += `${el.events.length ? '\n' : ''}}\n\n`;
  }
  out += comment('Props of every Atlas element, by tag name.');
  out += `export interface AtlasElementProps {\n${elements.map((el) => `  ${quote(el.tag)}: ${propsName(el)};\n`).join('')}}\n`;
  return out;
}

function reactTypes(elements, outFile) {
  const classes = typeImports(declarationsUsed(elements, { events: false }), outFile);
  const props = elements.map(propsName).sort().join(', ');
  return `${HEADER}${comment(
    'React 19 typings of the Atlas elements: `<atlas-dashboard-list filter="mine" onatlas-open={(e) => open(e.detail.dashboardId)} />`. ' +
      'Properties are set as properties, `on<event-name>` props listen to the events. Load once with `import type {} from` this file.',
  )}import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${classes}import type { ${props} } from './jsx.js';

${comment("React's props of an HTML element, with the element's own props in place of any of the same name.")}type AtlasReactProps<E, P> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof P> & P;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements.map((el) => `${comment(el.summary, '      ')}      ${quote(el.tag)}: AtlasReactProps<${el.className}, ${propsName(el)}>;\n`).join('')}    }
  }
}
`;
}

function vueTypes(elements, outFile) {
  return `${HEADER}${comment(
    'Vue typings of the Atlas elements: templates type-check `<atlas-dashboard-list filter="mine" @atlas-open="…">`. ' +
      'Load once with `import type {} from` this file (Vue must treat atlas-* tags as custom elements: compilerOptions.isCustomElement).',
  )}import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
${typeImports(declarationsUsed(elements), outFile)}
${comment('What Vue reads from a global component: the props of `$props` and the events of `$emit` (template type checking only).')}type AtlasVueElement<E extends HTMLElement, P extends keyof E, Events extends Record<string, Event>> = new () => E & {
  /** @deprecated Not a property of the element: only for template type checking. */
  $props: Omit<HTMLAttributes, P> & Partial<Pick<E, P>> & PublicProps;
  /** @deprecated Not a method of the element: only for template type checking. */
  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
${elements
  .map((el) => {
    const picked = el.props.map((p) => quote(p.name)).join(' | ') || 'never';
    const events = el.events.map((e) => `${quote(e.name)}: ${e.type.text}`).join('; ');
    return `${comment(el.summary, '    ')}    ${quote(el.tag)}: AtlasVueElement<${el.className}, ${picked}, {${events ? ` ${events} ` : ''}}>;\n`;
  })
  .join('')}  }
}
`;
}

/** The values of a union of string literals (`'a' | 'b' | undefined`), or undefined for any other type. */
function literalValues(typeText) {
  const parts = typeText?.split('|').map((s) => s.trim()) ?? [];
  const values = parts.filter((p) => !['undefined', 'null'].includes(p));
  if (!values.length || !values.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p))) return undefined;
  return values.map((p) => p.slice(1, -1));
}

function vscodeData(elements) {
  const list = (title, items, label) =>
    items?.length
      ? `\n\n**${title}**\n${items.map((i) => `- ${label(i)}${i.description ? `: ${oneLine(i.description)}` : ''}`).join('\n')}`
      : '';
  const tags = elements.map((el) => {
    const d = el.declaration;
    const description =
      el.summary +
      list('Events', el.events, (e) => `\`${e.name}\` (${e.type.text})`) +
      list('Slots', d.slots, (s) => (s.name ? `\`${s.name}\`` : 'default')) +
      list('CSS parts', d.cssParts, (p) => `\`${p.name}\``) +
      list('CSS properties', d.cssProperties, (p) => `\`${p.name}\`${p.default ? ` (default \`${p.default}\`)` : ''}`);
    return {
      name: el.tag,
      description: { kind: 'markdown', value: description },
      attributes: (d.attributes ?? []).map((a) => {
        const type = a.expandedType?.text ?? a.type?.text;
        const values = literalValues(type);
        return {
          name: a.name,
          ...(a.description ? { description: oneLine(a.description) } : {}),
          ...(values ? { values: values.map((name) => ({ name })) } : type === 'boolean' ? { valueSet: 'v' } : {}),
        };
      }),
    };
  });
  return `${JSON.stringify({ $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json', version: 1.1, tags }, null, 2)}\n`;
}

/** Writes the four files under `root`/dist (root: the elements package) and returns their paths relative to `root`. */
export function writeTypings(manifest, root) {
  const elements = elementsOf(manifest).sort((a, b) => (a.tag < b.tag ? -1 : 1));
  for (const el of elements) {
    for (const event of el.events)
      if (!event.name || !event.type?.text) throw new Error(`<${el.tag}>: an event without a name or type`);
  }
  const files = {
    'dist/jsx.d.ts': (f) => jsxTypes(elements, f),
    'dist/react.d.ts': (f) => reactTypes(elements, f),
    'dist/vue.d.ts': (f) => vueTypes(elements, f),
    'dist/vscode.html-custom-data.json': () => vscodeData(elements),
  };
  mkdirSync(posix.join(root, 'dist'), { recursive: true });
  for (const [file, make] of Object.entries(files)) writeFileSync(posix.join(root, file), make(file));
  return Object.keys(files);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('../..', import.meta.url).pathname;
  const written = writeTypings(
    JSON.parse(readFileSync(posix.join(root, 'custom-elements.json'), 'utf8')),
    posix.join(root, 'components'),
  );
  console.log(`Wrote ${written.join(', ')}`);
}
