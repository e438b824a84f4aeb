"""Floating-point error handling: ``seterr``, ``geterr``, ``seterrcall``, ``geterrcall`` and the
``errstate`` context manager, with NumPy 2's semantics.

The state is one ``contextvars.ContextVar`` holding ``(divide, over, under, invalid, call)``;
the Rust extension reads it when an operation raised a floating-point flag
(``numpypy/src/fp.rs``), so the same state governs scalar math, array ufuncs and casts.
"""

import contextvars
import functools

from . import _core

__all__ = ["seterr", "geterr", "seterrcall", "geterrcall", "errstate"]

_CATEGORIES = ("divide", "over", "under", "invalid")
_MODES = ("ignore", "warn", "raise", "call", "print", "log")
_DEFAULT = ("warn", "warn", "ignore", "warn", None)

_state = contextvars.ContextVar("numpypy.errstate", default=_DEFAULT)
_core._register_errstate(_state)


def _check_mode(mode):
    if mode not in _MODES:
        raise ValueError(f"invalid error mode {mode!r}")
    return mode


def _updated(state, all=None, divide=None, over=None, under=None, invalid=None):
    modes = list(state[:4])
    if all is not None:
        modes = [_check_mode(all)] * 4
    for i, mode in enumerate((divide, over, under, invalid)):
        if mode is not None:
            modes[i] = _check_mode(mode)
    return (*modes, state[4])


def geterr():
    """The current mode of each category: ``{'divide': 'warn', 'over': 'warn', ...}``."""
    return dict(zip(_CATEGORIES, _state.get()[:4]))


def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    """Set the modes of the current context; returns the previous ones (as ``geterr``)."""
    old = geterr()
    _state.set(_updated(_state.get(), all, divide, over, under, invalid))
    return old


def geterrcall():
    """The callable (or object with ``write``) used by the 'call' and 'log' modes."""
    return _state.get()[4]


def seterrcall(func):
    """Set the 'call'/'log' handler; returns the previous one."""
    if func is not None and not callable(func):
        if not hasattr(func, "write") or not callable(func.write):
            raise ValueError("Only callable can be used as callback")
    old = geterrcall()
    _state.set((*_state.get()[:4], func))
    return old


_UNSPECIFIED = object()


class errstate:
    """Context manager (and decorator) setting floating-point error modes for its block:
    ``with numpypy.errstate(divide='ignore'): ...``. Keywords: ``all``, ``divide``, ``over``,
    ``under``, ``invalid`` and ``call`` (the 'call'/'log' handler)."""

    __slots__ = ("_all", "_divide", "_over", "_under", "_invalid", "_call", "_token")

    def __init__(self, *, call=_UNSPECIFIED, all=None, divide=None, over=None, under=None,
                 invalid=None):
        self._call = call
        self._all, self._divide, self._over = all, divide, over
        self._under, self._invalid = under, invalid
        self._token = None

    def _new_state(self):
        state = _updated(_state.get(), self._all, self._divide, self._over, self._under,
                         self._invalid)
        if self._call is not _UNSPECIFIED:
            state = (*state[:4], self._call)
        return state

    def __enter__(self):
        if self._token is not None:
            raise TypeError("Cannot enter `np.errstate` twice.")
        self._token = _state.set(self._new_state())

    def __call__(self, func):
        @functools.wraps(func)
        def with_errstate(*args, **kwargs):
            token = _state.set(self._new_state())
            try:
                return func(*args, **kwargs)
            finally:
                _state.reset(token)

        return with_errstate

    def __exit__(self, *exc_info):
        # The token stays set: NumPy refuses to enter the same errstate object again.
        _state.reset(self._token)
