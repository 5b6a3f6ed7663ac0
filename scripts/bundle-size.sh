#!/usr/bin/env bash
# Checks a respondent's first page against the budget: "a respondent's first
# page, every asset included, in at most 60 KB on the wire" (60,000 bytes,
# brotli, as a browser asks for it). Exits 1 over the budget.
#
# What is counted is what the page really downloads without any interaction:
# its HTML, and each file its HTML loads by itself (stylesheet, icon, and any
# preloaded or `src` script). The islands bundle (JS + wasm) is loaded only
# when a person first reaches an island (app/src/app.rs, islands loader), so it
# counts only if the page preloads it or loads it with a `src` script. Each
# file is fetched from the server three times (identity, gzip, brotli) and
# printed raw, gzip and brotli; the site's other pkg files follow, marked as
# not loaded by this page.
#
# The page: CONSULTA_BUNDLE_URL if set (followed through redirects with a
# cookie jar, so a private link /i/… measures the page it opens); otherwise
# this script starts the built server (CONSULTA_SERVER_BIN, default
# $CARGO_TARGET_DIR/debug/server) on a throwaway SQLite database, invites a
# focal point to a needs assessment as the Secretariat does, and opens the
# private link from the e-mail it writes: the respondent's real first page.
#
# Environment:
#   CONSULTA_SITE_ROOT     site root (default target/site), built by
#                          scripts/build-site.sh --release
#   CONSULTA_SERVER_BIN    the server binary to start (default $CARGO_TARGET_DIR/debug/server)
#   CONSULTA_BUNDLE_URL    measure this page of a running server instead
#   CONSULTA_BUNDLE_BUDGET budget in bytes (default 60000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

site=${CONSULTA_SITE_ROOT:-target/site}
pkg=$site/pkg
budget=${CONSULTA_BUNDLE_BUDGET:-60000}
url=${CONSULTA_BUNDLE_URL:-}
server_bin=${CONSULTA_SERVER_BIN:-$CARGO_TARGET_DIR/debug/server}

fail() { echo "bundle-size: $*" >&2; exit 1; }

if ! [[ "$budget" =~ ^[0-9]+$ ]] || [ "$budget" -eq 0 ]; then
  echo "CONSULTA_BUNDLE_BUDGET must be a positive number of bytes, not '$budget'" >&2
  exit 2
fi
for f in "$pkg"/consulta.css "$pkg"/consulta.js "$pkg"/consulta_bg.wasm; do
  [ -f "$f" ] || fail "not built: $f (run scripts/build-site.sh --release first)"
done

tmp=$(mktemp -d /tmp/consulta-bundle.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
jar=$tmp/cookies

# --- the page ---------------------------------------------------------------
if [ -z "$url" ]; then
  [ -x "$server_bin" ] || fail "no server binary at $server_bin (cargo build -p server, or set CONSULTA_SERVER_BIN or CONSULTA_BUNDLE_URL)"
  password=bundle-size-demo-password
  mkdir -p "$tmp/data"
  DATABASE_URL="sqlite://$tmp/data/bundle.db" LEPTOS_SITE_ADDR=127.0.0.1:0 \
    LEPTOS_SITE_ROOT="$site" CONSULTA_DEMO=true CONSULTA_DEMO_DATA=false \
    CONSULTA_DEMO_PASSWORD="$password" MAIL_URL="file://$tmp/outbox" RUST_LOG=warn \
    "$server_bin" >"$tmp/server.out" 2>"$tmp/server.err" &
  server_pid=$!
  base=
  for _ in $(seq 1 240); do
    base=$(sed -n 's|^Consulta is listening on \(http://[^ ]*\).*|\1|p' "$tmp/server.out")
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.err" >&2; fail "the server stopped before listening"; }
    sleep 0.25
  done
  [ -n "$base" ] || fail "the server did not start listening within 60 s"

  # post PATH FIELD...: a form post as the signed-in Secretariat; prints the Location.
  post() {
    local path=$1; shift
    local args=() out
    for field in "$@"; do args+=(--data-urlencode "$field"); done
    out=$(curl -s -b "$jar" -c "$jar" -o "$tmp/post.html" -w '%{http_code} %{redirect_url}' \
      --max-time 60 "${args[@]}" "$base$path")
    [ "${out%% *}" = 303 ] || fail "POST $path answered HTTP ${out%% *}: $(head -c 400 "$tmp/post.html")"
    echo "${out#* }"
  }
  # version PATH: the record version the page's forms carry.
  version() {
    curl -s -b "$jar" --max-time 60 "$base$1" | grep -o 'name="version" value="[^"]*"' | head -n1 | sed 's/.*value="\(.*\)"/\1/'
  }
  post /sign-in email=secretariat@demo.consulta.test "password=$password" next=/ >/dev/null
  post /contacts party=BO "name=Begoña Núñez" email=begona@bo.example role=management lang=es active=1 >/dev/null
  id=$(post /consultations template=needs-assessment-19-41b | sed -n 's|.*/consultations/\([^/?]*\).*|\1|p')
  [ -n "$id" ] || fail "creating the consultation gave no address"
  post "/consultations/$id/dates" opens_at= deadline=2099-03-31T17:00 "version=$(version "/consultations/$id")" >/dev/null
  post "/consultations/$id/state" to=open "version=$(version "/consultations/$id")" >/dev/null
  post "/consultations/$id/invitations" who=all "version=$(version "/consultations/$id/invitations?who=all")" >/dev/null
  link=
  for _ in $(seq 1 240); do
    eml=$(find "$tmp/outbox" -name '*.eml' 2>/dev/null | head -n1)
    if [ -n "$eml" ]; then
      # Quoted-printable soft line breaks joined, the first private link.
      link=$(tr -d '\r' <"$eml" | sed -e ':a' -e '/=$/{N;s/=\n//;ba}' | grep -o '/i/[0-9a-f]\{64\}' | head -n1 || true)
      [ -n "$link" ] && break
    fi
    sleep 0.25
  done
  [ -n "$link" ] || fail "no invitation e-mail with a private link in $tmp/outbox within 60 s"
  rm -f "$jar"
  url=$base$link
fi

# The page the link (or address) opens, with its cookies, as a browser gets there.
page=$(curl -s -L -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{url_effective}' --max-time 60 "$url") \
  || fail "no server answers at $url"
[ "${page%% *}" = 200 ] || fail "$url answered HTTP ${page%% *}, not a page to measure"
page=${page#* }
origin=$(sed -E 's|^(https?://[^/]+).*|\1|' <<<"$page")

# sizes URL: sets raw, gz and br to the body's size as the server sends it
# when asked for no encoding, for gzip and for brotli.
sizes() {
  local enc out got=()
  for enc in identity gzip br; do
    out=$(curl -s -b "$jar" -H "Accept-Encoding: $enc" -o /dev/null -w '%{http_code} %{size_download}' \
      --max-time 60 "$1") || fail "no answer for $1"
    [ "${out:0:1}" = 2 ] || fail "$1 answered HTTP ${out%% *}"
    got+=("${out#* }")
  done
  raw=${got[0]} gz=${got[1]} br=${got[2]}
}

# Files the HTML loads by itself: stylesheet and icon links, preloads, `src` scripts and images.
curl -s -b "$jar" -H 'Accept-Encoding: identity' --max-time 60 -o "$tmp/page.html" "$page"
loaded=$( { grep -o '<link [^>]*>' "$tmp/page.html" || true; } \
    | { grep -E 'rel="(stylesheet|icon|shortcut icon|preload|modulepreload)"' || true; } \
    | sed -n 's/.* href="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g'
  { grep -o '<\(script\|img\) [^>]*src="[^"]*"' "$tmp/page.html" || true; } \
    | sed -n 's/.* src="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g')

total=0
row() { printf '%-34s %9s %9s %9s\n' "$@"; }
row file raw gzip brotli
sizes "$page"
total=$((total + br))
row "page ${page#"$origin"}" "$raw" "$gz" "$br"
counted=" "
while read -r asset; do
  [ -n "$asset" ] || continue
  case "$asset" in http*) full=$asset ;; /*) full=$origin$asset ;; *) full=${page%/*}/$asset ;; esac
  sizes "$full"
  total=$((total + br))
  name=${asset%%\?*}
  row "$name" "$raw" "$gz" "$br"
  counted+="$(basename "$name") "
done <<<"$loaded"

# The rest of the site's pkg files, from the build's .gz and .br copies.
compressed_size() { # FILE EXT TOOL...: FILE.EXT's size, or FILE compressed by TOOL
  local f=$1 ext=$2; shift 2
  if [ -f "$f.$ext" ] && [ ! "$f.$ext" -ot "$f" ]; then stat -c %s "$f.$ext"; else "$@" <"$f" | wc -c; fi
}
for f in "$pkg"/*; do
  case "$f" in *.br|*.gz) continue ;; esac
  [[ "$counted" == *" $(basename "$f") "* ]] && continue
  if command -v brotli >/dev/null || [ -f "$f.br" ]; then br=$(compressed_size "$f" br brotli -q 11 -c); else br=-; fi
  row "/pkg/$(basename "$f") (not loaded)" "$(stat -c %s "$f")" "$(compressed_size "$f" gz gzip -9 -c)" "$br"
done

pct=$(awk -v n="$total" -v b="$budget" 'BEGIN { printf "%.1f", 100 * n / b }')
printf '%s and the files it loads without interaction, brotli: %d bytes of the %d-byte budget (%s %%)\n' \
  "${page#"$origin"}" "$total" "$budget" "$pct"
if [ "$total" -gt "$budget" ]; then
  fail "over budget by $((total - budget)) bytes ($total > $budget)"
fi
