"""Creation functions built on the core ones: zero-copy ``asarray``/``array`` of objects that
export ``__array_interface__`` (NumPy arrays), ``from_dlpack``, ``frombuffer``, ``copy``,
``ascontiguousarray``, the ``*_like`` four, ``logspace``, ``meshgrid``, ``fromfunction``."""

from . import _core

__all__ = ["asarray", "array", "from_dlpack", "frombuffer", "copy", "ascontiguousarray",
           "zeros_like", "ones_like", "empty_like", "full_like", "logspace", "meshgrid",
           "fromfunction", "indices"]


def _np():
    import numpypy
    return numpypy


def _foreign(a):
    """Whether ``a`` is another library's array exporting NumPy's array interface."""
    return not isinstance(a, _core.ndarray) and hasattr(type(a), "__array_interface__")


def _wrap_foreign(a):
    return _core._from_interface(a)


def asarray(a, dtype=None, order=None, *, copy=None, device=None, like=None):
    """``a`` as an ndarray: itself if it is one of that dtype; a view sharing memory with a
    NumPy array (or any ``__array_interface__`` exporter)."""
    if order not in (None, "K", "A", "C"):
        raise NotImplementedError(f"numpypy does not implement order='{order}' yet")
    if _foreign(a):
        a = _wrap_foreign(a)
    if copy:
        return array(a, dtype=dtype)
    if isinstance(a, _core.ndarray) and dtype is not None and _np().dtype(dtype) != a.dtype:
        if copy is False:
            raise ValueError("Unable to avoid copy while creating an array as requested.")
        return a.astype(dtype)
    r = _core.asarray(a, dtype)
    if copy is False and r is not a and not isinstance(a, _core.ndarray):
        raise ValueError("Unable to avoid copy while creating an array as requested.")
    return r


def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None):
    """A new array from nested data, an ndarray or a NumPy array (copied unless copy=False)."""
    if _foreign(object):
        object = _wrap_foreign(object)
    if ndmin:
        a = array(object, dtype=dtype, copy=copy, order=order)
        return a.reshape((1,) * (ndmin - a.ndim) + a.shape) if a.ndim < ndmin else a
    if copy is False or copy is None:
        return asarray(object, dtype=dtype, copy=copy)
    if isinstance(object, _core.ndarray):
        if order not in ("K", "A", "C", "F", None):
            raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{order}')")
        return object.astype(object.dtype if dtype is None else dtype, order=order or "K")
    return _core.array(object, dtype, order=order)


def from_dlpack(x, /, *, device=None, copy=None):
    """A zero-copy view of another library's CPU array through its DLPack capsule
    (``x.__dlpack__(max_version=(1, 0))``, falling back to the legacy unversioned call)."""
    if isinstance(x, _core.ndarray):
        return x.copy() if copy else x
    if not hasattr(x, "__dlpack__"):
        raise TypeError(f"from_dlpack: {type(x).__name__!r} object has no __dlpack__")
    dev = tuple(x.__dlpack_device__()) if hasattr(x, "__dlpack_device__") else (1, 0)
    if dev[0] != 1:
        raise BufferError("numpypy only supports CPU (device type 1) DLPack arrays")
    kw = {} if copy is None else {"copy": copy}
    try:
        capsule = x.__dlpack__(max_version=(1, 0), **kw)
    except TypeError:
        capsule = x.__dlpack__()
    return _core._from_dlpack_capsule(capsule)


def frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None):
    """A 1-d array viewing any buffer-protocol object (read-only for bytes)."""
    return _core._frombuffer(buffer, _np().dtype(dtype), count, offset)


def copy(a, order="K", subok=False):
    """An array copy of ``a``."""
    return array(a, copy=True, order=order)


def ascontiguousarray(a, dtype=None, *, like=None):
    """``a`` as a C-contiguous array of at least one dimension (a copy only if needed)."""
    a = asarray(a, dtype=dtype)
    if a.ndim == 0:
        a = a.reshape(1)
    return a if a.flags.c_contiguous else a.copy(order="C")


def _like_args(a, dtype, shape):
    a = asarray(a)
    if shape is None:
        shape = a.shape
    return shape, (a.dtype if dtype is None else dtype)


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    shape, dtype = _like_args(a, dtype, shape)
    return _np().zeros(shape, dtype=dtype)


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    shape, dtype = _like_args(a, dtype, shape)
    return _np().ones(shape, dtype=dtype)


def empty_like(prototype, dtype=None, order="K", subok=True, shape=None, *, device=None):
    shape, dtype = _like_args(prototype, dtype, shape)
    return _np().empty(shape, dtype=dtype)


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    shape, dtype = _like_args(a, dtype, shape)
    res = _np().empty(shape, dtype=dtype)
    res[...] = fill_value
    return res


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """``base ** linspace(start, stop, num)``."""
    np = _np()
    if axis != 0:
        raise NotImplementedError("numpypy does not implement logspace(axis=...) yet")
    y = np.linspace(start, stop, num=num, endpoint=endpoint)
    r = np.power(np.asarray(base), y)
    return r if dtype is None else r.astype(dtype)


def _broadcast_copy(x, shape):
    res = _np().empty(shape, dtype=x.dtype)
    res[...] = x
    return res


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Coordinate arrays from coordinate vectors (indexing 'xy' or 'ij'); a tuple."""
    np = _np()
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    ndim = len(xi)
    s0 = (1,) * ndim
    out = [np.asarray(x).reshape(s0[:i] + (-1,) + s0[i + 1:]) for i, x in enumerate(xi)]
    if indexing == "xy" and ndim > 1:
        out[0] = out[0].reshape((1, -1) + s0[2:])
        out[1] = out[1].reshape((-1, 1) + s0[2:])
    if sparse:
        return tuple(x.copy() if copy else x for x in out)
    shape = tuple(max(x.shape[k] for x in out) for k in range(ndim))
    return tuple(_broadcast_copy(x, shape) for x in out)


def indices(dimensions, dtype=int, sparse=False):
    """Grid indices: ``result[k][i0, i1, ...] == ik``."""
    np = _np()
    if sparse:
        raise NotImplementedError("numpypy does not implement indices(sparse=True) yet")
    dimensions = tuple(dimensions)
    n = len(dimensions)
    res = np.empty((n,) + dimensions, dtype=dtype)
    for k, d in enumerate(dimensions):
        res[k] = np.arange(d, dtype=dtype).reshape((1,) * k + (d,) + (1,) * (n - k - 1))
    return res


def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    """``function(*indices(shape))``."""
    args = indices(shape, dtype=dtype)
    return function(*args, **kwargs)
