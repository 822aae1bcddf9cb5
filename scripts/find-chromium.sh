#!/usr/bin/env bash
# Source this: sets CHROMIUM_PATH for the browser tests, or stops with what to do.
# On CI (root, Debian) a missing browser is installed from Debian's `chromium` package;
# browser downloads such as `npx playwright install` are never used.
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -x "$candidate" ]; then CHROMIUM_PATH="$candidate"; break; fi
  done
fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ "${CI:-}" = "true" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2
  [ -x /usr/bin/chromium ] && CHROMIUM_PATH=/usr/bin/chromium
fi
if [ -z "${CHROMIUM_PATH:-}" ] || [ ! -x "$CHROMIUM_PATH" ]; then
  echo "✗ No Chromium found for the browser tests. Install one (Debian: apt-get install -y chromium)" >&2
  echo "  or point CHROMIUM_PATH at a Chromium/Chrome executable." >&2
  return 1 2>/dev/null || exit 1
fi
export CHROMIUM_PATH
