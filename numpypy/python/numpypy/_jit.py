"""``numpypy.jit``: the decorator that runs a Python function in numpypy's JIT.

``@jit`` and ``@jit(cache=True)`` wrap a function in ``_core.JitFunction``: on its first call
the source is lowered (``_jit_frontend``) to the Rust ``jit`` crate's bytecode and runs in its
interpreter, with CPython's exact results, exceptions and side effects. A function using a
construct the JIT does not handle, or called with an argument it does not handle, runs as plain
Python after one ``JitFallbackWarning`` naming the construct and its line.

``jit.stats(f)`` reports what happened to ``f`` (mode, calls, loop iterations, traces, guard
failures, its bytecode).
"""

import functools

from . import _core

__all__ = ["jit", "JitFallbackWarning"]


class JitFallbackWarning(RuntimeWarning):
    """A ``@numpypy.jit`` function runs as plain Python (the message says why)."""


def jit(func=None, *, cache=False):
    """Compile ``func`` with numpypy's JIT (``@jit`` or ``@jit(cache=True)``).

    ``cache=True`` asks for compiled code to be kept on disk between runs; until the LLVM
    backend lands there is no machine code to keep, and the flag is recorded only.
    """
    if func is None:
        return lambda f: jit(f, cache=cache)
    if not callable(func):
        raise TypeError(f"numpypy.jit expects a function, not {type(func).__name__}")
    return functools.update_wrapper(_core.JitFunction(func, cache), func)


def stats(f):
    """What the JIT did with ``f`` (a ``@numpypy.jit`` function), as a dict."""
    if not isinstance(f, _core.JitFunction):
        raise TypeError("numpypy.jit.stats expects a @numpypy.jit function")
    return f._stats()


def set_param(threshold=None):
    """Tune the JIT: ``threshold`` is the number of iterations a loop runs in the interpreter
    before it is traced (0 turns tracing off; the default is 100, or ``NUMPYPY_JIT_THRESHOLD``).
    Returns the previous settings as a dict."""
    old = {}
    if threshold is not None:
        if int(threshold) < 0:
            raise ValueError("threshold must be >= 0")
        old["threshold"] = _core._jit_set_threshold(int(threshold))
    return old


jit.stats = stats
jit.set_param = set_param
jit.JitFallbackWarning = JitFallbackWarning
