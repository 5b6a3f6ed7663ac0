#!/usr/bin/env bash
# Prints what a respondent's first page downloads, raw, gzip and brotli,
# against the 200 KB budget (compressed, every asset included).
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=target/site/pkg
total_br=0
printf '%-22s %10s %10s %10s\n' file raw gzip brotli
for f in "$pkg"/consulta.css "$pkg"/consulta.js "$pkg"/consulta_bg.wasm; do
  raw=$(stat -c %s "$f"); gz=$(stat -c %s "$f.gz"); br=$(stat -c %s "$f.br" 2>/dev/null || echo "$gz")
  total_br=$((total_br + br))
  printf '%-22s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf 'assets, brotli: %d bytes of the 200000-byte first-page budget (HTML not included)\n' "$total_br"
