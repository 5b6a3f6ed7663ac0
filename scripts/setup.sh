#!/usr/bin/env bash
# Installs what building, running and testing Consulta needs, skipping what is
# already there (a second run takes seconds). Needs rustup and root or sudo.
#   scripts/setup.sh            build and run: wasm32 target, wasm-bindgen-cli
#                               (the version in Cargo.lock), wasm-opt (npm binaryen), brotli
#   scripts/setup.sh --tests    also Debian's chromium, postgresql and (if there is no
#                               java) default-jre-headless for the W3C HTML checker
#                               (npm vnu-jar), the end2end npm packages
#   scripts/setup.sh --dev      also cargo-leptos 0.3.10, for `cargo leptos watch`
#   --no-wasm-bindgen           all but wasm-bindgen-cli (the caller installs it
#                               alongside other work with --wasm-bindgen-only)
# Everything goes into $CONSULTA_TOOLS (~/.cache/consulta/tools), nothing into
# ~/.cargo/bin: a wasm-bindgen found elsewhere on PATH does not count.
# Source scripts/env.sh afterwards (the other scripts do) for PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

tests=0; dev=0; wbg=1; only_wbg=0
for a in "$@"; do
  case "$a" in
    --tests) tests=1 ;;
    --dev) dev=1 ;;
    --no-wasm-bindgen) wbg=0 ;;
    --wasm-bindgen-only) only_wbg=1 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

cargo_install() { # crate version [extra args…]: --locked first, then without
  local crate=$1 version=$2; shift 2
  say "cargo install $crate $version"
  cargo install "$crate" --version "$version" --locked "$@" \
    || cargo install "$crate" --version "$version" "$@"
}

# wasm-bindgen-cli, the exact version of the wasm-bindgen crate in Cargo.lock
# (no registry here carries a prebuilt one). Only the `wasm-bindgen` binary,
# without the TLS stack its test runner downloads with (--no-default-features:
# no rustls/ring), unoptimised (--debug): about 130 CPU-seconds to compile
# instead of 320 (340 with the defaults), for 1.6 s instead of 0.3 s per
# bundle and the same output byte for byte. In a build directory of its
# own, so that it can compile while cargo builds the project (one target
# directory would make them wait for each other's lock).
install_wasm_bindgen() {
  local version
  version=$(sed -n '/^name = "wasm-bindgen"$/{n;s/version = "\(.*\)"/\1/p;}' Cargo.lock)
  if [ "$("$CONSULTA_TOOLS/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
    mkdir -p "$CONSULTA_TOOLS"
    cargo_install wasm-bindgen-cli "$version" --root "$CONSULTA_TOOLS" --bin wasm-bindgen --debug \
      --no-default-features --target-dir "$CONSULTA_TOOLS/build/wasm-bindgen"
    rm -rf "$CONSULTA_TOOLS/build/wasm-bindgen"
  fi
}
if [ "$only_wbg" = 1 ]; then install_wasm_bindgen; exit 0; fi

# --- Debian packages -------------------------------------------------------
pkgs=()
command -v cc >/dev/null || pkgs+=(build-essential)
command -v pkg-config >/dev/null || pkgs+=(pkg-config)
command -v node >/dev/null || pkgs+=(nodejs)
command -v npm >/dev/null || pkgs+=(npm)
command -v brotli >/dev/null || pkgs+=(brotli)
command -v gzip >/dev/null || pkgs+=(gzip)
if [ "$tests" = 1 ]; then
  [ -x /usr/bin/chromium ] || pkgs+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || pkgs+=(postgresql)
  command -v java >/dev/null || pkgs+=(default-jre-headless)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  say "apt-get install ${pkgs[*]}"
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
fi

# --- Rust ------------------------------------------------------------------
command -v rustup >/dev/null || { echo "rustup is required (https://rustup.rs)" >&2; exit 1; }
rust_minor=$(rustc --version | sed -E 's/rustc 1\.([0-9]+).*/\1/')
if [ "$rust_minor" -lt 94 ]; then say "rustup update stable (need rustc >= 1.94)"; rustup update stable; fi
for c in clippy rustfmt; do # clippy-driver compiles the workspace (scripts/env.sh)
  if ! rustup component list --installed | grep -q "^$c"; then
    say "rustup component add $c"; rustup component add "$c"
  fi
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$wbg" = 1 ]; then install_wasm_bindgen; fi

# --- wasm-opt from npm binaryen (Debian's is too old for current wasm-bindgen) -
wasm_opt_version=$("$CONSULTA_TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | sed -E 's/.*version ([0-9]+).*/\1/' || true)
if [ -z "$wasm_opt_version" ] || [ "$wasm_opt_version" -lt 132 ]; then
  say "npm install binaryen@132 into $CONSULTA_TOOLS"
  mkdir -p "$CONSULTA_TOOLS"
  npm install --no-audit --no-fund --prefix "$CONSULTA_TOOLS" binaryen@132 >/dev/null
fi

# No install scripts: vnu-jar's would download a Java runtime (Debian's is used).
if [ "$tests" = 1 ] && { [ ! -x end2end/node_modules/.bin/playwright ] \
  || [ ! -f end2end/node_modules/vnu-jar/build/dist/vnu.jar ]; }; then
  say "npm ci (end2end; browsers come from Debian, none is downloaded)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi

if [ "$dev" = 1 ] && ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.10'; then
  cargo_install cargo-leptos 0.3.10 --features no_downloads
fi
say "tools ready"
