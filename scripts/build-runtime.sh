#!/bin/sh
# Builds what the production image runs into one folder. This script is the only definition of it:
# the Dockerfile's build stage runs it on the build context and the runtime stage copies the folder
# whole, and test/production-image.e2e.test.ts runs it on a copy of the repository made with
# .dockerignore's rules, then starts the result with the Dockerfile's ENV and CMD. A step changed here
# changes both, so what CI starts cannot drift from what the image holds.
#
# Usage, from the root of a fresh copy of the build context (it installs into ./node_modules and
# builds into ./dist, so never from a working checkout):
#   sh scripts/build-runtime.sh <runtime-folder>
set -eu

runtime=${1:?usage: sh scripts/build-runtime.sh <runtime-folder>}
if [ -e node_modules ] || [ -e dist ]; then
  echo "build-runtime: run me in a fresh copy of the build context (found node_modules or dist in $(pwd))" >&2
  exit 2
fi
if [ -e "$runtime" ] && [ -n "$(ls -A "$runtime")" ]; then
  echo "build-runtime: $runtime is not empty" >&2
  exit 2
fi

# Exactly the lockfile, dev dependencies included: the build needs tsc, vite and the admin's packages.
# Install scripts are skipped: no package the service uses needs one, and `prepare` would build twice.
# --prefer-offline takes what the npm cache holds (the lockfile's integrity hashes still check every
# package) instead of asking the registry about each of the 450 packages again.
npm ci --prefer-offline --ignore-scripts --no-audit --no-fund
npm run build
# Only the run-time dependencies stay. A package imported at run time but listed as a dev dependency
# is missing from here, so the CI check fails on it as the image would.
npm prune --omit=dev --ignore-scripts --no-audit --no-fund
# The prune leaves the scope folders of the packages it removed, empty, and vite its empty temp folder.
find node_modules -mindepth 1 -maxdepth 1 -type d -empty -delete

# What runs: the package manifest (it makes dist an ES module), the pruned packages, the compiled
# service (not the benchmarks), the built admin served at `/`, and the samples `nem start` imports.
mkdir -p "$runtime/dist" "$runtime/ui"
cp -R package.json node_modules samples "$runtime/"
cp -R dist/src "$runtime/dist/src"
cp -R ui/dist "$runtime/ui/dist"
