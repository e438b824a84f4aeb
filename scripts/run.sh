#!/usr/bin/env bash
# The README's main command: set up, build the Python module, then run the main job
# (examples/main_job.py: NumPy-style expressions on 10^7 elements with numpypy and NumPy, results
# checked to agree, timings side by side; pass n as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build_python.sh
.venv/bin/python examples/main_job.py "$@"
