#!/usr/bin/env bash
# Installs node_modules from the lockfile when it is missing or older than the lockfile, so that
# running the quick start again is quick and changes nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› npm ci" >&2
  mkdir -p .tools
  # --prefer-offline: packages already in npm's cache are taken from it without asking the
  # registry again (the lockfile pins each one by its integrity hash); only missing ones are fetched.
  if ! npm ci --prefer-offline --loglevel=error --no-audit --no-fund 2> >(tee .tools/npm-ci.log >&2); then
    echo "✗ npm ci failed ($(grep -m1 -o 'npm error code [A-Z_0-9]*' .tools/npm-ci.log || echo 'see above')); the full output is in .tools/npm-ci.log." >&2
    echo "  Check that the npm registry is reachable (npm ping); ESTRICTALLOWSCRIPTS means a dependency gained an install script: review it and add it to allowScripts in package.json." >&2
    exit 1
  fi
fi
