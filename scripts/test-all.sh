#!/usr/bin/env bash
# Quick start, part two: every check, in the order CI runs them. Stops at the first failure.
#   1. type check (astro check: .astro, .ts and the page samples against the real SDK types),
#      and alongside it unused files, exports and dependencies (knip, configured in knip.json)
#      and the format check (Prettier, configured in .prettierrc.json)
#   2. unit tests (the mock, the catalog, the samples, the playground runner) in Node, then the
#      mock over HTTP on loopback (endpoint: control API, CloudHSM, CLI, fuzz, real AWS clients)
#   3. build the static site (fails on a broken internal link or anchor), alongside the endpoint tests
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
# slow step is visible without scrolling back through its output. A step that runs alongside
# others (see `start_step`) is marked ∥: the durations then add up to more than the total.
step_names=()
step_starts=()
step_ends=()
step_pids=()
begin_step() {
  step_names+=("$1")
  step_starts+=("$EPOCHSECONDS")
  step_ends+=("")
  step_pids+=("")
}
# Runs one step in the foreground; a failure stops the script (set -e).
step() {
  local name="$1" index="${#step_names[@]}"
  shift
  begin_step "$name"
  printf '\n\033[1m› %s\033[0m\n' "$name"
  "$@"
  step_ends[index]=$EPOCHSECONDS
}
# Starts a step that runs alongside the next ones, in a process group of its own (so that a
# failure elsewhere stops it whole); its output is shown when `finish_step` waits for it, and
# its duration is until it ended (it writes the time into <log>.end), not until it was waited for.
start_step() {
  local name="$1"
  shift
  begin_step "∥ $name"
  local log="$results_dir/step-$((${#step_names[@]} - 1)).log"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'log="$1"; shift; "$@" >"$log" 2>&1; status=$?; echo "$EPOCHSECONDS" >"$log.end"; exit "$status"' \
    step "$log" "$@" &
  step_pids[-1]=$!
}
finish_step() {
  local index status=0
  for index in "${!step_names[@]}"; do
    [ "${step_names[$index]}" = "∥ $1" ] && break
  done
  wait "${step_pids[index]}" || status=$?
  step_ends[index]="$(cat "$results_dir/step-$index.log.end")"
  step_pids[index]=""
  printf '\n\033[1m› %s\033[0m (ran alongside the steps above)\n' "$1"
  cat "$results_dir/step-$index.log"
  return "$status"
}
durations_printed=false
print_step_durations() {
  "$durations_printed" && return 0
  durations_printed=true
  local index now=$EPOCHSECONDS
  printf '\nStep durations:\n'
  for index in "${!step_names[@]}"; do
    printf '  %5ss  %s\n' "$((${step_ends[index]:-$now} - step_starts[index]))" "${step_names[$index]}"
  done
  printf '  %5ss  total (with installs before the first step)\n' "$SECONDS"
}
stop_unfinished_steps() {
  local pid
  for pid in "${step_pids[@]}"; do
    [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null
  done
  return 0
}
trap 'stop_unfinished_steps; print_step_durations' EXIT
vitest_project() {
  local name="$1"
  shift
  npx vitest run --project "$name" "$@" --reporter=default --reporter=json --outputFile.json="$results_dir/$name.json"
}

# The static checks are single-threaded: unused code and the format check share the type check's time.
start_step "Unused code" npm run --silent unused
start_step "Format" npm run --silent format:check
step "Type check" npm run --silent typecheck
finish_step "Unused code"
finish_step "Format"

step "Unit tests" vitest_project unit

# The endpoint tests spend much of their time waiting on the AWS clients they start; the site is
# built meanwhile (nothing in them reads dist/ or src/generated/).
start_step "Build" npm run --silent build
step "Endpoint tests (the mock over HTTP)" vitest_project endpoint
finish_step "Build"

step "Site checks and browser tests" vitest_project site --project browser

step "Quick start in a fresh clone; the packed mock in an empty project" vitest_project setup

# Durations before the summary, so that "Tests: N passed, N failed, N skipped" stays the last line.
print_step_durations
node scripts/summarize-tests.mjs "$results_dir"/*.json
