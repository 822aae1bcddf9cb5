#!/usr/bin/env bash
# Source this: sets CHROMIUM_PATH for the browser tests, or stops with what to do.
# Order: $CHROMIUM_PATH, then the usual Debian/Ubuntu/Chrome paths; as root on a Debian-like
# machine a missing browser is installed from the distribution's `chromium` package. Browser
# downloads such as `npx playwright install` are never used.
if [ -n "${CHROMIUM_PATH:-}" ] && [ ! -x "$CHROMIUM_PATH" ]; then
  echo "✗ CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file; point it at a Chromium or Chrome binary." >&2
  return 1 2>/dev/null || exit 1
fi
if [ -z "${CHROMIUM_PATH:-}" ]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -x "$candidate" ]; then CHROMIUM_PATH="$candidate"; break; fi
  done
fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's chromium for the browser tests" >&2
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/kms-errors-apt-chromium.log 2>&1; then
    CHROMIUM_PATH=/usr/bin/chromium
  else
    echo "✗ apt-get install chromium failed (log: /tmp/kms-errors-apt-chromium.log); is a Debian mirror reachable?" >&2
  fi
fi
if [ -z "${CHROMIUM_PATH:-}" ] || [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "✗ No Chromium found for the browser tests, and not root, so none can be installed here." >&2
  else
    echo "✗ No Chromium found for the browser tests." >&2
  fi
  echo "  Install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome executable." >&2
  return 1 2>/dev/null || exit 1
fi
export CHROMIUM_PATH
