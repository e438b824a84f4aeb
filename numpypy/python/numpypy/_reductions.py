"""ufunc methods (``reduce``, ``accumulate``, ``outer``, ``at``: called as
``<name>(ufunc, *args, **kwargs)`` by the ufunc object, so Python's argument errors name the
method as NumPy's do) and the reduction family of
functions (``sum`` ... ``std``, the ``nan*`` functions, ``ptp``, ``average``, ``median``,
``percentile``, ``quantile``), with NumPy's argument rules and messages.

This is glue: reorderable reductions (``add``, ``multiply``, ``minimum``, ``maximum``,
``logical_and``, ``logical_or``) and ``cumsum``/``cumprod`` run as numrt's fused reductions
(the ndarray methods); other ufuncs reduce as a sequence of ufunc calls along the axis, each
writing into the accumulator in place, which is NumPy's own order of evaluation.
"""

import warnings as _warnings

from . import _core
from ._core import asarray, full, ndarray
from .exceptions import AxisError


class _NoValueType:
    def __repr__(self):
        return "<no value>"


_NoValue = _NoValueType()

# ufunc name -> ndarray method running it as a numrt reduction.
_FAST_REDUCE = {"add": "sum", "multiply": "prod", "minimum": "min", "maximum": "max",
                "logical_and": "all", "logical_or": "any"}
_FAST_ACCUMULATE = {"add": "cumsum", "multiply": "cumprod"}
# Ufuncs NumPy lets reduce over several axes at once (identity or "reorderable" flag).
_REORDERABLE = set(_FAST_REDUCE) | {"bitwise_and", "bitwise_or", "bitwise_xor", "logical_xor",
                                    "fmax", "fmin"}
_COMPARISONS = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"}


# ---------------------------------------------------------------- argument helpers

def _normalize_axes(axis, ndim):
    """``axis=`` as a tuple of non-negative ints (None: every axis)."""
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, tuple) else (axis,)
    out = []
    for ax in axes:
        ax = _core_index(ax)
        if not -ndim <= ax < ndim:
            raise AxisError(ax, ndim)
        ax %= ndim
        if ax in out:
            raise ValueError("duplicate value in 'axis'")
        out.append(ax)
    return tuple(out)


def _core_index(ax):
    try:
        return ax.__index__()
    except AttributeError:
        raise TypeError(f"'{type(ax).__name__}' object cannot be interpreted as an integer") from None


def _check_binary(uf, method):
    if uf.nin != 2:
        what = "outer product" if method == "outer" else method
        raise ValueError(f"{what} only supported for binary functions")
    if uf.nout != 1:
        raise ValueError(f"{method} only supported for functions returning a single value")


def _reduce_dtype(uf, dt, dtype):
    """The dtype a reduction of ``uf`` over ``dt`` computes in (NumPy's defaults: ``add`` and
    ``multiply`` widen bools and small ints to the platform int)."""
    if dtype is not None:
        return _core.dtype(dtype)
    if uf.__name__ in ("add", "multiply"):
        if dt.kind == "b" or (dt.kind == "i" and dt.itemsize < 8):
            return _core.dtype("int64")
        if dt.kind == "u" and dt.itemsize < 8:
            return _core.dtype("uint64")
    if uf.__name__ in _COMPARISONS and dt.kind != "b":
        raise TypeError(f"No loop matching the specified signature and casting was found for ufunc {uf.__name__}")
    empty = full((0,), 0, dt)
    return uf(empty, empty).dtype


def _finish(result, out, keepdims_shape=None, op=None):
    """Write ``result`` into ``out`` (cast as NumPy's reductions do: unsafely) or return it."""
    if keepdims_shape is not None:
        result = asarray(result).reshape(keepdims_shape)
    if out is None:
        return result
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
        out = out[0]
    if not isinstance(out, ndarray):
        raise TypeError("output must be an array")
    if not out.flags.writeable:
        raise ValueError("output array is read-only")
    res = asarray(result)
    if op is not None and res.ndim != out.ndim:
        raise ValueError(f"output parameter for reduction operation {op} has the wrong number of "
                         f"dimensions: Found {out.ndim} but expected {res.ndim}")
    if res.shape != out.shape:
        raise ValueError(f"output parameter for reduction operation has the wrong shape: "
                         f"expected {res.shape}, got {out.shape}")
    out[...] = res  # NumPy's reductions cast into out= unsafely

    return out


def _scalar_or_array(a):
    """A 0-d result as NumPy returns it from a reduction: a scalar."""
    return a[()] if isinstance(a, ndarray) and a.ndim == 0 else a


# ---------------------------------------------------------------- ufunc.reduce

def reduce(uf, array, axis=0, dtype=None, out=None, keepdims=False, initial=_NoValue,
                 where=True):
    _check_binary(uf, "reduce")
    a = asarray(array)
    axes = () if a.ndim == 0 and axis in (0, None) else _normalize_axes(axis, a.ndim)
    name = uf.__name__
    if len(axes) > 1 and name not in _REORDERABLE:
        raise ValueError(f"reduction operation '{name}' is not reorderable, so at most one axis may be specified")
    dt = _reduce_dtype(uf, a.dtype, dtype)
    masked = not (where is True)
    if masked and initial is _NoValue and uf.identity is None:
        raise ValueError(f"reduction operation '{name}' does not have an identity, so to use a "
                         "where mask one has to specify 'initial'")
    keep_shape = tuple(1 if k in axes else n for k, n in enumerate(a.shape)) if keepdims else None
    if name in _FAST_REDUCE and masked and axes:
        # Masked-out elements must not count: the identity, or (minimum, maximum: idempotent)
        # the initial value.
        fill = uf.identity if uf.identity is not None else initial
        src = a if a.dtype == dt else a.astype(dt)
        filled = _core._select(_broadcast_mask(where, a.shape), src, full((), fill, dt))
        result = _fast_reduce(uf, filled.astype(dt), axes, dt, initial)
    elif name in _FAST_REDUCE and axes:
        result = _fast_reduce(uf, a, axes, dt, initial)
    elif name in _EXACT_TREE and not masked and axes:
        result = _tree_reduce(uf, a, axes, dt, initial)
    else:
        result = _sequential_reduce(uf, a, axes, dt, initial, where if masked else None)
    result = _finish(result, out, keep_shape, name)
    return result if out is not None else _scalar_or_array(result)


def _fast_reduce(uf, a, axes, dt, initial):
    n = 1
    for k in axes:
        n *= a.shape[k]
    rest = tuple(s for k, s in enumerate(a.shape) if k not in axes)
    if n == 0 and initial is not _NoValue:
        return full(rest, initial, dt)
    method = _FAST_REDUCE[uf.__name__]
    src = a if a.dtype == dt or method in ("sum", "prod") else a.astype(dt)
    if method in ("sum", "prod"):
        result = getattr(src, method)(axis=axes, dtype=dt)
    else:
        result = getattr(src, method)(axis=axes)
    if initial is not _NoValue:
        result = uf(result, full((), initial, dt))
    return asarray(result)


# Reorderable ufuncs whose results do not depend on the order of evaluation at all.
_EXACT_TREE = {"bitwise_and", "bitwise_or", "bitwise_xor", "logical_xor", "fmax", "fmin"}


def _tree_reduce(uf, a, axes, dt, initial):
    """Reduce by halving: log2(n) vectorised steps, exact for ``_EXACT_TREE`` ufuncs."""
    others = tuple(k for k in range(a.ndim) if k not in axes)
    rest = tuple(a.shape[k] for k in others)
    n = 1
    for k in axes:
        n *= a.shape[k]
    if n == 0:
        return _sequential_reduce(uf, a, axes, dt, initial, None)
    lanes = a.transpose(axes + others).reshape((n,) + rest).astype(dt)
    while lanes.shape[0] > 1:
        m = lanes.shape[0]
        half = uf(lanes[0:m - m % 2:2, ...], lanes[1:m:2, ...])
        lanes = half if m % 2 == 0 else _concat_first(half, lanes[m - 1:m, ...], dt)
    acc = lanes[0, ...]
    if initial is not _NoValue:
        acc = uf(acc, full((), initial, dt))
    return asarray(acc).astype(dt)


def _concat_first(x, y, dt):
    out = full((x.shape[0] + 1,) + x.shape[1:], 0, dt)
    out[:x.shape[0], ...] = x
    out[x.shape[0]:, ...] = y
    return out


def _sequential_reduce(uf, a, axes, dt, initial, where):
    """Reduce ``a`` over ``axes`` as NumPy's inner loop does: one ufunc call per element of
    the (merged) reduction axis, in order, into an accumulator."""
    others = tuple(k for k in range(a.ndim) if k not in axes)
    rest = tuple(a.shape[k] for k in others)
    n = 1
    for k in axes:
        n *= a.shape[k]
    lanes = a.transpose(axes + others).reshape((n,) + rest) if a.ndim else a.reshape((1,))
    mask = None
    if where is not None:
        mask = _broadcast_mask(where, a.shape).transpose(axes + others).reshape((n,) + rest)
    if initial is _NoValue:
        if n == 0:
            if uf.identity is None:
                raise ValueError(f"zero-size array to reduction operation {uf.__name__} which has no identity")
            return full(rest, uf.identity, dt)
        acc = lanes[0, ...].astype(dt)
        start = 1
    else:
        acc = full(rest, initial, dt)
        start = 0
    if mask is not None and start == 1:
        acc = full(rest, uf.identity, dt)
        start = 0
    flags = 0
    for i in range(start, lanes.shape[0]):
        m = None if mask is None else mask[i, ...]
        flags |= _core._call_quiet(uf, (acc, lanes[i, ...]), acc, m)
    _core._report_fp_flags(flags, "reduce")
    return acc


def _broadcast_mask(where, shape):
    mask = where if isinstance(where, ndarray) else asarray(where, dtype="bool")
    return _core._select(mask, full(shape, True, "bool"), False)


# ---------------------------------------------------------------- accumulate, outer, at

def accumulate(uf, array, axis=0, dtype=None, out=None):
    _check_binary(uf, "accumulate")
    a = asarray(array)
    if a.ndim == 0:
        raise TypeError("cannot accumulate on a scalar")
    if axis is None or (isinstance(axis, tuple) and len(axis) != 1):
        raise ValueError("accumulate does not allow multiple axes")
    (ax,) = _normalize_axes(axis, a.ndim)
    dt = _reduce_dtype(uf, a.dtype, dtype)
    if uf.__name__ in _FAST_ACCUMULATE:
        result = getattr(a, _FAST_ACCUMULATE[uf.__name__])(axis=ax, dtype=dt)
    else:
        result = _sequential_accumulate(uf, a, ax, dt)
    return _finish(result, out)


def _sequential_accumulate(uf, a, ax, dt):
    order = (ax,) + tuple(k for k in range(a.ndim) if k != ax)
    lanes = a.transpose(order)
    result = full(lanes.shape, 0, dt)
    if lanes.shape[0]:
        result[0, ...] = lanes[0, ...].astype(dt)
    flags = 0
    for i in range(1, lanes.shape[0]):
        flags |= _core._call_quiet(uf, (result[i - 1, ...], lanes[i, ...]), result[i, ...])
    _core._report_fp_flags(flags, "accumulate")
    inverse = tuple(order.index(k) for k in range(a.ndim))
    return result.transpose(inverse)


def outer(uf, *args, **kwargs):
    _check_binary(uf, "outer")
    if len(args) != 2:
        raise TypeError("exactly two arguments expected")
    A, B = args
    a, b = asarray(A), asarray(B)
    return uf(a.reshape(a.shape + (1,) * b.ndim), b, **kwargs)


def at(uf, a, indices, b=None, /):
    """Unbuffered in-place ``a[indices] = uf(a[indices], b)``: repeated indices accumulate."""
    if not isinstance(a, ndarray):
        raise TypeError("first operand must be array")
    if uf.nout != 1:
        raise ValueError("ufunc.at only supports ufuncs with a single output")
    if uf.nin == 2 and b is None:
        raise ValueError("second operand needed for ufunc")
    if uf.nin == 1 and b is not None:
        raise ValueError("second operand provided when ufunc is unary")
    # NumPy resolves the loop first (bool subtract raises before any index is looked at).
    probe = b if b is None or _is_python_scalar(b) else asarray(b).reshape((-1,))[:0]
    loop_dtype = uf(*((a.reshape((-1,))[:0],) + (() if b is None else (probe,))), casting="unsafe").dtype
    # NumPy's flags name the ufunc on its no-cast fast path and "at" otherwise.
    cast = loop_dtype != a.dtype or (b is not None and not _is_python_scalar(b) and asarray(b).dtype != a.dtype)
    if isinstance(indices, list) and not indices:
        indices = _core.zeros((0,), "int64")  # numrt's indexing reads [] as a float index
    positions = _core.arange(a.size).reshape(a.shape)[indices]
    positions = asarray(positions)
    flat = positions.reshape((-1,)).tolist()
    if b is not None:
        values = b if _is_python_scalar(b) else _broadcast_values(asarray(b), positions.shape)
    flags = 0
    for k, pos in enumerate(flat):
        target = a[_unravel(pos, a.shape) + (Ellipsis,)]
        args = (target,) if b is None else (target, values if _is_python_scalar(values) else values[k])
        flags |= _core._call_quiet(uf, args, target, None, "unsafe")
    _core._report_fp_flags(flags, "at" if cast else uf.__name__)


def _is_python_scalar(x):
    return isinstance(x, (bool, int, float, complex))


def _broadcast_values(b, shape):
    if b.shape == shape:
        return b.reshape((-1,))
    return _core._select(full(shape, True, "bool"), b, b).reshape((-1,))


def _unravel(pos, shape):
    index = []
    for n in reversed(shape):
        pos, r = divmod(pos, n)
        index.append(r)
    return tuple(reversed(index))


# ---------------------------------------------------------------- module-level reductions

def _method(name, a, out, **kwargs):
    a = asarray(a)
    return _finish(getattr(a, name)(**kwargs), out)


def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue, where=True):
    if initial is not _NoValue or where is not True:
        return _core.add.reduce(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims,
                                initial=initial, where=where)
    return _method("sum", a, out, axis=axis, dtype=dtype, keepdims=keepdims)


def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=_NoValue, where=True):
    if initial is not _NoValue or where is not True:
        return _core.multiply.reduce(a, axis=axis, dtype=dtype, out=out, keepdims=keepdims,
                                     initial=initial, where=where)
    return _method("prod", a, out, axis=axis, dtype=dtype, keepdims=keepdims)


def max(a, axis=None, out=None, keepdims=False, initial=_NoValue, where=True):
    if initial is not _NoValue or where is not True:
        return _core.maximum.reduce(a, axis=axis, out=out, keepdims=keepdims, initial=initial,
                                    where=where)
    return _method("max", a, out, axis=axis, keepdims=keepdims)


def min(a, axis=None, out=None, keepdims=False, initial=_NoValue, where=True):
    if initial is not _NoValue or where is not True:
        return _core.minimum.reduce(a, axis=axis, out=out, keepdims=keepdims, initial=initial,
                                    where=where)
    return _method("min", a, out, axis=axis, keepdims=keepdims)


amax, amin = max, min


def all(a, axis=None, out=None, keepdims=False):
    return _method("all", a, out, axis=axis, keepdims=keepdims)


def any(a, axis=None, out=None, keepdims=False):
    return _method("any", a, out, axis=axis, keepdims=keepdims)


def mean(a, axis=None, dtype=None, out=None, keepdims=False):
    return _method("mean", a, out, axis=axis, dtype=dtype, keepdims=keepdims)


def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    return _method("var", a, out, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims)


def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    return _method("std", a, out, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims)


def cumsum(a, axis=None, dtype=None, out=None):
    return _method("cumsum", a, out, axis=axis, dtype=dtype)


def cumprod(a, axis=None, dtype=None, out=None):
    return _method("cumprod", a, out, axis=axis, dtype=dtype)


def ptp(a, axis=None, out=None, keepdims=False):
    a = asarray(a)
    return _finish(_core.subtract(a.max(axis=axis, keepdims=keepdims),
                                  a.min(axis=axis, keepdims=keepdims)), out)


# ---------------------------------------------------------------- nan-ignoring reductions

def _replace_nan(a, value):
    """``a`` with NaNs replaced by ``value`` (inexact dtypes only), and the NaN mask."""
    a = asarray(a)
    if a.dtype.kind not in "fc":
        return a, None
    mask = _core.isnan(a)
    return _core._select(mask, value, a), mask


def nansum(a, axis=None, dtype=None, out=None, keepdims=False):
    arr, _ = _replace_nan(a, 0)
    return sum(arr, axis=axis, dtype=dtype, out=out, keepdims=keepdims)


def nanprod(a, axis=None, dtype=None, out=None, keepdims=False):
    arr, _ = _replace_nan(a, 1)
    return prod(arr, axis=axis, dtype=dtype, out=out, keepdims=keepdims)


def _nan_extreme(a, axis, out, keepdims, ufunc_name, fill):
    a = asarray(a)
    if a.dtype.kind not in "fc":
        return _method("min" if ufunc_name == "fmin" else "max", a, out, axis=axis, keepdims=keepdims)
    axes = _normalize_axes(axis, a.ndim) if a.ndim else ()
    n = 1
    for k in axes:
        n *= a.shape[k]
    if n == 0:
        raise ValueError(f"zero-size array to reduction operation {ufunc_name} which has no identity")
    arr, mask = _replace_nan(a, fill)
    method = "min" if ufunc_name == "fmin" else "max"
    res = getattr(arr, method)(axis=axis, keepdims=keepdims)
    all_nan = mask.all(axis=axis, keepdims=keepdims)
    if _core.asarray(all_nan).any():
        _warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=3)
        res = _scalar_or_array(_core._select(all_nan, float("nan"), res))
    return _finish(res, out)


def nanmin(a, axis=None, out=None, keepdims=False):
    return _nan_extreme(a, axis, out, keepdims, "fmin", float("inf"))


def nanmax(a, axis=None, out=None, keepdims=False):
    return _nan_extreme(a, axis, out, keepdims, "fmax", float("-inf"))


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False):
    arr, mask = _replace_nan(a, 0)
    if mask is None:
        return mean(arr, axis=axis, dtype=dtype, out=out, keepdims=keepdims)
    cnt = _core.logical_not(mask).sum(axis=axis, dtype="int64", keepdims=keepdims)
    tot = arr.sum(axis=axis, dtype=dtype, keepdims=keepdims)
    from ._errstate import errstate
    with errstate(invalid="ignore", divide="ignore"):
        if isinstance(tot, ndarray):
            avg = _core.true_divide(tot, cnt, out=tot, casting="unsafe")
        else:
            avg = type(tot)(tot / cnt)
    if _core.asarray(cnt == 0).any():
        _warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=2)
    return _finish(avg, out)


# ---------------------------------------------------------------- average

def average(a, axis=None, weights=None, returned=False, *, keepdims=False):
    a = asarray(a)
    axes = None if axis is None else _normalize_axes(axis, a.ndim)
    if weights is None:
        avg = a.mean(axis=axes, keepdims=keepdims)
        scl = a.size / asarray(avg).size
        scl = asarray(avg).dtype.type(scl)
    else:
        wgt = asarray(weights)
        if a.dtype.kind in "biu":
            result_dtype = _core.promote_types(_core.promote_types(a.dtype, wgt.dtype), "f8")
        else:
            result_dtype = _core.promote_types(a.dtype, wgt.dtype)
        if a.shape != wgt.shape:
            if axes is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if wgt.ndim != len(axes):
                raise ValueError("Shape of weights must be consistent with shape of a along specified axis.")
            order = sorted(range(len(axes)), key=lambda k: axes[k])
            wgt = wgt.transpose(tuple(order))
            wgt = wgt.reshape(tuple(s if k in axes else 1 for k, s in enumerate(a.shape)))
        scl = wgt.sum(axis=axes, dtype=result_dtype, keepdims=keepdims)
        if _core.asarray(scl == 0.0).any():
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        avg = _core.multiply(a, wgt, dtype=result_dtype).sum(axis=axes, keepdims=keepdims) / scl
    if returned:
        if asarray(scl).shape != asarray(avg).shape:
            scl = (_core.zeros(asarray(avg).shape, asarray(scl).dtype) + scl)
            scl = _scalar_or_array(scl)
        return avg, scl
    return avg


# ---------------------------------------------------------------- median, percentile, quantile

def _sorted_lanes(a, axis):
    """``a`` with the reduced axes merged into axis 0 and sorted along it (NaN last, numrt's
    sort), and the reduced axes."""
    axes = _normalize_axes(axis, a.ndim) if a.ndim else ()
    others = tuple(k for k in range(a.ndim) if k not in axes)
    rest = tuple(a.shape[k] for k in others)
    n = 1
    for k in axes:
        n *= a.shape[k]
    from . import sort  # numpypy's sort (imported late: the package imports this module)
    return sort(a.transpose(axes + others).reshape((n,) + rest), axis=0), axes


def _keep_shape(a, axes):
    return tuple(1 if k in axes else s for k, s in enumerate(a.shape))


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    a = asarray(a)
    if a.ndim == 0:
        a = a.reshape((1,))
    part, axes = _sorted_lanes(a, axis)
    n = part.shape[0]
    index = n // 2
    middle = part[index:index + 1, ...] if n % 2 == 1 else part[index - 1:index + 1, ...]
    rout = middle.mean(axis=0)
    if a.dtype.kind in "fc" and n > 0:
        last = part[-1, ...]
        nans = _core.isnan(last)
        if _core.asarray(nans).any():
            rout = _scalar_or_array(last) if not isinstance(rout, ndarray) else \
                _core._select(nans, last, rout)
    if keepdims:
        rout = asarray(rout).reshape(_keep_shape(a, axes))
    return _finish(rout, out)


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
               keepdims=False, *, weights=None, interpolation=None):
    a = asarray(a)
    if a.dtype.kind == "c":
        raise TypeError("a must be an array of real numbers")
    weak_q = type(q) in (int, float)
    qa = _core.true_divide(q, 100)
    if not _quantile_is_valid(qa):
        raise ValueError("Percentiles must be in the range [0, 100]")
    return _quantile(a, qa, axis, out, method, keepdims, weights, interpolation, weak_q)


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
             keepdims=False, *, weights=None, interpolation=None):
    a = asarray(a)
    if a.dtype.kind == "c":
        raise TypeError("a must be an array of real numbers")
    weak_q = type(q) in (int, float)
    qa = asarray(q)
    if qa.dtype.kind != "f":
        qa = qa.astype("float64") if not weak_q else _core.true_divide(q, 1)
    if not _quantile_is_valid(qa):
        raise ValueError("Quantiles must be in the range [0, 1]")
    return _quantile(a, qa, axis, out, method, keepdims, weights, interpolation, weak_q)


def _quantile_is_valid(q):
    q = asarray(q)
    return bool(q.size == 0 or (q.min() >= 0 and q.max() <= 1))


def _quantile(a, q, axis, out, method, keepdims, weights, interpolation, weak_q):
    if method != "linear" or weights is not None or interpolation is not None:
        raise NotImplementedError("numpypy implements percentile/quantile with method='linear' "
                                  "only (no weights=, no interpolation=)")
    q = asarray(q)
    arr, axes = _sorted_lanes(a, axis)
    n = arr.shape[0]
    virtual = _core.multiply(n - 1, q)
    # NumPy's _get_indexes: out-of-range neighbours become -1 (above) or 0 (below) *before*
    # gamma is taken, so gamma is 1 at the top (the upper value is used, -0.0 kept).
    previous = asarray(_core.floor(virtual))
    following = _core.add(previous, 1)
    above, below = _core.greater_equal(virtual, n - 1), _core.less(virtual, 0)
    previous = _core._select(above, -1, _core._select(below, 0, previous))
    following = _core._select(above, -1, _core._select(below, 0, following))
    gamma = asarray(_core.subtract(virtual, previous)).astype(asarray(virtual).dtype)
    prev_idx, next_idx = previous.astype("int64"), following.astype("int64")
    if n == 0:
        raise IndexError("index -1 is out of bounds for axis 0 with size 0")
    if prev_idx.ndim == 0:
        prev_idx, next_idx = int(prev_idx), int(next_idx)
    before, after = arr[prev_idx], arr[next_idx]
    if weak_q:
        t = float(gamma)
    else:
        t = gamma.reshape(gamma.shape + (1,) * (arr.ndim - 1))
    result = _lerp(before, after, t)
    if a.dtype.kind == "f":
        nans = _core.isnan(arr[-1, ...])
        if _core.asarray(nans).any():
            if asarray(result).ndim == 0:
                result = arr[-1, ...][()]
            else:
                result = _core._select(nans, arr[-1, ...], result)
    if keepdims:
        result = asarray(result).reshape(q.shape + _keep_shape(a, axes))
    return _finish(result, out)


def _lerp(a, b, t):
    diff_b_a = b - a  # operators, as NumPy: 0-d operands use scalar math and its warnings
    lerp = asarray(_core.add(a, diff_b_a * t))
    lerp = lerp.copy()
    _core.subtract(b, diff_b_a * (1 - t), out=lerp,
                   where=_core.greater_equal(t, 0.5), casting="unsafe", dtype=lerp.dtype)
    return lerp[()] if lerp.ndim == 0 else lerp
