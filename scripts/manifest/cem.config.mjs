// Configuration of the manifest analyzer: `cem analyze --config scripts/manifest/cem.config.mjs` (scripts/build.mjs
// runs it). custom-elements.json is generated from the element classes' JSDoc, never edited by hand; the plugins
// (cem-plugins.mjs) complete it and point it at the published files under the elements package's dist/.
import { atlasPlugins } from './cem-plugins.mjs';

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/dist/**', 'components/node_modules/**'],
  litelement: true,
  // package.json already names the manifest ("customElements"); the analyzer must not rewrite it.
  packagejson: false,
  plugins: atlasPlugins(),
};
