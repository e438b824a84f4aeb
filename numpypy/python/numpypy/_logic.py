"""Logic functions with NumPy's definitions: ``isclose``, ``allclose``, ``array_equal``,
``array_equiv``. They are NumPy's own formulas over numpypy's ufuncs, so broadcasting, dtype
rules and NaN handling follow from the ufuncs.
"""

import builtins as _b

from . import _core
from ._core import asarray, ndarray
from ._errstate import errstate

__all__ = ["allclose", "array_equal", "array_equiv", "isclose"]


def _operand(x):
    return x if isinstance(x, (int, float, complex)) else asarray(x)


def isclose(a, b, rtol=1.e-5, atol=1.e-8, equal_nan=False):
    x, y, atol, rtol = (_operand(v) for v in (a, b, atol, rtol))
    if isinstance(y, ndarray):
        if y.dtype.kind in "biu":
            y = y.astype("float64")
    elif isinstance(y, int):
        y = float(y)
    with errstate(invalid="ignore"):
        close = _core.less_equal(_core.absolute(_core.subtract(x, y)),
                                 _core.add(atol, _core.multiply(rtol, _core.absolute(y))))
        result = _core.logical_or(_core.logical_and(close, _core.isfinite(y)), _core.equal(x, y))
        if equal_nan:
            result = _core.logical_or(result, _core.logical_and(_core.isnan(x), _core.isnan(y)))
    if isinstance(result, ndarray) and result.ndim == 0:
        return result[()]
    return result


def allclose(a, b, rtol=1.e-5, atol=1.e-8, equal_nan=False):
    res = isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)
    return _b.bool(asarray(res).all())


def array_equal(a1, a2, equal_nan=False):
    try:
        a1, a2 = asarray(a1), asarray(a2)
    except Exception:
        return False
    if a1.shape != a2.shape:
        return False
    if not equal_nan or (a1.dtype.kind not in "fc" and a2.dtype.kind not in "fc"):
        return _b.bool(asarray(_core.equal(a1, a2)).all())
    if a1 is a2:
        return True
    a1nan, a2nan = _core.isnan(a1), _core.isnan(a2)
    if not asarray(_core.equal(a1nan, a2nan)).all():
        return False
    keep = _core.logical_not(a1nan)
    return _b.bool(asarray(_core.equal(a1[keep], a2[keep])).all())


def array_equiv(a1, a2):
    try:
        a1, a2 = asarray(a1), asarray(a2)
    except Exception:
        return False
    try:
        _broadcast(a1.shape, a2.shape)
    except ValueError:
        return False
    return _b.bool(asarray(_core.equal(a1, a2)).all())


def _broadcast(s1, s2):
    from ._manip import broadcast_shapes
    return broadcast_shapes(s1, s2)
