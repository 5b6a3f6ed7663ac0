#!/usr/bin/env bash
# Sets up, builds and runs Consulta at http://127.0.0.1:3000 on SQLite
# (./data/consulta.db), with demo accounts created on first start.
#   scripts/run.sh            the debug server build with the release islands
#                             bundle: what scripts/test.sh builds, so after the
#                             tests it starts without compiling anything
#   scripts/run.sh --release  the release server (optimised, thin LTO), as for
#                             production: its own build of every dependency
set -euo pipefail
cd "$(dirname "$0")/.."
release=0
for a in "$@"; do
  case "$a" in
    --release) release=1 ;;
    *) echo "unknown option $a (scripts/run.sh [--release])" >&2; exit 2 ;;
  esac
done
scripts/setup.sh
source scripts/env.sh
if [ "$release" = 1 ]; then
  scripts/build-site.sh --release
  bin="$CARGO_TARGET_DIR/release/server"
else
  # The tests' package selection and features (scripts/env.sh), so that the
  # server and its dependencies are the ones the tests built.
  echo "==> server (debug)"
  cargo build "${host[@]}" --bin server
  scripts/build-site.sh --release --skip-server
  bin="$CARGO_TARGET_DIR/debug/server"
fi
export DATABASE_URL="${DATABASE_URL:-sqlite://data/consulta.db}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export CONSULTA_DEMO="${CONSULTA_DEMO:-true}"
exec "$bin" serve
