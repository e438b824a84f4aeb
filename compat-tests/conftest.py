"""pytest setup for the compat-tests: the comparison helpers (``compat.py``) are importable,
and a run that collected no test fails instead of passing silently (pytest's exit code 5 would
otherwise be indistinguishable from a broken build in CI)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))


def pytest_sessionfinish(session, exitstatus):
    if session.testscollected == 0:
        print("\ncompat-tests: no test collected; is numpypy built (scripts/build_python.sh)?")
        session.exitstatus = 1
