#!/usr/bin/env bash
# Builds the site the way cargo-leptos does, from the same workspace metadata
# (output-name, site-root, style-file, assets-dir, lib-profile-release), but
# without needing cargo-leptos itself (a 38-minute install on 2 cores):
#   1. the server binary (app with `ssr`),
#   2. the islands bundle: app for wasm32 with `hydrate`, wasm-bindgen, wasm-opt -Oz,
#   3. CSS and static assets into the site root, with .br and .gz copies.
# Usage: scripts/build-site.sh [--release] [--skip-server]
set -euo pipefail
cd "$(dirname "$0")/.."

release=0; server=1
for a in "$@"; do
  case "$a" in
    --release) release=1 ;;
    --skip-server) server=0 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

meta() { # the value of KEY in [[workspace.metadata.leptos]]
  sed -n "/^\[\[workspace.metadata.leptos\]\]/,/^\[/p" Cargo.toml | sed -n "s/^$1 *= *\"\(.*\)\"/\1/p" | head -n1
}
name=$(meta output-name); site=$(meta site-root); pkg=$(meta site-pkg-dir)
style=$(meta style-file); assets=$(meta assets-dir); wasm_profile=$(meta lib-profile-release)
target_dir=${CARGO_TARGET_DIR:-target}

if [ "$release" = 1 ]; then profile_flag=(--release); profile_dir=release; wasm_flag=(--profile "$wasm_profile"); wasm_dir=$wasm_profile
else profile_flag=(); profile_dir=debug; wasm_flag=(); wasm_dir=debug; fi

if [ "$server" = 1 ]; then
  echo "==> server (${profile_dir})"
  cargo build -p server "${profile_flag[@]}"
fi

# The browser build has a target directory of its own: it shares no
# artifact with the server's (another target, another profile), and with
# its own lock it compiles while the server side does. wasm-bindgen-cli,
# when missing, compiles beside it.
browser_dir=$target_dir/browser
scripts/setup.sh --wasm-bindgen-only &
wbg=$!
echo "==> islands bundle (wasm32, ${wasm_dir})"
CARGO_TARGET_DIR=$browser_dir cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate "${wasm_flag[@]}"
wait "$wbg"

out="$site/$pkg"
rm -rf "$out"; mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$name" \
  "$browser_dir/wasm32-unknown-unknown/$wasm_dir/app.wasm"
if [ "$release" = 1 ]; then
  echo "==> wasm-opt -Oz"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm.opt"
  mv "$out/${name}_bg.wasm.opt" "$out/${name}_bg.wasm"
fi

cp "$style" "$out/$name.css"
cp -r "$assets"/. "$site"/

echo "==> compressing"
for f in "$out"/*.js "$out"/*.wasm "$out"/*.css "$site"/*.svg; do
  [ -f "$f" ] || continue
  gzip -9 -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
ls -l "$out"
