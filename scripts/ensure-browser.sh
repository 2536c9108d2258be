#!/usr/bin/env bash
# The season page's browser test (SeasonPageBrowserTest) drives Debian's chromium through
# chromedriver. `mvn test` runs this script first (exec-maven-plugin, phase process-test-classes):
# when either is missing it installs both as root with apt-get, and otherwise fails saying the
# exact command, so the browser test never silently skips. `-DskipTests` skips this script too.
set -euo pipefail

chromium="${LULLABEAM_CHROMIUM:-/usr/bin/chromium}"
driver="${LULLABEAM_CHROMEDRIVER:-/usr/bin/chromedriver}"
install="apt-get install -y chromium chromium-driver"

if [ -x "$chromium" ] && [ -x "$driver" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: $chromium or $driver is missing; installing: $install"
  export DEBIAN_FRONTEND=noninteractive
  $install || { apt-get update && $install; }
  if [ -x "$chromium" ] && [ -x "$driver" ]; then
    exit 0
  fi
  echo "ensure-browser: $install did not provide $chromium and $driver" >&2
  exit 1
fi
echo "ensure-browser: the page's browser test needs $chromium and $driver; install them with:" \
  "sudo $install  (Debian/Ubuntu), or point LULLABEAM_CHROMIUM and LULLABEAM_CHROMEDRIVER at a" \
  "Chromium and its matching chromedriver" >&2
exit 1
