import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server package's folder, whether running from source (server/) or from its build (server/dist/). */
function packageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const SERVER_PACKAGE_DIR = packageDir();

/**
 * The browser bundles the server hands out under /assets (the public viewer page loads them): they belong to the
 * elements package, found the way Node finds any dependency, so an installed server and this repository (a workspace
 * link) serve the same files.
 */
export const BROWSER_DIST = join(
  dirname(createRequire(import.meta.url).resolve('@atlas-sharing/elements/package.json')),
  'dist',
  'browser',
);

/** The demo portal's pages: in this repository only (beside server/), not in the published server package. */
export const DEMO_DIR = join(SERVER_PACKAGE_DIR, '..', 'demo');
