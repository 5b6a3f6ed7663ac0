#!/usr/bin/env bash
# Checks the crates of the browser build (wasm32, `hydrate`) of `app`:
#   1. allowlist: every crate must be listed in scripts/wasm-deps.allow, so a
#      new crate in the bundle is a reviewed change to that file;
#   2. denylist: no server-only crate, even one added to the allowlist.
# Exits 1, naming the crates, if either check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C # one collation for sort and comm

allow_file=scripts/wasm-deps.allow
server_only='^(sea-orm|sea-orm-migration|sea-query|sea-schema|sqlx[a-z-]*|tokio|axum|leptos_axum|lettre|argon2|fluent-templates|tower|tower-http|hyper|hyper-util|tracing-subscriber|rpassword|migrations|server)$'

if [ ! -f "$allow_file" ]; then
  echo "missing $allow_file (the crates allowed in the wasm build)" >&2
  exit 1
fi

tree=$(cargo tree -p app --target wasm32-unknown-unknown --no-default-features --features hydrate -e normal --prefix none)
crates=$(printf '%s\n' "$tree" | awk 'NF {print $1}' | sort -u)
allowed=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$allow_file" | awk 'NF' | sort -u)
count=$(printf '%s\n' "$crates" | wc -l)

failed=0
leaks=$(printf '%s\n' "$crates" | grep -E "$server_only" || true)
if [ -n "$leaks" ]; then
  echo "server-only crates in the wasm build: $(echo $leaks)" >&2
  failed=1
fi
listed=$(printf '%s\n' "$allowed" | grep -E "$server_only" || true)
if [ -n "$listed" ]; then
  echo "server-only crates listed in $allow_file (remove them): $(echo $listed)" >&2
  failed=1
fi
new=$(comm -23 <(printf '%s\n' "$crates") <(printf '%s\n' "$allowed"))
if [ -n "$new" ]; then
  echo "crates in the wasm build not in $allow_file: $(echo $new)" >&2
  echo "  (if the bundle really needs them, add them there; see its header)" >&2
  failed=1
fi
if [ "$failed" = 1 ]; then
  exit 1
fi

stale=$(comm -13 <(printf '%s\n' "$crates") <(printf '%s\n' "$allowed"))
if [ -n "$stale" ]; then
  echo "note: allowed but no longer in the wasm build (may be removed from $allow_file): $(echo $stale)"
fi
echo "wasm build: no server-only crate, all allowlisted ($count crates)"
