"""Differential testing of numpypy against NumPy.

``same(case)`` runs one case twice, with ``np`` bound to ``numpy`` and then to ``numpypy``, and
asserts that both runs behave alike:

- results: same type name, dtype and shape; values exact for ints and bools, within ``ulps``
  units in the last place for floats (NaN positions exact, signed zeros distinguished), and the
  same ``repr`` text unless ``text=False``; tuples, lists and dicts are compared item by item;
- exceptions: the same class hierarchy (the names along the MRO, so ``AxisError`` must be a
  ValueError and an IndexError on both sides) and, unless ``message=False``, the same text;
- warnings: the same categories and messages, in the same order.

A case is a string (an expression evaluated with ``np`` in scope, or statements with ``exec``
when ``stmt=True``, whose result is the variable ``out``) or a function ``f(np)``.
"""

import math
import struct
import warnings

import numpy
import numpypy

__all__ = ["same", "outcome", "Outcome"]


class Outcome:
    """What one run produced: a value or an exception, plus the warnings issued."""

    def __init__(self, value=None, error=None, warns=()):
        self.value, self.error, self.warns = value, error, list(warns)

    def describe(self):
        if self.error is not None:
            return f"raised {type(self.error).__name__}: {self.error}"
        return f"returned {self.value!r}"


def outcome(case, np, stmt=False):
    """Run ``case`` with ``np`` as the array module and record what happened."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn", under="ignore"):
            try:
                value = _run(case, np, stmt)
            except Exception as error:  # noqa: BLE001 - the exception is the result
                return Outcome(error=error, warns=_warning_texts(caught))
    return Outcome(value=value, warns=_warning_texts(caught))


def _run(case, np, stmt):
    if callable(case):
        return case(np)
    scope = {"np": np, "numpy": np, "math": math}
    if stmt:
        exec(case, scope)
        return scope.get("out")
    return eval(case, scope)


def _warning_texts(caught):
    return [(w.category.__name__, str(w.message)) for w in caught]


def same(case, *, ulps=0, text=True, message=True, warns=True, stmt=False):
    """Assert that ``case`` behaves the same with numpypy as with NumPy."""
    want = outcome(case, numpy, stmt)
    got = outcome(case, numpypy, stmt)
    where = f"case {case!r}:\n  numpy   {want.describe()}\n  numpypy {got.describe()}"
    if want.error is not None or got.error is not None:
        _same_error(want.error, got.error, message, where)
    else:
        _same_value(want.value, got.value, ulps, text, where)
    if warns:
        assert got.warns == want.warns, f"{where}\n  warnings {want.warns} != {got.warns}"
    return got.value


def _same_error(want, got, message, where):
    assert want is not None and got is not None, where
    names = lambda e: [c.__name__ for c in type(e).__mro__]  # noqa: E731
    assert names(got) == names(want), f"{where}\n  classes {names(want)} != {names(got)}"
    if message:
        assert str(got) == str(want), f"{where}\n  messages differ"


def _same_value(want, got, ulps, text, where):
    if isinstance(want, (tuple, list)):
        assert type(got).__name__ == type(want).__name__, where
        assert len(got) == len(want), where
        for w, g in zip(want, got):
            _same_value(w, g, ulps, text, where)
        return
    if isinstance(want, dict):
        assert isinstance(got, dict) and list(got) == list(want), where
        for key in want:
            _same_value(want[key], got[key], ulps, text, where)
        return
    if isinstance(want, type):
        assert isinstance(got, type) and got.__name__ == want.__name__, where
        return
    if isinstance(want, numpy.ndarray):
        _same_array(want, got, ulps, text, where)
        return
    if isinstance(want, numpy.dtype):
        # NumPy's dtypes are instances of per-dtype classes (Float64DType); numpypy's of one.
        assert isinstance(got, numpypy.dtype), f"{where}\n  not a dtype"
        assert got.str == want.str and got.name == want.name, f"{where}\n  dtypes differ"
    else:
        assert type(got).__name__ == type(want).__name__, f"{where}\n  types differ"
    if isinstance(want, numpy.generic):
        assert got.dtype.str == want.dtype.str, f"{where}\n  dtypes differ"
    if isinstance(want, numpy.dtype):
        pass
    elif isinstance(want, (numpy.generic, bool, int, float, complex)):
        fmt = _FLOAT_FORMATS.get(want.dtype.itemsize // (2 if want.dtype.kind == "c" else 1),
                                 "d") if isinstance(want, numpy.generic) else "d"
        assert _close(want.item() if isinstance(want, numpy.generic) else want,
                      got.item() if hasattr(got, "item") else got, ulps, fmt), where
    elif want is None or isinstance(want, (str, bytes)):
        assert got == want, where
    if text:
        assert repr(got) == repr(want), f"{where}\n  repr differs"
        assert str(got) == str(want), f"{where}\n  str differs"


# struct format of a float by its size in bytes (float16 'e', float32 'f', float64 'd').
_FLOAT_FORMATS = {2: "e", 4: "f", 8: "d"}
_INT_FORMATS = {"e": "<h", "f": "<i", "d": "<q"}


def _same_array(want, got, ulps, text, where):
    """Same dtype, then shape, then values (element by element), then text."""
    assert type(got).__name__ == "ndarray", f"{where}\n  not an ndarray"
    assert got.dtype.str == want.dtype.str, f"{where}\n  dtypes {want.dtype} != {got.dtype}"
    assert tuple(got.shape) == want.shape, f"{where}\n  shapes {want.shape} != {got.shape}"
    fmt = _FLOAT_FORMATS.get(want.dtype.itemsize // (2 if want.dtype.kind == "c" else 1), "d")
    flat_want = want.ravel().tolist()
    flat_got = _flatten(got.tolist(), want.ndim)
    for i, (w, g) in enumerate(zip(flat_want, flat_got)):
        assert _close(w, g, ulps, fmt), f"{where}\n  element {i}: {w!r} != {g!r}"
    if text:
        assert repr(got) == repr(want), f"{where}\n  repr differs"
        assert str(got) == str(want), f"{where}\n  str differs"


def _flatten(nested, ndim):
    if ndim == 0:
        return [nested]
    out = []
    for item in nested:
        out.extend(_flatten(item, ndim - 1))
    return out


def _close(want, got, ulps, fmt="d"):
    """Exact for bools and ints; floats and complex parts within ``ulps`` units in the last
    place of the float format ``fmt`` (NaN == NaN, signed zeros distinguished)."""
    if isinstance(want, complex) or isinstance(got, complex):
        want, got = complex(want), complex(got)
        return (_close(want.real, got.real, ulps, fmt)
                and _close(want.imag, got.imag, ulps, fmt))
    if isinstance(want, float) or isinstance(got, float):
        return _float_close(float(want), float(got), ulps, fmt)
    return type(want) is type(got) and want == got


def _float_close(want, got, ulps, fmt):
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    if math.isinf(want) or math.isinf(got) or want == 0 or got == 0:
        return want == got and math.copysign(1, want) == math.copysign(1, got)
    return abs(_ordinal(want, fmt) - _ordinal(got, fmt)) <= ulps


def _ordinal(x, fmt):
    """Position of a float of format ``fmt`` on the number line: neighbours differ by 1."""
    bits = struct.unpack(_INT_FORMATS[fmt], struct.pack("<" + fmt, x))[0]
    sign_mask = (1 << (struct.calcsize(fmt) * 8 - 1)) - 1
    return bits if bits >= 0 else -(bits & sign_mask)
