#!/usr/bin/env bash
# Checks what a respondent's first page downloads against the budget: "a
# respondent's first page, every asset included and compressed" must stay
# within 120 KB (120,000 bytes). Prints each asset raw, gzip and brotli, then
# the brotli total; exits 1 if it is over the budget.
#
# Counted: the CSS, the JS loader and the wasm of the site's pkg directory
# (their .gz and .br copies from scripts/build-site.sh; computed here if
# missing), plus the HTML of the page when a server answers at
# CONSULTA_BUNDLE_URL (fetched with Accept-Encoding: br, as a browser would).
#
# Environment:
#   CONSULTA_SITE_ROOT     site root (default target/site); assets in its pkg/
#   CONSULTA_BUNDLE_URL    a running server's first page, e.g. http://127.0.0.1:3000/
#   CONSULTA_BUNDLE_BUDGET budget in bytes (default 120000)
set -euo pipefail
cd "$(dirname "$0")/.."

site=${CONSULTA_SITE_ROOT:-target/site}
pkg=$site/pkg
budget=${CONSULTA_BUNDLE_BUDGET:-120000}
url=${CONSULTA_BUNDLE_URL:-}

if ! [[ "$budget" =~ ^[0-9]+$ ]] || [ "$budget" -eq 0 ]; then
  echo "CONSULTA_BUNDLE_BUDGET must be a positive number of bytes, not '$budget'" >&2
  exit 2
fi

files=("$pkg"/consulta.css "$pkg"/consulta.js "$pkg"/consulta_bg.wasm)
missing=()
for f in "${files[@]}"; do
  [ -f "$f" ] || missing+=("$f")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bundle-size: not built: ${missing[*]} (run scripts/build-site.sh --release first)" >&2
  exit 1
fi

# compressed_size FILE EXT TOOL...: the size of FILE.EXT, or of FILE
# compressed by TOOL when that copy is missing or older than FILE.
compressed_size() {
  local f=$1 ext=$2; shift 2
  if [ -f "$f.$ext" ] && [ ! "$f.$ext" -ot "$f" ]; then
    stat -c %s "$f.$ext"
  else
    "$@" <"$f" | wc -c
  fi
}

total=0
printf '%-22s %10s %10s %10s\n' file raw gzip brotli
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(compressed_size "$f" gz gzip -9 -c)
  if [ -f "$f.br" ] || command -v brotli >/dev/null; then
    br=$(compressed_size "$f" br brotli -q 11 -c)
  else
    echo "note: no brotli copy of $(basename "$f") and no brotli command: counting gzip" >&2
    br=$gz
  fi
  total=$((total + br))
  printf '%-22s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done

html_note="HTML not included"
if [ -n "$url" ]; then
  if out=$(curl -s -H 'Accept-Encoding: br' --compressed -o /dev/null \
      -w '%{http_code} %{size_download}' --max-time 20 "$url"); then
    code=${out%% *}; html=${out##* }
    if [ "${code:0:1}" != 2 ]; then
      echo "bundle-size: $url answered HTTP $code, not a page to measure" >&2
      exit 1
    fi
    total=$((total + html))
    printf '%-22s %10s %10s %10d\n' "HTML page" - - "$html"
    html_note="HTML included (from $url)"
  else
    html_note="HTML not included: no server reachable at $url"
  fi
else
  html_note="HTML not included: set CONSULTA_BUNDLE_URL to a running server's page"
fi

pct=$(awk -v n="$total" -v b="$budget" 'BEGIN { printf "%.1f", 100 * n / b }')
printf 'first page, brotli: %d bytes of the %d-byte budget (%s %%); %s\n' \
  "$total" "$budget" "$pct" "$html_note"
if [ "$total" -gt "$budget" ]; then
  echo "bundle-size: over budget by $((total - budget)) bytes ($total > $budget)" >&2
  exit 1
fi
