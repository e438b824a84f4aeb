"""Sorting and searching with NumPy's signatures: ``sort``, ``argsort``, ``unique``,
``searchsorted``, ``count_nonzero``, ``argwhere``.

The sorts are stable (NumPy's ``kind='stable'`` result for every ``kind``) and run in Rust
(``_core._sort``, ``_core._argsort``, ``_core._searchsorted``); ``unique`` follows NumPy's own
sort-then-mask algorithm on top of them, so its NaN handling and output order are NumPy's.
"""

import builtins as _b
import operator as _op

from . import _core
from ._core import asarray, ndarray, promote_types

_KINDS = ("q", "h", "m", "s")


def _arr(a):
    return a if isinstance(a, ndarray) else asarray(a)


def _check_kind(kind, order):
    if kind is not None and (not isinstance(kind, str) or kind[:1].lower() not in _KINDS):
        raise ValueError(f"sort kind must be one of 'quick', 'heap', or 'stable' (got {kind!r})")
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")


def _axis_arg(a, axis):
    if axis is None:
        return a.ravel(), 0
    return a, _op.index(axis)


def sort(a, axis=-1, kind=None, order=None, *, stable=None):
    _check_kind(kind, order)
    a, axis = _axis_arg(_arr(a), axis)
    return _core._sort(a, axis)


def argsort(a, axis=-1, kind=None, order=None, *, stable=None):
    _check_kind(kind, order)
    a = _arr(a)
    if a.ndim == 0 and axis is not None:
        return _core.zeros((1,), dtype="int64")  # NumPy's answer for a 0-d array
    a, axis = _axis_arg(a, axis)
    return _core._argsort(a, axis)


def _m_sort(self, axis=-1, kind=None, order=None, *, stable=None):
    _check_kind(kind, order)
    _core._sort_inplace(self, _op.index(axis))


def _m_argsort(self, axis=-1, kind=None, order=None, *, stable=None):
    return argsort(self, axis, kind, order)


def searchsorted(a, v, side="left", sorter=None):
    a = _arr(a)
    if not isinstance(side, str) or side[:1].lower() not in ("l", "r"):
        raise ValueError(f"search side must be 'left' or 'right' (got {side!r})")
    if a.ndim != 1:
        raise ValueError("object too deep for desired array" if a.ndim > 1 else
                         "object of too small depth for desired array")
    vv = _arr(v)
    dt = promote_types(a.dtype, vv.dtype)
    idx = None
    if sorter is not None:
        s = _arr(sorter)
        if s.dtype.kind not in "biu":
            raise TypeError("sorter must only contain integers")
        if s.size != a.size:
            raise ValueError("sorter.size must equal a.size")
        idx = [int(x) for x in s.ravel().tolist()]
    result = _core._searchsorted(a.astype(dt), vv.astype(dt), side[:1].lower() == "r", idx)
    return result[()] if result.ndim == 0 else result


def _m_searchsorted(self, v, side="left", sorter=None):
    return searchsorted(self, v, side, sorter)


def count_nonzero(a, axis=None, *, keepdims=False):
    a = _arr(a)
    nz = _arr(_core.not_equal(a, 0)) if a.dtype.kind != "b" else a
    return nz.sum(axis=axis, keepdims=keepdims, dtype="int64")


def argwhere(a):
    a = _arr(a)
    if a.ndim == 0:
        return argwhere(a.reshape(1))[:, :0]
    parts = _core._nonzero(a)
    return _core._concatenate([p.reshape(-1, 1) for p in parts], 1, _core.dtype("int64"))


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None,
           *, equal_nan=True, sorted=True):
    ar = _arr(ar)
    if axis is not None:
        return _unique_axis(ar, axis, return_index, return_inverse, return_counts)
    flat = ar.ravel()
    optional = return_index or return_inverse
    if optional:
        perm = argsort(flat)
        aux = flat[perm]
    else:
        aux = sort(flat)
    mask = _unique_mask(aux, equal_nan)
    ret = (aux[mask],)
    if return_index:
        ret += (perm[mask],)
    if return_inverse:
        imask = _core.subtract(mask.cumsum(), 1)
        inv = _core.zeros(mask.shape, dtype="int64")
        inv[perm] = imask
        ret += (inv.reshape(ar.shape),)
    if return_counts:
        idx = _core._concatenate(list(_core._nonzero(mask)) + [asarray([mask.size])], 0,
                                 _core.dtype("int64"))
        ret += (_core.subtract(idx[1:], idx[:-1]),)
    return ret[0] if len(ret) == 1 else ret


def _unique_mask(aux, equal_nan):
    """NumPy's ``_unique1d`` mask: True where a sorted value starts a new run (one NaN kept
    when ``equal_nan``)."""
    n = aux.shape[0]
    mask = _core.zeros((n,), dtype="bool")
    if n == 0:
        return mask
    mask[:1] = True
    if n > 1:
        mask[1:] = _core.not_equal(aux[1:], aux[:-1])
    if equal_nan and aux.dtype.kind in "fc" and _core.isnan(aux[-1]):
        if aux.dtype.kind == "c":
            first = int(searchsorted(_core.isnan(aux), True, side="left"))
        else:
            first = int(searchsorted(aux, aux[-1], side="left"))
        mask[first:first + 1] = True
        mask[first + 1:] = False
    return mask


def _unique_axis(ar, axis, return_index, return_inverse, return_counts):
    """``unique`` of the sub-arrays along ``axis``, as NumPy's (which compares them as
    structured rows): rows sorted lexicographically (stable, NaN last per field), a row kept
    when any field differs from the previous one (``-0.0 == 0.0``, NaN never equal)."""
    from ._manip import moveaxis, _norm_axis
    axis = _norm_axis(axis, ar.ndim)
    moved = moveaxis(ar, axis, 0)
    n, rest = moved.shape[0], moved.shape[1:]
    rows = moved.reshape(n, _prod(rest))
    perm = _core.arange(n)
    for j in reversed(range(rows.shape[1])):
        perm = perm[argsort(rows[:, j][perm])]
    srt = rows[perm]
    mask = _core.zeros((n,), dtype="bool")
    mask[:1] = True
    if n > 1 and rows.shape[1]:
        mask[1:] = _core.not_equal(srt[1:], srt[:-1]).any(axis=1)
    uniq = moveaxis(srt[mask].reshape((int(mask.sum()),) + rest), 0, axis)
    ret = (uniq,)
    if return_index:
        ret += (perm[mask],)
    if return_inverse:
        inv = _core.zeros((n,), dtype="int64")
        inv[perm] = _core.subtract(mask.cumsum(), 1)
        ret += (inv,)
    if return_counts:
        idx = _core._concatenate(list(_core._nonzero(mask)) + [asarray([n])], 0, _core.dtype("int64"))
        ret += (_core.subtract(idx[1:], idx[:-1]),)
    return ret[0] if len(ret) == 1 else ret


def _prod(shape):
    out = 1
    for d in shape:
        out *= d
    return out
