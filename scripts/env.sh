# Sourced by the other scripts: where tools and build output live.
# The cargo target directory is kept outside the clone, so that a fresh clone
# (CI) reuses earlier builds; set CARGO_TARGET_DIR to choose another.
export CONSULTA_TOOLS="${CONSULTA_TOOLS:-$HOME/.cache/consulta/tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/consulta/target}"
# The project's tools (wasm-bindgen, wasm-opt) first, before any other copy.
export PATH="$CONSULTA_TOOLS/bin:$CONSULTA_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# One package selection and feature set for every server-side cargo command
# (clippy, the tests, the debug server): cargo builds a crate again for each
# different set of features a command unifies, so separate selections would
# build app and most dependencies two or three times. (`app` never gets
# `ssr` and `hydrate` together: the browser build is its own command.)
host=(-p app -p server -p migrations -p tests --features app/ssr)
