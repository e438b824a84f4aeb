#!/usr/bin/env bash
# Builds the numpypy extension (release) and installs the `numpypy` package into .venv as an
# editable install (maturin develop: the pure-Python layer is used in place from
# numpypy/python/, the compiled `numpypy/_core*.so` is copied next to it).
# Quick when nothing changed: skipped if the installed extension is newer than every Rust
# source, manifest and lock file it is built from. FORCE=1 rebuilds anyway.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[build_python] %s\n' "$*"; }

if [ ! -x .venv/bin/maturin ]; then
  echo "[build_python] .venv/bin/maturin missing: run scripts/setup.sh first" >&2
  exit 1
fi

so=$(ls numpypy/python/numpypy/_core*.so 2>/dev/null | head -n1 || true)
inputs=(Cargo.toml Cargo.lock pyproject.toml dtypes ufuncs numrt jit numpypy/Cargo.toml numpypy/build.rs numpypy/src)
is_fresh() {
  [ -n "$so" ] || return 1
  .venv/bin/python -c "import numpypy._core" >/dev/null 2>&1 || return 1
  local newer
  newer=$(find "${inputs[@]}" -newer "$so" \( -name '*.rs' -o -name '*.toml' -o -name '*.lock' \) \
            -not -path '*/target/*' -print -quit 2>/dev/null)
  [ -z "$newer" ]
}

if [ "${FORCE:-0}" != 1 ] && is_fresh; then
  say "up to date ($so)"
  exit 0
fi

say "maturin develop --release"
start=$(date +%s)
VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH" \
  .venv/bin/maturin develop --release --quiet
# maturin keeps the old file's mtime when the wheel content is unchanged; mark it as built now.
touch numpypy/python/numpypy/_core*.so
say "built in $(( $(date +%s) - start )) s"
