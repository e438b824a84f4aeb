"""numpypy: a NumPy-compatible array engine in Rust. Use it as ``import numpypy as numpy``."""

from . import _core

__version__ = _core.__version__
