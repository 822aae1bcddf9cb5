#!/usr/bin/env bash
# Source this file to put a Node >= 24 on PATH.
# The project targets Node 24 LTS (Astro 7, MSW 3 and Vitest 5 need >= 22.12). When the
# machine's node is older, Node 24 comes from the npm registry's `node@24` package into
# .tools/node24 (about 7 s, once); npm itself stays the system npm and runs under it.
project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  tools_dir="$project_root/.tools/node24"
  if [ ! -x "$tools_dir/node_modules/.bin/node" ]; then
    echo "› Node $(node --version 2>/dev/null || echo none) is older than 24: installing node@24 into .tools/node24" >&2
    # node@24 needs its own preinstall script (it fetches the platform binary package).
    npm install --prefix "$tools_dir" --no-save --no-package-lock --loglevel=error node@24 >&2
  fi
  export PATH="$tools_dir/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 24 ]; then
  echo "✗ could not provide Node 24 (node is $(node --version 2>/dev/null))" >&2
  return 1 2>/dev/null || exit 1
fi
