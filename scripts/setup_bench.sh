#!/usr/bin/env bash
# Benchmark-only installs for bench/demos.py (not part of CI's test setup): PyPy 3 from
# Debian (runs the 2011-style demo loops under a tracing JIT) and Numba in .venv (the @njit
# loops). The benchmark runs without them and says what it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v pypy3 >/dev/null 2>&1; then
  echo "[setup_bench] installing pypy3 (Debian)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pypy3 >/dev/null
fi
if ! .venv/bin/python -c "import numba" >/dev/null 2>&1; then
  echo "[setup_bench] installing numba into .venv"
  .venv/bin/python -m pip install -q numba
fi
echo "[setup_bench] ready: $(pypy3 --version 2>&1 | tr '\n' ' '), numba $(.venv/bin/python -c 'import numba; print(numba.__version__)')"
