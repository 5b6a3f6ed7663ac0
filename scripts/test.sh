#!/usr/bin/env bash
# Sets up and runs every check and test:
#   formatting and clippy (server and wasm builds), unit tests, the integration
#   suite against SQLite and against a throwaway PostgreSQL cluster, the
#   release islands bundle (with its size), and the Playwright tests in
#   Debian's Chromium with axe-core.
# Each stage prints when it starts (seconds since the start); the run ends
# with the seconds each stage took, and the CPU-seconds of the commands it
# waited for (on 2 cores, far fewer than twice the seconds means the machine
# was busy with something else, or the stage waited on one core).
set -euo pipefail
cd "$(dirname "$0")/.."

times_file=$(mktemp /tmp/consulta-times.XXXXXX)
logs=$(mktemp -d /tmp/consulta-test.XXXXXX) # background jobs' output, shown when they end
cpu() { # cpu_s: CPU-seconds of this script's finished children so far
  times >"$times_file" # in this shell: in a pipe or $(…), a subshell's children would count
  cpu_s=$(awk 'END { split($1, u, /[ms]/); split($2, s, /[ms]/); print int(u[1] * 60 + u[2] + s[1] * 60 + s[2]) }' "$times_file")
}
started=$(date +%s); stage_name=; stage_at=$started; stage_cpu=0; stages=()
stage() { # ends the running stage (its seconds go to the summary), starts "$1"
  local now c; now=$(date +%s); cpu; c=$cpu_s
  [ -z "$stage_name" ] \
    || stages+=("$(printf '%6d s %6d CPU-s  %s' $((now - stage_at)) $((c - stage_cpu)) "$stage_name")")
  stage_name=$1; stage_at=$now; stage_cpu=$c
  [ -z "$1" ] || printf '\033[1m==> [%d s] %s\033[0m\n' $((now - started)) "$1"
}
bg=() # background jobs: ended if the run stops early
trap 'for p in "${bg[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$times_file" "$logs"' EXIT

stage "setup"
scripts/setup.sh --tests --no-wasm-bindgen
source scripts/env.sh

# Clippy with -D warnings runs as the workspace compiles (scripts/env.sh):
# the server side in the test build below, all targets (the benchmarks'
# binaries included), and the browser side in the release islands bundle.
if [ "${RUSTC_WORKSPACE_WRAPPER:-}" != clippy-driver ]; then
  echo "clippy-driver is missing: rustup component add clippy" >&2; exit 1
fi

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "no server-only crate in the browser build"
scripts/check-wasm-deps.sh

# The release islands bundle (and wasm-bindgen-cli when missing) compiles
# from here on, beside everything else, in a target directory of its own.
scripts/build-site.sh --release --skip-server >"$logs/bundle.log" 2>&1 &
bundle_pid=$!; bg+=("$bundle_pid")

# One build of the server side (clippy runs as it compiles): the unit tests,
# the integration suite and the debug server that the end-to-end tests run.
stage "build with clippy (server side)"
cargo test "${host[@]}" --no-run

# Then everything at once, on a built tree: the unit tests and the integration
# suite on SQLite, the integration suite on a throwaway PostgreSQL cluster, and
# the release islands bundle (with clippy, wasm32) followed by its size check
# and the Playwright tests. The tests wait on conditions, not on time, so
# sharing the cores slows them without changing what they check. Each job's
# output is shown when it ends.
stage "unit and integration tests (SQLite, PostgreSQL), bundle size and end-to-end tests (Playwright)"
pgdir=$(mktemp -d /tmp/consulta-pg.XXXXXX)
trap 'for p in "${bg[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$times_file" "$logs"
      scripts/pg-throwaway.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
pgport=${CONSULTA_TEST_PG_PORT:-55432}
pgurl=$(scripts/pg-throwaway.sh start "$pgdir" "$pgport")
running() { # log: until cargo runs a test binary (so it has let go of the build directory), or has stopped
  for _ in $(seq 600); do
    grep -q '^ *Running' "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 0
    sleep 0.2
  done
}
CONSULTA_TEST_DB=sqlite cargo test "${host[@]}" >"$logs/sqlite.log" 2>&1 &
sqlite_pid=$!; bg+=("$sqlite_pid"); running "$logs/sqlite.log" "$sqlite_pid"
# The outage test stops and starts a cluster of its own, on the next port.
CONSULTA_TEST_DB=postgres CONSULTA_TEST_PG_URL="$pgurl" \
  CONSULTA_TEST_PG_OUTAGE_PORT=${CONSULTA_TEST_PG_OUTAGE_PORT:-$((pgport + 1))} \
  cargo test "${host[@]}" --test it >"$logs/postgres.log" 2>&1 &
postgres_pid=$!; bg+=("$postgres_pid"); running "$logs/postgres.log" "$postgres_pid"
# The browser side, once the bundle is built: its size, then Playwright on
# the debug server built above.
if kill -0 "$bundle_pid" 2>/dev/null; then echo "==> waiting for the islands bundle to compile"; fi
if ! wait "$bundle_pid"; then cat "$logs/bundle.log"; echo "the islands bundle did not build" >&2; exit 1; fi
(
  set -e
  cat "$logs/bundle.log"
  echo "==> bundle size"
  scripts/bundle-size.sh
  echo "==> end-to-end tests (Playwright, Debian Chromium, axe-core)"
  cd end2end
  CONSULTA_SERVER_BIN="$CARGO_TARGET_DIR/debug/server" LEPTOS_SITE_ROOT="$PWD/../target/site" npx playwright test
) >"$logs/browser.log" 2>&1 &
browser_pid=$!; bg+=("$browser_pid")
failed=()
for job in sqlite postgres browser; do
  pid_var=${job}_pid; ok=0
  wait "${!pid_var}" || ok=$?
  printf '\033[1m==> [%d s] %s: %s\033[0m\n' $(( $(date +%s) - started )) "$job" "$([ $ok = 0 ] && echo passed || echo FAILED)"
  cat "$logs/$job.log"
  [ "$ok" = 0 ] || failed+=("$job")
done
[ ${#failed[@]} = 0 ] || { echo "failed: ${failed[*]}" >&2; exit 1; }

stage ""
echo "seconds by stage:"
printf '%s\n' "${stages[@]}"
cpu; printf '\033[1m==> all checks passed in %d s (%d CPU-s)\033[0m\n' $(( $(date +%s) - started )) "$cpu_s"
