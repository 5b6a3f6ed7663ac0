#!/usr/bin/env bash
# Builds the release server and the benchmarks, then runs the ones named.
# Each prints its figures beside a baseline measured in the same run.
#
#   scripts/bench.sh all              # every figure of issue 17, written to bench/latest.md
#   scripts/bench.sh all pages summary  # only those, written the same way
#   scripts/bench.sh rounds           # the comparison of two rounds of 100,000 responses each
#   scripts/bench.sh pages            # respondent pages/s beside /healthz/s; memory under attack
#   scripts/bench.sh responses 20000  # one benchmark, with its argument
#   scripts/bench.sh fuzz [cases]     # the readers' properties (app/src/fuzz.rs), 20,000 cases each
#   scripts/bench.sh housekeeping     # PostgreSQL: starts a throwaway cluster
#
# `all` builds what it needs (the release server and benchmarks, and the
# release site for the first page's weight), runs pages, responses,
# summary, invitations and bundle-size one after another, and writes the
# figures with the date and the machine to bench/latest.md (BENCH_OUT to
# write elsewhere). Every process it starts is stopped and every temporary
# file removed when it ends, also when interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# The release server and the one benchmark binary (`tests/src/bench/`), with
# one package selection and feature set, so that no command builds the
# dependencies again for another.
build_release() {
  cargo build --release -p server -p tests --features tests/bench
}
# `all`: every benchmark, one after another, each in its own process group
# (so that an interrupted run stops the servers it started), with TMPDIR
# pointing into one directory removed at the end; then bench/latest.md.
run_all() {
  local out=${BENCH_OUT:-bench/latest.md}
  local t0 names=() rcs=() name rc commit load_before
  local all=(pages responses summary rounds invitations bundle-size) want=("$@")
  [ ${#want[@]} -gt 0 ] || want=("${all[@]}")
  for name in "${want[@]}"; do
    [[ " ${all[*]} " == *" $name "* ]] || { echo "unknown benchmark '$name': ${all[*]}" >&2; exit 2; }
  done
  t0=$(date +%s)
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  # Global: the EXIT trap reads them after this function has returned.
  tmp=$(mktemp -d /tmp/consulta-bench.XXXXXX)
  pid=
  trap 'if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; sleep 1; kill -KILL -- "-$pid" 2>/dev/null || true; fi; rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM
  echo "==> building: the release server and benchmarks, the release site"
  build_release
  if [[ " ${want[*]} " == *" bundle-size "* ]] && ! scripts/build-site.sh --release --skip-server >"$tmp/site.log" 2>&1; then
    tail -n 30 "$tmp/site.log" >&2
    echo "==> the release site did not build: the first page's weight will be missing" >&2
  fi
  local built=$(( $(date +%s) - t0 ))
  local bin=$CARGO_TARGET_DIR/release
  # step NAME COMMAND...: runs it in a new process group, output to the
  # terminal and to $tmp/NAME.out.
  step() {
    name=$1; shift
    [[ " ${want[*]} " == *" $name "* ]] || return 0
    echo "==> $name"
    : >"$tmp/$name.out"
    TMPDIR=$tmp setsid "$@" >"$tmp/$name.out" 2>&1 &
    pid=$!
    tail -n +1 --pid="$pid" -f "$tmp/$name.out"
    rc=0; wait "$pid" || rc=$?
    pid=
    names+=("$name"); rcs+=("$rc")
    [ "$rc" = 0 ] || echo "==> $name FAILED (exit $rc)" >&2
  }
  step pages "$bin/bench" pages
  step responses "$bin/bench" responses
  step summary "$bin/bench" summary
  step rounds "$bin/bench" rounds
  step invitations "$bin/bench" invitations
  step bundle-size env CONSULTA_SERVER_BIN="$bin/server" scripts/bundle-size.sh
  local total=$(( $(date +%s) - t0 ))
  commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
  mkdir -p "$(dirname "$out")"
  {
    echo "# Benchmarks: the latest run of \`scripts/bench.sh all\`"
    echo
    echo "Written by \`scripts/bench.sh all\`; do not edit by hand."
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`"
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
    echo "- load average (1, 5, 15 min): $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
    echo "- time: ${total} s in all, of which ${built} s building"
    [ ${#want[@]} = ${#all[@]} ] || echo "- only: ${want[*]} (not run: $(for n in "${all[@]}"; do [[ " ${want[*]} " == *" $n "* ]] || printf '%s ' "$n"; done))"
    echo
    echo "| what | figure | baseline (same run) | goal | met |"
    echo "|---|---|---|---|---|"
    for name in "${names[@]}"; do sed -n 's/^@row|\(.*\)$/| \1 |/p' "$tmp/$name.out"; done
    local br
    br=$(sed -n 's/.*brotli: \([0-9]*\) bytes of the \([0-9]*\)-byte budget.*/\1 \2/p' "$tmp/bundle-size.out" 2>/dev/null | tail -n1)
    if [ -n "$br" ]; then
      set -- $br
      echo "| the respondent's first page on the wire, every file it loads (brotli) | $1 bytes | — | ≤ $2 bytes | $([ "$1" -le "$2" ] && echo yes || echo '**no**') |"
    fi
    local i
    for i in "${!names[@]}"; do
      [ "${rcs[$i]}" = 0 ] || echo "| ${names[$i]} | **failed** (exit ${rcs[$i]}) | | | **no** |"
    done
    echo
    echo "## What each printed"
    for i in "${!names[@]}"; do
      echo
      echo "### ${names[$i]}"
      echo
      echo '```'
      # Not the rows (above), blank lines or the servers' log lines.
      { grep -v '^@row|' "$tmp/${names[$i]}.out" | grep -v '^\s*$' \
          | grep -Ev $'^(\e\\[[0-9;]*m)?[0-9]{4}-[0-9]{2}-[0-9]{2}T' | tail -n 60; } || true
      echo '```'
    done
  } >"$out"
  echo "==> ${total} s; figures written to $out"
  local failed=0
  for rc in "${rcs[@]}"; do [ "$rc" = 0 ] || failed=1; done
  return "$failed"
}
which=${1:-all}
shift || true
case "$which" in
  housekeeping)
    build_release
    pgdir=$(mktemp -d /tmp/consulta-bench-pg.XXXXXX)
    trap 'scripts/pg-throwaway.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
    pgurl=$(scripts/pg-throwaway.sh start "$pgdir" "${CONSULTA_BENCH_PG_PORT:-55433}")
    CONSULTA_TEST_DB=postgres CONSULTA_TEST_PG_URL="$pgurl" \
      "$CARGO_TARGET_DIR/release/bench" housekeeping "$@" ;;
  fuzz)
    # The properties of the readers of outside input (the consultation
    # import, the contacts CSV, the response form) over many more cases
    # than `cargo test` runs (256), in release.
    CONSULTA_FUZZ_CASES="${1:-20000}" cargo test --release "${host[@]}" --lib -- fuzz ;;
  invitations|responses|summary|pages|rounds)
    build_release
    "$CARGO_TARGET_DIR/release/bench" "$which" "$@" ;;
  all)
    run_all "$@" ;;
  *) echo "unknown benchmark '$which': all, pages, rounds, invitations, responses, summary, fuzz or housekeeping" >&2; exit 2 ;;
esac
