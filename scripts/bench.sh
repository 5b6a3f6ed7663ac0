#!/usr/bin/env bash
# Builds the release server and the benchmarks, then runs the ones named
# (default: all). Each prints its figures beside a baseline measured in the
# same run.
#
#   scripts/bench.sh                 # invitations, responses, summary and rounds
#   scripts/bench.sh responses 20000 # one benchmark, with its argument
#   scripts/bench.sh fuzz [cases]    # the readers' properties (app/src/fuzz.rs), 20,000 cases each
#   scripts/bench.sh housekeeping    # PostgreSQL: starts a throwaway cluster
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
which=${1:-all}
shift || true
case "$which" in
  housekeeping)
    cargo build --release --bin bench-housekeeping --features tests/bench
    pgdir=$(mktemp -d /tmp/consulta-bench-pg.XXXXXX)
    trap 'scripts/pg-throwaway.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
    pgurl=$(scripts/pg-throwaway.sh start "$pgdir" "${CONSULTA_BENCH_PG_PORT:-55433}")
    CONSULTA_TEST_DB=postgres CONSULTA_TEST_PG_URL="$pgurl" \
      "$CARGO_TARGET_DIR/release/bench-housekeeping" "$@" ;;
  invitations|responses|summary|rounds)
    # Only the server and this benchmark: each release binary is a long link.
    cargo build --release --bin server --bin "bench-$which" --features tests/bench
    "$CARGO_TARGET_DIR/release/bench-$which" "$@" ;;
  fuzz)
    # The properties of the readers of outside input (the consultation
    # import, the contacts CSV, the response form) over many more cases
    # than `cargo test` runs (256), in release.
    CONSULTA_FUZZ_CASES="${1:-20000}" cargo test --release "${host[@]}" --lib -- fuzz ;;
  all)
    cargo build --release -p server -p tests --features tests/bench
    "$CARGO_TARGET_DIR/release/bench-invitations"
    "$CARGO_TARGET_DIR/release/bench-responses"
    "$CARGO_TARGET_DIR/release/bench-summary"
    "$CARGO_TARGET_DIR/release/bench-rounds"
    ;;
  *) echo "unknown benchmark '$which': invitations, responses, summary, rounds, fuzz or housekeeping" >&2; exit 2 ;;
esac
