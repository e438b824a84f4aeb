#!/usr/bin/env bash
# The README's main command: set up, then run the main job. Until the Python module and the
# demos exist, that is the core engine's fused-expression example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo run --release --quiet -p numrt --example fused_expr -- "$@"
