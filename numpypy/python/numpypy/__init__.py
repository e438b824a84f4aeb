"""numpypy: a NumPy-compatible array engine in Rust. Use it as ``import numpypy as numpy``."""

from . import _core
from . import exceptions

__version__ = _core.__version__
