#!/usr/bin/env bash
# Sets up, builds a release and runs Consulta at http://127.0.0.1:3000 on
# SQLite (./data/consulta.db), with demo accounts created on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
scripts/build-site.sh --release
export DATABASE_URL="${DATABASE_URL:-sqlite://data/consulta.db}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export CONSULTA_DEMO="${CONSULTA_DEMO:-true}"
exec "$CARGO_TARGET_DIR/release/server" serve
