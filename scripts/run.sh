#!/usr/bin/env bash
# The README's first command: set up, build the demos, and run the Sobel demo on the built-in
# generated video (1000 frames of 640x480), printing fps once a second and a summary; the last
# output frame is written to out/sobel.png (and the lens of `magnify -b` to out/magnify.png).
#
#   ./scripts/run.sh [sobel options]   the Sobel demo (e.g. --frames 1000, --threads 1)
#   ./scripts/run.sh main-job [n]      the earlier main job: examples/main_job.py, NumPy-style
#                                      expressions with numpypy and NumPy side by side
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "main-job" ]; then
  shift
  bash scripts/build_python.sh
  exec .venv/bin/python examples/main_job.py "$@"
fi
cargo build --release -q -p demos
mkdir -p out
target/release/sobel --out out/sobel.png "$@"
target/release/magnify -b --frames 60 --quiet --out out/magnify.png
echo "[run] wrote out/sobel.png (edges of the last frame) and out/magnify.png (the lens, bilinear)"
