#!/usr/bin/env bash
# Installs what numpypy needs to build and test, and does nothing that is already done:
#   - Debian packages: LLVM 19 development files (for the LLVM tier), a C toolchain;
#   - a Rust toolchain must already be on PATH (rustup's; Debian's cargo is too old);
#   - .venv/ at the repository root with numpy, pytest, hypothesis and maturin.
# Safe to run again; quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

apt_packages=(llvm-19-dev libpolly-19-dev libzstd-dev zlib1g-dev build-essential python3-venv)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "[setup] cargo not found: install Rust with rustup (https://rustup.rs) and re-run." >&2
  exit 1
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PY" -m venv .venv
fi
# Reinstall whenever requirements-dev.txt changed since the last install (a stamp holds its hash).
stamp=.venv/.requirements-dev.sha256
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing Python packages into .venv (requirements-dev.txt)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
say "ready: $(cargo --version), $(.venv/bin/python -c 'import numpy; print("numpy", numpy.__version__)')"
