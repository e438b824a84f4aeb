#!/usr/bin/env bash
# The README's test command: set up, then run every test of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] cargo test --workspace"
cargo test --workspace --quiet
