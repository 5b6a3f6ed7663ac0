#!/usr/bin/env bash
# Sets up and runs every check and test:
#   formatting and clippy (server and wasm builds), unit tests, the integration
#   suite against SQLite and against a throwaway PostgreSQL cluster, the
#   release islands bundle (with its size), and the Playwright tests in
#   Debian's Chromium with axe-core.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
source scripts/env.sh
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
started=$(date +%s)

say "cargo fmt --check"
cargo fmt --all -- --check

say "clippy (server side, all targets)"
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p server -p migrations -p tests --all-targets --features tests/bench -- -D warnings
say "no server-only crate in the browser build"
scripts/check-wasm-deps.sh
say "clippy (browser side, wasm32)"
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

say "unit tests"
cargo test -p app --features ssr
cargo test -p migrations -p server

say "integration tests on SQLite"
CONSULTA_TEST_DB=sqlite cargo test -p tests

say "integration tests on PostgreSQL (throwaway cluster)"
pgdir=$(mktemp -d /tmp/consulta-pg.XXXXXX)
trap 'scripts/pg-throwaway.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
pgport=${CONSULTA_TEST_PG_PORT:-55432}
pgurl=$(scripts/pg-throwaway.sh start "$pgdir" "$pgport")
CONSULTA_TEST_DB=postgres CONSULTA_TEST_PG_URL="$pgurl" cargo test -p tests

say "site: release islands bundle"
cargo build -p server
scripts/build-site.sh --release --skip-server
scripts/bundle-size.sh

say "end-to-end tests (Playwright, Debian Chromium, axe-core)"
(cd end2end && CONSULTA_SERVER_BIN="$CARGO_TARGET_DIR/debug/server" LEPTOS_SITE_ROOT="$PWD/../target/site" npx playwright test)

say "all checks passed in $(( $(date +%s) - started )) s"
