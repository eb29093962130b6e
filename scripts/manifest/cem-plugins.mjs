// Plugins for @custom-elements-manifest/analyzer (`cem analyze --config scripts/manifest/cem.config.mjs`, run by
// scripts/build.mjs). The analyzer reads the element classes' JSDoc; these plugins fill in what it cannot know about
// this package, so that custom-elements.json is complete and describes the files the package ships:
//
//   1. defineElement('atlas-x', AtlasX) calls (components/define/*) are custom-element definitions, like
//      customElements.define(); a define() whose tag is a variable (the helper itself) is not one.
//   2. `@cssproperty` tags on a shared style module (components/styles/tokens.ts) document the custom properties of every
//      element whose styles include that module; an element's own tag for the same property wins.
//   3. Fields and attributes typed with an alias of string literals (`ListFilter`) get an `expandedType` with the values.
//   4. Every event must have a name and a type; a type naming a class of the package gets a reference to its module.
//   5. Module paths and module references point at the published JavaScript, e.g.
//      components/dashboard-list/dashboard-list.ts -> dist/dashboard-list/dashboard-list.js (in the elements package); modules are
//      sorted by path (the same manifest on every machine), and modules whose import registers elements say which.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** The repository path (`components/a/b.ts`) of a path the analyzer writes: `components/a/b.ts`, `/components/a/b.js`,
 * or `./b.js` relative to `fromModule`. */
function sourcePath(path, fromModule) {
  let p = path.replace(/^\/+/, '');
  if (path.startsWith('.')) p = posix.join(posix.dirname(fromModule), path);
  return posix.normalize(p).replace(/\.js$/, '.ts');
}

/** Where the build puts a source module's JavaScript. */
const publishedPath = (source) => `dist/${source.replace(/^components\//, '').replace(/\.ts$/, '.js')}`;

/** Relative import specifiers of a source file (static imports and re-exports, side-effect imports separately). */
function importsOf(source) {
  let text;
  try {
    text = readFileSync(`${root}${source}`, 'utf8');
  } catch {
    return { all: [], sideEffect: [] };
  }
  const resolve = (spec) => sourcePath(posix.join(posix.dirname(source), spec), source);
  const all = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/gm)].map((m) => resolve(m[1]));
  const sideEffect = [...text.matchAll(/^\s*import\s*['"](\.[^'"]+)['"]/gm)].map((m) => resolve(m[1]));
  return { all: [...all, ...sideEffect], sideEffect };
}

const isStyleModule = (source) => source.endsWith('.styles.ts') || source.startsWith('components/styles/');

/** The style modules an element's module pulls in: its *.styles.ts and components/styles/* imports, transitively. */
function styleClosure(source) {
  const seen = new Set();
  const queue = importsOf(source).all.filter(isStyleModule);
  while (queue.length) {
    const next = queue.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...importsOf(next).all.filter(isStyleModule));
  }
  return seen;
}

const taggedElements = (manifest) =>
  manifest.modules.flatMap((mod) =>
    (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ mod, d })),
  );

/** 1. defineElement() calls are definitions; customElements.define(tag, ctor) with a variable tag is not. */
function defineCallsPlugin() {
  const bogus = new Map(); // module path -> names of definitions to drop
  return {
    name: 'atlas - define calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const [tagArg, classArg] = node.arguments;
      const callee = node.expression.getText();
      if (
        /^(window\.|globalThis\.)?customElements\.define$/.test(callee) &&
        tagArg &&
        !ts.isStringLiteralLike(tagArg)
      ) {
        bogus.set(moduleDoc.path, [...(bogus.get(moduleDoc.path) ?? []), tagArg.getText()]);
      }
      if (
        callee !== 'defineElement' ||
        !tagArg ||
        !ts.isStringLiteralLike(tagArg) ||
        !classArg ||
        !ts.isIdentifier(classArg)
      )
        return;
      const className = classArg.text;
      let module = moduleDoc.path;
      for (const statement of node.getSourceFile().statements) {
        const names = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
        if (names && ts.isNamedImports(names) && names.elements.some((e) => e.name.text === className)) {
          module = sourcePath(
            posix.join(posix.dirname(moduleDoc.path), statement.moduleSpecifier.text),
            moduleDoc.path,
          );
        }
      }
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tagArg.text, declaration: { name: className, module } },
      ];
    },
    moduleLinkPhase({ moduleDoc }) {
      const names = bogus.get(moduleDoc.path);
      if (names)
        moduleDoc.exports = moduleDoc.exports?.filter(
          (e) => !(e.kind === 'custom-element-definition' && names.includes(e.name)),
        );
    },
  };
}

/** Parses the text after `@cssproperty`: `[--name=default] - description` or `--name - description`. */
function parseCssProperty(text) {
  const m = /^\s*(?:\[(--[\w-]+)(?:=([^\]]*))?\]|(--[\w-]+))\s*(?:-\s*)?([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  const doc = { name: m[1] ?? m[3] };
  if (m[4]?.trim()) doc.description = m[4].trim().replace(/\s*\n\s*/g, ' ');
  if (m[2] !== undefined) doc.default = m[2].trim();
  return doc;
}

/** 2. `@cssproperty` tags on a style module's variable apply to every element whose styles include the module. */
function sharedCssPropertiesPlugin() {
  const shared = new Map(); // source path -> cssProperties
  return {
    name: 'atlas - shared css properties',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isVariableStatement(node)) return;
      for (const doc of node.jsDoc ?? []) {
        for (const tag of doc.tags ?? []) {
          if (!['cssproperty', 'cssprop'].includes(tag.tagName.text)) continue;
          const text = typeof tag.comment === 'string' ? tag.comment : (tag.comment ?? []).map((c) => c.text).join('');
          const parsed = parseCssProperty(text);
          if (!parsed) throw new Error(`${moduleDoc.path}: cannot read @${tag.tagName.text} ${text}`);
          shared.set(moduleDoc.path, [...(shared.get(moduleDoc.path) ?? []), parsed]);
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const { mod, d } of taggedElements(customElementsManifest)) {
        d.cssProperties ??= [];
        for (const style of [...styleClosure(mod.path)].sort()) {
          for (const prop of shared.get(style) ?? []) {
            if (!d.cssProperties.some((p) => p.name === prop.name)) d.cssProperties.push({ ...prop });
          }
        }
      }
    },
  };
}

/** 3. `type ListFilter = 'all' | 'mine' | …`: fields and attributes of such a type list the values in `expandedType`. */
function literalUnionTypesPlugin() {
  const aliases = new Map(); // alias name -> values, or null when two modules define the name differently
  return {
    name: 'atlas - literal union types',
    analyzePhase({ ts, node }) {
      if (!ts.isTypeAliasDeclaration(node)) return;
      const members = ts.isUnionTypeNode(node.type) ? node.type.types : [node.type];
      if (!members.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) return;
      const values = members.map((t) => t.literal.text);
      const name = node.name.text;
      const known = aliases.get(name);
      aliases.set(name, known === undefined || known?.join('|') === values.join('|') ? values : null);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const { d } of taggedElements(customElementsManifest)) {
        for (const item of [...(d.members ?? []), ...(d.attributes ?? [])]) {
          const parts = item.type?.text?.split('|').map((s) => s.trim());
          if (!parts?.some((p) => aliases.get(p))) continue;
          const expanded = parts.flatMap((p) => aliases.get(p)?.map((v) => `'${v}'`) ?? [p]);
          item.expandedType = { text: expanded.join(' | ') };
        }
      }
    },
  };
}

/** 4. Events: a name and a type each (the build fails otherwise); types naming a class of the package get a reference. */
function eventTypesPlugin() {
  return {
    name: 'atlas - event types',
    packageLinkPhase({ customElementsManifest }) {
      const classes = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const d of mod.declarations ?? []) if (d.kind === 'class') classes.set(d.name, mod.path);
      }
      for (const { d } of taggedElements(customElementsManifest)) {
        for (const event of d.events ?? []) {
          if (!event.name || !event.type?.text) {
            throw new Error(
              `<${d.tagName}> has an event without a ${event.name ? 'type' : 'name'} (${JSON.stringify(event)}): ` +
                'document it as `@event {AtlasXEvent} atlas-x - …` and mark an undocumentable dispatch with /** @ignore */',
            );
          }
          const references = [...event.type.text.matchAll(/[A-Za-z_$][\w$]*/g)]
            .filter((m) => classes.has(m[0]))
            .map((m) => ({ name: m[0], module: classes.get(m[0]), start: m.index, end: m.index + m[0].length }));
          if (references.length) event.type.references = references;
        }
      }
    },
  };
}

/** 5. Published paths, sorted modules, and what importing a module registers. Runs last. */
function publishedPathsPlugin() {
  return {
    name: 'atlas - published paths',
    packageLinkPhase({ customElementsManifest }) {
      const { modules } = customElementsManifest;
      // What each module defines itself, then through its side-effect imports (define/atlas-dashboard-list.js imports
      // define/atlas-dashboard-card.js; atlas.js imports them all).
      const own = new Map(
        modules.map((m) => [
          m.path,
          (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name),
        ]),
      );
      const registered = (path, seen = new Set()) => {
        if (seen.has(path)) return [];
        seen.add(path);
        return [...(own.get(path) ?? []), ...importsOf(path).sideEffect.flatMap((p) => registered(p, seen))];
      };
      const tags = (list) => list.map((t) => `<${t}>`).join(', ');
      for (const mod of modules) {
        const mine = own.get(mod.path) ?? [];
        const through = [...new Set(registered(mod.path))].filter((t) => !mine.includes(t));
        if (!mod.description && (mine.length || through.length)) {
          const what = [mine.length && tags(mine), through.length && `${tags(through)} through its imports`];
          mod.description = `Side effect: importing this module defines ${what.filter(Boolean).join(', and ')}.`;
        }
      }
      // Every `module` (exports, superclasses, inheritedFrom, type references) relative to the package root.
      const rewrite = (value, fromModule) => {
        if (Array.isArray(value)) return value.forEach((v) => rewrite(v, fromModule));
        if (!value || typeof value !== 'object') return;
        for (const [key, v] of Object.entries(value)) {
          // Skips a reference already rewritten: the analyzer shares objects between a class and its subclasses.
          if (key === 'module' && typeof v === 'string') {
            if (!v.startsWith('dist/')) value.module = publishedPath(sourcePath(v, fromModule));
          } else rewrite(v, fromModule);
        }
      };
      for (const mod of modules) {
        const source = mod.path;
        for (const key of ['declarations', 'exports']) rewrite(mod[key], source);
        mod.path = publishedPath(source);
      }
      modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export const atlasPlugins = () => [
  defineCallsPlugin(),
  sharedCssPropertiesPlugin(),
  literalUnionTypesPlugin(),
  eventTypesPlugin(),
  publishedPathsPlugin(),
];
