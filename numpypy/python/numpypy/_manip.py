"""Array manipulation with NumPy's signatures: shape changes, joining, splitting, flipping,
rolling, repeating, ``where``, ``clip``, ``take`` and ``round``.

Views (reshape, transpose, swapaxes, squeeze, flip, ...) go through the ndarray's own view
operations; new data is built in Rust (``_core._concatenate``, ``_core._repeat``,
``_core._where``, ``_core._nonzero``). This module only parses arguments and arranges calls.
The ``_m_*`` functions back the ndarray methods of the same names.
"""

import builtins as _b
import operator as _op

from . import _core
from ._core import asarray, ndarray, promote_types, can_cast
from ._errstate import errstate
from ._info import iinfo as _iinfo
from .exceptions import AxisError
from ._sorting import (  # noqa: F401  (re-exported; the ndarray methods look them up here)
    _m_argsort, _m_searchsorted, _m_sort, argsort, argwhere, count_nonzero, searchsorted, sort,
    unique,
)

__all__ = [
    "argsort", "argwhere", "array_split", "atleast_1d", "atleast_2d", "atleast_3d", "around",
    "broadcast_arrays", "broadcast_shapes", "broadcast_to", "clip", "concatenate",
    "count_nonzero", "expand_dims", "flip", "fliplr", "flipud", "hstack", "moveaxis", "nonzero",
    "ndim", "ravel", "repeat", "reshape", "roll", "round", "searchsorted", "shape", "size",
    "sort", "split", "squeeze",
    "stack", "swapaxes", "take", "tile", "transpose", "unique", "vstack", "where",
]


def _arr(a):
    return a if isinstance(a, ndarray) else asarray(a)


def _index(x):
    """An int argument (``operator.index``, NumPy's TypeError text)."""
    try:
        return _op.index(x)
    except TypeError:
        raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer") from None


def _norm_axis(axis, ndim, argname=None):
    axis = _index(axis)
    if not -ndim <= axis < ndim:
        raise AxisError(axis, ndim, argname)
    return axis % ndim if ndim else axis


def _norm_axis_tuple(axis, ndim, argname=None):
    if not isinstance(axis, (tuple, list)):
        axis = [axis]
    axes = tuple(_norm_axis(ax, ndim, argname) for ax in axis)
    if len(set(axes)) != len(axes):
        raise ValueError(f"repeated axis in `{argname}` argument" if argname else "repeated axis")
    return axes


# ---- shape changes -------------------------------------------------------------------------

def reshape(a, /, shape, order="C", *, copy=None):
    return _arr(a).reshape(shape, order=order)


def shape(a):
    return _arr(a).shape


def ndim(a):
    return _arr(a).ndim


def size(a, axis=None):
    a = _arr(a)
    return a.size if axis is None else a.shape[axis]


def ravel(a, order="C"):
    a = _arr(a)
    if order in ("A", "K") and a.ndim > 1 and not a.flags.c_contiguous:
        if a.flags.f_contiguous:
            order = "F"
        elif order == "K":
            return a.flatten("K")
    if order == "F":
        return a.transpose().ravel()
    if order not in ("C", "A", "K"):
        raise ValueError("order must be one of 'C', 'F', 'A', or 'K' (got %r)" % (order,))
    return a.ravel()


def transpose(a, axes=None):
    return _arr(a).transpose(axes)


def swapaxes(a, axis1, axis2):
    a = _arr(a)
    n = a.ndim
    i, j = _norm_axis(axis1, n, "axis1"), _norm_axis(axis2, n, "axis2")
    perm = list(range(n))
    perm[i], perm[j] = perm[j], perm[i]
    return a.transpose(perm)


def moveaxis(a, source, destination):
    a = _arr(a)
    source = _norm_axis_tuple(source, a.ndim, "source")
    destination = _norm_axis_tuple(destination, a.ndim, "destination")
    if len(source) != len(destination):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    order = [n for n in range(a.ndim) if n not in source]
    for dest, src in sorted(zip(destination, source)):
        order.insert(dest, src)
    return a.transpose(order)


def squeeze(a, axis=None):
    a = _arr(a)
    if axis is None:
        shape = [d for d in a.shape if d != 1]
    else:
        axes = _norm_axis_tuple(axis, a.ndim)
        if any(a.shape[k] != 1 for k in axes):
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
        shape = [d for k, d in enumerate(a.shape) if k not in axes]
    if len(shape) == a.ndim:
        return a  # NumPy returns the array itself when there is nothing to squeeze
    return a.reshape(shape)


def expand_dims(a, axis):
    a = _arr(a)
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    out_ndim = len(axis) + a.ndim
    axes = _norm_axis_tuple(axis, out_ndim)
    it = iter(a.shape)
    return a.reshape([1 if k in axes else next(it) for k in range(out_ndim)])


def broadcast_shapes(*shapes):
    shapes = [tuple(s) if isinstance(s, (tuple, list)) else (_index(s),) for s in shapes]
    ndim = _b.max([len(s) for s in shapes], default=0)
    out = [1] * ndim
    for i, s in enumerate(shapes):
        for k, d in enumerate(s):
            pos = ndim - len(s) + k
            if d == out[pos] or d == 1:
                continue
            if out[pos] != 1:
                j = next(j for j, t in enumerate(shapes) if j != i and _b.len(t) >= ndim - pos
                         and t[pos - ndim + _b.len(t)] not in (1, d))
                raise ValueError(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
                    f"between arg {j} with shape {shapes[j]} and arg {i} with shape {s}.")
            out[pos] = d
    return tuple(out)


def broadcast_to(array, shape, subok=False):
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else (_index(shape),)
    if any(d < 0 for d in shape):
        raise ValueError("all elements of broadcast shape must be non-negative")
    return _core._broadcast_to(_arr(array), [_index(d) for d in shape])


def broadcast_arrays(*args, subok=False):
    arrs = [_arr(a) for a in args]
    shape = broadcast_shapes(*[a.shape for a in arrs])
    return tuple(a if a.shape == shape else broadcast_to(a, shape) for a in arrs)


def _atleast(arys, nd):
    out = []
    for a in arys:
        a = _arr(a)
        if a.ndim < nd:
            if nd == 3 and a.ndim == 1:
                a = a.reshape(1, a.shape[0], 1)
            elif nd == 3 and a.ndim == 2:
                a = a.reshape(a.shape + (1,))
            else:
                a = a.reshape((1,) * (nd - a.ndim) + a.shape)
        out.append(a)
    return out[0] if len(out) == 1 else tuple(out)


def atleast_1d(*arys):
    return _atleast(arys, 1)


def atleast_2d(*arys):
    return _atleast(arys, 2)


def atleast_3d(*arys):
    return _atleast(arys, 3)


# ---- joining and splitting -----------------------------------------------------------------

def _result_dtype(arrs):
    dt = arrs[0].dtype
    for a in arrs[1:]:
        dt = promote_types(dt, a.dtype)
    return dt


def _check_casting(arrs, dtype, casting):
    for a in arrs:
        if not can_cast(a.dtype, dtype, casting=casting):
            raise TypeError(f"Cannot cast array data from {a.dtype!r} to {dtype!r} according to "
                            f"the rule '{casting}'")


def concatenate(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    if out is not None and dtype is not None:
        raise TypeError("concatenate() only takes `out` or `dtype` as an argument, but both were provided.")
    arrs = [_arr(a) for a in arrays]
    if axis is None:
        arrs = [a.ravel() for a in arrs]
        axis = 0
    axis = _index(axis)
    if not arrs:
        raise ValueError("need at least one array to concatenate")
    if dtype is None:
        dtype = out.dtype if out is not None else _result_dtype(arrs)
    dtype = _core.dtype(dtype)
    _check_casting(arrs, dtype, casting)
    result = _core._concatenate(arrs, axis, dtype)
    if out is None:
        return result
    if out.shape != result.shape:
        raise ValueError("Output array is the wrong shape")
    out[...] = result
    return out


def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    arrs = [_arr(a) for a in arrays]
    if not arrs:
        raise ValueError("need at least one array to stack")
    if len({a.shape for a in arrs}) != 1:
        raise ValueError("all input arrays must have the same shape")
    axis = _norm_axis(axis, arrs[0].ndim + 1)
    return concatenate([expand_dims(a, axis) for a in arrs], axis, out, dtype=dtype, casting=casting)


def vstack(tup, *, dtype=None, casting="same_kind"):
    arrs = atleast_2d(*tup)
    arrs = [arrs] if isinstance(arrs, ndarray) else list(arrs)
    return concatenate(arrs, 0, dtype=dtype, casting=casting)


def hstack(tup, *, dtype=None, casting="same_kind"):
    arrs = atleast_1d(*tup)
    arrs = [arrs] if isinstance(arrs, ndarray) else list(arrs)
    axis = 0 if arrs and arrs[0].ndim == 1 else 1
    return concatenate(arrs, axis, dtype=dtype, casting=casting)


def _slice_axis(a, axis, sl):
    return a[(slice(None),) * axis + (sl,)]


def array_split(ary, indices_or_sections, axis=0):
    ary = _arr(ary)
    ntotal = ary.shape[axis]  # IndexError for a bad axis, as NumPy
    axis = _norm_axis(axis, ary.ndim)
    try:
        points = [0] + list(indices_or_sections) + [ntotal]
    except TypeError:
        sections = _index(indices_or_sections)
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.") from None
        each, extras = divmod(ntotal, sections)
        sizes = [0] + extras * [each + 1] + (sections - extras) * [each]
        points = [_b.sum(sizes[:k + 1]) for k in range(len(sizes))]
    return [_slice_axis(ary, axis, slice(points[k], points[k + 1])) for k in range(len(points) - 1)]


def split(ary, indices_or_sections, axis=0):
    try:
        len(indices_or_sections)
    except TypeError:
        sections = _index(indices_or_sections)
        n = _arr(ary).shape[axis]
        if sections and n % sections:
            raise ValueError("array split does not result in an equal division") from None
    return array_split(ary, indices_or_sections, axis)


# ---- flipping, rolling, repeating ----------------------------------------------------------

def flip(m, axis=None):
    m = _arr(m)
    axes = range(m.ndim) if axis is None else _norm_axis_tuple(axis, m.ndim)
    key = [slice(None)] * m.ndim
    for k in axes:
        key[k] = slice(None, None, -1)
    return m[tuple(key)]


def fliplr(m):
    m = _arr(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return m[:, ::-1]


def flipud(m):
    m = _arr(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return m[::-1, ...]


def roll(a, shift, axis=None):
    a = _arr(a)
    if axis is None:
        return roll(a.ravel(), shift, 0).reshape(a.shape)
    shifts = list(shift) if isinstance(shift, (tuple, list)) else [shift]
    axes = list(axis) if isinstance(axis, (tuple, list)) else [axis]
    axes = [_norm_axis(ax, a.ndim) for ax in axes]
    if len(shifts) == 1:
        shifts = shifts * len(axes)
    elif len(axes) == 1:
        axes = axes * len(shifts)
    if len(shifts) != len(axes):
        raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
    total = {}
    for sh, ax in zip(shifts, axes):
        ax = _norm_axis(ax, a.ndim)
        total[ax] = total.get(ax, 0) + _index(sh)
    result = a
    for ax, sh in total.items():
        n = a.shape[ax]
        k = sh % n if n else 0
        if k:
            result = concatenate([_slice_axis(result, ax, slice(n - k, None)),
                                  _slice_axis(result, ax, slice(None, n - k))], ax)
    return result.copy() if result is a else result


def repeat(a, repeats, axis=None):
    a = _arr(a)
    if axis is None:
        a, axis = a.ravel(), 0
    r = _int_indices(repeats)
    if r.ndim > 1:
        raise ValueError("object too deep for desired array")
    return _core._repeat(a, [int(x) for x in r.ravel().tolist()], _index(axis))


def tile(A, reps):
    tup = tuple(reps) if isinstance(reps, (tuple, list)) else (reps,)
    d = len(tup)
    c = _core.array(A)
    if c.ndim < d:
        c = c.reshape((1,) * (d - c.ndim) + c.shape)
    if _b.all(x == 1 for x in tup):
        return c.copy()
    if d < c.ndim:
        tup = (1,) * (c.ndim - d) + tup
    shape_out = tuple(s * t for s, t in zip(c.shape, tup))
    n = c.size
    if n > 0:
        for dim_in, nrep in zip(c.shape, tup):
            if nrep != 1:
                c = c.reshape(-1, n).repeat(nrep, 0)
            n //= dim_in
    return c.reshape(shape_out)


# ---- where, nonzero, clip, take, round -----------------------------------------------------

def nonzero(a):
    return _core._nonzero(_arr(a))


def where(condition, x=None, y=None, /):
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError("either both or neither of x and y should be given")
    return _core._where(_arr(condition), x, y)


_NoValue = object()


def clip(a, a_min=_NoValue, a_max=_NoValue, out=None, *, min=_NoValue, max=_NoValue, **kwargs):
    if a_min is not _NoValue and min is not _NoValue:
        raise ValueError("Passed `a_min` and `min`, use only one of them.")
    if a_max is not _NoValue and max is not _NoValue:
        raise ValueError("Passed `a_max` and `max`, use only one of them.")
    lo = a_min if a_min is not _NoValue else (None if min is _NoValue else min)
    hi = a_max if a_max is not _NoValue else (None if max is _NoValue else max)
    if kwargs:
        raise NotImplementedError(f"numpypy does not implement clip keywords {sorted(kwargs)} yet")
    a = _arr(a)
    if a.dtype.kind in "iu":
        # NumPy: a Python int bound beyond the dtype's range means no bound (NEP 50).
        info = _iinfo(a.dtype)
        lo = None if type(lo) is int and lo <= info.min else lo
        hi = None if type(hi) is int and hi >= info.max else hi
    if lo is None or hi is None:
        # NumPy calls positive/maximum/minimum here (their NaN and signed-zero rules).
        r = _core.positive(a) if lo is None and hi is None else (
            _core.maximum(a, lo) if hi is None else _core.minimum(a, hi))
        return _finish(_arr(r), out)
    result = a
    # NumPy's clip keeps x where x equals a bound (so -0.0 survives a bound of 0.0) and gives
    # NaN for a NaN bound; the dtype is maximum's/minimum's (NEP 50 over all operands).
    if a.dtype.kind == "c" or _b.any(isinstance(v, complex) for v in (lo, hi)):
        return _finish(_clip_complex(result, lo, hi), out)
    if lo is not None:
        with errstate(invalid="ignore"):
            below = _arr(_core.logical_or(_core.less(result, lo), _core.isnan(lo)))
        result = _core._where(below, _core.maximum(result, lo), result)
    if hi is not None:
        with errstate(invalid="ignore"):
            above = _arr(_core.logical_or(_core.greater(result, hi), _core.isnan(hi)))
        result = _core._where(above, _core.minimum(result, hi), result)
    return _finish(result, out)


def _clip_complex(x, lo, hi):
    """Complex clip as NumPy's loop: ``x > lo ? x : lo`` then ``x < hi ? x : hi`` (lexicographic;
    a bound equal to x wins), a NaN x kept."""
    with errstate(invalid="ignore"):
        if lo is not None:
            keep = _arr(_core.logical_or(_core.isnan(x), _core.greater(x, lo)))
            x = _arr(_core._where(keep, x, lo))
        if hi is not None:
            keep = _arr(_core.logical_or(_core.isnan(x), _core.less(x, hi)))
            x = _arr(_core._where(keep, x, hi))
    return x


def _finish(result, out):
    """Write into ``out`` if given; a 0-d result becomes a scalar as from a ufunc."""
    if out is not None:
        out[...] = result
        return out
    return result[()] if result.ndim == 0 else result


def _int_indices(x):
    """Index-like arguments (take's indices, repeat's counts) as int64 (NumPy casts them)."""
    x = _arr(x)
    return x if x.dtype.kind in "iu" else x.astype("int64")


def take(a, indices, axis=None, out=None, mode="raise"):
    a = _arr(a)
    if axis is None:
        a, axis = a.ravel(), 0
    axis = _norm_axis(axis, a.ndim)
    if mode not in ("raise", "wrap", "clip"):
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {mode!r})")
    idx = _int_indices(indices)
    n = a.shape[axis]
    if n == 0 and idx.size:
        raise IndexError("cannot do a non-empty take from an empty axes.")
    if mode == "wrap" and n:
        idx = _core.remainder(idx, n)
    elif mode == "clip" and n:
        idx = _core.minimum(_core.maximum(idx, 0), n - 1)
    key = idx.item() if idx.ndim == 0 else idx.astype("int64")
    result = a[(slice(None),) * axis + (key,)]
    if out is not None:
        out[...] = result
        return out
    return result


def round(a, decimals=0, out=None):
    a = _arr(a)
    decimals = _index(decimals)
    kind = a.dtype.kind
    if kind == "c":
        parts = [_arr(round(_core.real(a), decimals)), _arr(round(_core.imag(a), decimals))]
        result = _core._make_complex(parts[0], parts[1], a.dtype)
    elif kind == "b" and decimals:
        # NumPy rounds in place in the input's type: its casting error, exactly.
        op = _core.multiply if decimals > 0 else _core.true_divide
        op(a, 10.0 ** _b.abs(decimals), out=a.copy())
    elif kind in "iu" and decimals >= 0:
        result = a.copy()
    elif decimals == 0:
        result = _core.rint(a)
    elif decimals > 0:
        f = 10.0 ** decimals
        result = _core.true_divide(_core.rint(_core.multiply(a, f)), f)
    else:
        f = 10.0 ** -decimals
        result = _core.multiply(_core.rint(_core.true_divide(a, f)), f)
        if kind in "iu":
            result = result.astype(a.dtype)
    return _finish(_arr(result), out)


around = round


# ---- the ndarray methods -------------------------------------------------------------------

def _m_swapaxes(self, *args):
    if len(args) != 2:
        raise TypeError(f"swapaxes() takes exactly 2 arguments ({len(args)} given)")
    return swapaxes(self, *args)


def _m_squeeze(self, axis=None):
    return squeeze(self, axis)


def _m_repeat(self, repeats, axis=None):
    return repeat(self, repeats, axis)


def _m_clip(self, min=None, max=None, out=None, **kwargs):
    return clip(self, min, max, out, **kwargs)


def _m_take(self, indices, axis=None, out=None, mode="raise"):
    return take(self, indices, axis, out, mode)


def _m_round(self, decimals=0, out=None):
    return round(self, decimals, out)


def _m_nonzero(self):
    return nonzero(self)
