#!/bin/sh
# The container image's build steps (Dockerfile, build stage), kept here so that CI runs the very same commands on
# the machine itself (test/server/image.test.ts): Docker cannot run there.
#
#   sh scripts/image-build.sh <source folder> <output folder>
#
# In <source folder> (a checkout without node_modules): install exactly the lock file, build the three packages, drop
# the development dependencies; then copy what the server needs at run time into <output folder>: the root and
# workspace package.json files, node_modules (production only, with the workspace links), each package's dist/, the
# demo pages and the health check. Extra npm flags (e.g. --prefer-offline) may come in ATLAS_IMAGE_NPM_FLAGS.
set -eu
if [ $# -ne 2 ]; then
  echo "usage: sh scripts/image-build.sh <source folder> <output folder>" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
cd "$src"

# shellcheck disable=SC2086 # the flags are words on purpose
npm ci --no-audit --no-fund ${ATLAS_IMAGE_NPM_FLAGS:-}
# npm runs install scripts only for packages in package.json "allowScripts"; prove the native module loads.
node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" || npm rebuild better-sqlite3
node scripts/build.mjs --quiet
# shellcheck disable=SC2086
npm prune --omit=dev --no-audit --no-fund ${ATLAS_IMAGE_NPM_FLAGS:-}
node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"

cp -a package.json package-lock.json node_modules demo "$out/"
for pkg in contract server components; do
  mkdir -p "$out/$pkg"
  cp -a "$pkg/package.json" "$pkg/dist" "$out/$pkg/"
done
mkdir -p "$out/scripts"
cp scripts/healthcheck.mjs "$out/scripts/"
echo "image contents in $out"
