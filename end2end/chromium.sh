#!/usr/bin/env bash
# Starts Chromium (CHROMIUM_PATH, else Debian's /usr/bin/chromium) for the
# end-to-end tests with every --disable-features switch merged into one, and
# every --enable-features switch: Chromium keeps only the last of each, so
# the tests' own list (playwright.config.ts) would silently drop the one
# Playwright passes first.
set -euo pipefail
exe=${CHROMIUM_PATH:-/usr/bin/chromium}
args=() disable=() enable=()
for a in "$@"; do
  case "$a" in
    --disable-features=?*) disable+=("${a#--disable-features=}") ;;
    --enable-features=?*) enable+=("${a#--enable-features=}") ;;
    --disable-features= | --enable-features=) ;;
    *) args+=("$a") ;;
  esac
done
join() { local IFS=,; echo "$*"; }
if [ ${#disable[@]} -gt 0 ]; then args+=("--disable-features=$(join "${disable[@]}")"); fi
if [ ${#enable[@]} -gt 0 ]; then args+=("--enable-features=$(join "${enable[@]}")"); fi
exec "$exe" "${args[@]}"
