#!/usr/bin/env bash
# Fails if a server-only crate is in the browser (wasm32, hydrate) build of `app`.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p app --target wasm32-unknown-unknown --no-default-features --features hydrate -e normal --prefix none)
leaks=$(printf '%s\n' "$tree" | awk '{print $1}' | sort -u \
  | grep -E '^(sea-orm|sea-query|sqlx[a-z-]*|tokio|axum|leptos_axum|lettre|argon2|fluent-templates|tower-http|hyper)$' || true)
if [ -n "$leaks" ]; then
  echo "server-only crates in the wasm build: $leaks" >&2
  exit 1
fi
echo "wasm build: no server-only crate ($(printf '%s\n' "$tree" | awk '{print $1}' | sort -u | wc -l) crates)"
