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
# `tests/bench` builds (and so lints) the benchmark binaries too; they are
# never run as tests.
host=(-p app -p server -p migrations -p tests --features app/ssr,tests/bench)
# The workspace's own crates are compiled by clippy-driver (rustc with
# clippy's lints), with -D warnings: building is linting. A separate
# `cargo clippy` compiles every dependency again in check mode, once for the
# server and once for wasm32, which took a third of the test command's time
# from nothing. Dependencies are compiled by plain rustc either way. The
# builds of every script share this, so a build made by one is fresh for the
# others. (CLIPPY_ARGS is how `cargo clippy` passes `-- ARGS` to the driver;
# `cargo clippy` itself still works and sets both for its own run. Cargo
# does not count the wrapper in a crate's fingerprint: a crate built without
# this file is fresh for a build with it, and not linted again until its
# sources change; a fresh clone, as CI has, always compiles them.)
if command -v clippy-driver >/dev/null; then
  export RUSTC_WORKSPACE_WRAPPER=clippy-driver
  export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
fi
