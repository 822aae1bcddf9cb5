#!/usr/bin/env bash
# Source this file to put a Node >= 24 on PATH.
# The project targets Node 24 LTS (Astro 7, MSW 3 and Vitest 5 need >= 22.12). When the
# machine's node is older, Node 24 comes from the npm registry's `node@24` package into
# .tools/node24 (about 7 s, once); npm itself stays the system npm and runs under it.
project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$project_root/scripts/lib/clean-npm.sh"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# The machine's PATH before any provisioning, for tests that start the quick start from scratch.
export KMS_ERRORS_SYSTEM_PATH="${KMS_ERRORS_SYSTEM_PATH:-$PATH}"

if [ "$(node_major)" -lt 24 ]; then
  tools_dir="$project_root/.tools/node24"
  if [ ! -x "$tools_dir/node_modules/.bin/node" ]; then
    echo "› Node $(node --version 2>/dev/null || echo none) is older than 24: installing node@24 into .tools/node24" >&2
    mkdir -p "$tools_dir"
    # A manifest of its own, so that the install allows exactly the one script it needs
    # (node@24's preinstall fetches the platform binary) even under strict-allow-scripts.
    printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$tools_dir/package.json"
    if ! clean_npm install --prefix "$tools_dir" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error node@24 >"$tools_dir/install.log" 2>&1; then
      echo "✗ could not install node@24 from the npm registry ($(grep -m1 -o 'npm error code [A-Z_0-9]*' "$tools_dir/install.log" || echo 'see the log')); details: .tools/node24/install.log" >&2
      echo "  Check that the npm registry is reachable (npm ping), or install Node 24 yourself (for example nvm install 24) and run again." >&2
      return 1 2>/dev/null || exit 1
    fi
  fi
  export PATH="$tools_dir/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 24 ]; then
  echo "✗ could not provide Node 24 (node is $(node --version 2>/dev/null || echo missing)); install Node 24 and run again." >&2
  return 1 2>/dev/null || exit 1
fi
