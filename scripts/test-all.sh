#!/usr/bin/env bash
# Quick start, part two: every check, in the order CI runs them. Stops at the first failure.
#   1. type check (astro check: .astro, .ts and the page samples against the real SDK types),
#      then unused files, exports and dependencies (knip, configured in knip.json), then the
#      format check (Prettier, configured in .prettierrc.json)
#   2. unit tests (the mock, the catalog, the samples, the playground runner) in Node, then the
#      mock over HTTP on loopback (endpoint: control API, CloudHSM, CLI, fuzz, real AWS clients)
#   3. build the static site (fails on a broken internal link or anchor)
#   4. checks over the built site, then browser tests in real Chromium
#   5. the quick start itself: `npm start` in a fresh clone serves the site; and the mock as a
#      user gets it: `npm pack`, installed into an empty project, its README example run there
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node24.sh
bash scripts/install-deps.sh
source scripts/find-chromium.sh
source scripts/install-aws-clients.sh
export ASTRO_TELEMETRY_DISABLED=1

results_dir="$(mktemp -d)"
# Each step's wall-clock duration, printed together at the end (also when a step fails), so a
# slow step is visible without scrolling back through its output.
step_names=()
step_starts=()
step() {
  step_names+=("$*")
  step_starts+=("$SECONDS")
  printf '\n\033[1m› %s\033[0m\n' "$*"
}
durations_printed=false
print_step_durations() {
  "$durations_printed" && return 0
  durations_printed=true
  local index next_start total=$SECONDS
  printf '\nStep durations:\n'
  for index in "${!step_names[@]}"; do
    next_start="${step_starts[$((index + 1))]:-$total}"
    printf '  %5ss  %s\n' "$((next_start - step_starts[index]))" "${step_names[$index]}"
  done
  printf '  %5ss  total (with installs before the first step)\n' "$total"
}
trap print_step_durations EXIT
vitest_project() {
  local name="$1"
  shift
  npx vitest run --project "$name" "$@" --reporter=default --reporter=json --outputFile.json="$results_dir/$name.json"
}

step "Type check"
npm run --silent typecheck

step "Unused code"
npm run --silent unused

step "Format"
npm run --silent format:check

step "Unit tests"
vitest_project unit

step "Endpoint tests (the mock over HTTP)"
vitest_project endpoint

step "Build"
npm run --silent build

step "Site checks and browser tests"
vitest_project site --project browser

step "Quick start in a fresh clone; the packed mock in an empty project"
vitest_project setup

# Durations before the summary, so that "Tests: N passed, N failed, N skipped" stays the last line.
print_step_durations
node scripts/summarize-tests.mjs "$results_dir"/*.json
