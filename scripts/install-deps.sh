#!/usr/bin/env bash
# Installs node_modules from the lockfile when it is missing or older than the lockfile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› npm ci" >&2
  npm ci --loglevel=error
fi
