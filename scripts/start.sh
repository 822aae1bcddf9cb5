#!/usr/bin/env bash
# Quick start, part one: install what is needed and serve the site with the playground.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node24.sh
bash scripts/install-deps.sh
exec npm run dev -- "$@"
