# Sourced by the other scripts: where tools and build output live.
# The cargo target directory is kept outside the clone, so that a fresh clone
# (CI) reuses earlier builds; set CARGO_TARGET_DIR to choose another.
export CONSULTA_TOOLS="${CONSULTA_TOOLS:-$HOME/.cache/consulta/tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/consulta/target}"
export PATH="$HOME/.cargo/bin:$CONSULTA_TOOLS/node_modules/.bin:$PATH"
