#!/usr/bin/env bash
# The README's test command: set up, then run every test of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] cargo test --workspace"
cargo test --workspace --quiet
echo "[test] build the numpypy Python module"
bash scripts/build_python.sh
echo "[test] compat-tests (numpypy against NumPy)"
.venv/bin/python -m pytest -q compat-tests
echo "[test] Python demos against the demo binaries"
.venv/bin/python -m pytest -q demos/python_tests
