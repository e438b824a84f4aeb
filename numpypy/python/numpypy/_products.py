"""Products of arrays: matmul, dot, inner, outer, vdot, tensordot, kron, trace, diag.

The work is numrt's blocked `matmul` kernel (``_core._matmul``) and ufuncs; this module is the
shape glue and NumPy's argument checks and error texts (``shapes (2,3) and (2,3) not aligned:
3 (dim 1) != 2 (dim 0)``).
"""

import operator as _operator

from . import _core

__all__ = ["matmul", "dot", "inner", "outer", "vdot", "tensordot", "kron", "trace", "diag",
           "diagonal"]


def _np():
    import numpypy
    return numpypy


def _arr(a):
    return _np().asarray(a)


def _shape_text(shape):
    return "(" + ",".join(str(d) for d in shape) + (",)" if len(shape) == 1 else ")")


def _not_aligned(a, b, ia, ib):
    return ValueError(f"shapes {_shape_text(a.shape)} and {_shape_text(b.shape)} not aligned: "
                      f"{a.shape[ia]} (dim {ia}) != {b.shape[ib]} (dim {ib})")


def matmul(x1, x2, /, out=None, **kwargs):
    """``x1 @ x2`` with NumPy's gufunc rules (stacks broadcast; 1-d operands are vectors)."""
    if out is not None or kwargs:
        raise NotImplementedError("numpypy does not implement matmul(out=, dtype=, ...) yet")
    return _core._matmul(x1, x2)


def _imatmul(a, b):
    """``a @= b``: the product written back into ``a`` (its shape may not change)."""
    r = _core._matmul(a, b)
    rshape = getattr(r, "shape", ())
    if rshape != a.shape:
        raise ValueError(
            "matmul: Output operand 0 has a mismatch in its core dimension 1, with gufunc "
            f"signature (n?,k),(k,m?)->(n?,m?) (size {rshape[-1] if rshape else 1} is different "
            f"from {a.shape[-1]})")
    a[...] = r
    return a


def dot(a, b, out=None):
    """NumPy's dot: a product for scalars, matmul for 1-d/2-d, a sum over a's last and b's
    second-to-last axis otherwise."""
    if out is not None:
        raise NotImplementedError("numpypy does not implement dot(out=...) yet")
    a, b = _arr(a), _arr(b)
    if a.ndim == 0 or b.ndim == 0:
        return _np().multiply(a, b)
    ib = 0 if b.ndim == 1 else b.ndim - 2
    if a.shape[-1] != b.shape[ib]:
        raise _not_aligned(a, b, a.ndim - 1, ib)
    if b.ndim <= 2:
        return _core._matmul(a, b)
    return tensordot(a, b, axes=([a.ndim - 1], [ib]))


def inner(a, b, /):
    """Sum over the last axes of a and b."""
    a, b = _arr(a), _arr(b)
    if a.ndim == 0 or b.ndim == 0:
        return _np().multiply(a, b)
    if a.shape[-1] != b.shape[-1]:
        raise _not_aligned(a, b, a.ndim - 1, b.ndim - 1)
    res = tensordot(a, b, axes=([a.ndim - 1], [b.ndim - 1]))
    return res[()] if res.ndim == 0 else res


def outer(a, b, out=None):
    """``a.ravel()[:, None] * b.ravel()[None, :]``."""
    if out is not None:
        raise NotImplementedError("numpypy does not implement outer(out=...) yet")
    a, b = _arr(a), _arr(b)
    return _np().multiply(a.reshape(-1, 1), b.reshape(1, -1))


def vdot(a, b, /):
    """Dot product of the flattened arrays, conjugating the first."""
    a, b = _arr(a), _arr(b)
    a = a.reshape(-1)
    b = b.reshape(a.shape[0])
    if a.dtype.kind == "c":
        a = _np().conjugate(a)
    return _core._matmul(a, b)


def _axes_pair(a, b, axes):
    try:
        iter(axes)
    except TypeError:
        n = _operator.index(axes)
        if n < 0:
            raise ValueError("negative dimensions are not allowed") from None
        return list(range(a.ndim - n, a.ndim)), list(range(n))
    axes_a, axes_b = axes
    axes_a = list(axes_a) if isinstance(axes_a, (list, tuple)) else [axes_a]
    axes_b = list(axes_b) if isinstance(axes_b, (list, tuple)) else [axes_b]
    return axes_a, axes_b


def tensordot(a, b, axes=2):
    """Sum of products over ``axes`` (NumPy's algorithm: transpose, reshape, one matmul)."""
    a, b = _arr(a), _arr(b)
    axes_a, axes_b = _axes_pair(a, b, axes)
    if len(axes_a) != len(axes_b):
        raise ValueError("shape-mismatch for sum")
    axes_a = [x + a.ndim if x < 0 else x for x in axes_a]
    axes_b = [x + b.ndim if x < 0 else x for x in axes_b]
    for x, y in zip(axes_a, axes_b):
        if not (0 <= x < a.ndim and 0 <= y < b.ndim) or a.shape[x] != b.shape[y]:
            raise ValueError("shape-mismatch for sum")
    free_a = [k for k in range(a.ndim) if k not in axes_a]
    free_b = [k for k in range(b.ndim) if k not in axes_b]
    n = 1
    for x in axes_a:
        n *= a.shape[x]
    at = a.transpose(free_a + axes_a).reshape(-1, n)
    bt = b.transpose(axes_b + free_b).reshape(n, -1)
    res = _core._matmul(at, bt)
    return res.reshape([a.shape[k] for k in free_a] + [b.shape[k] for k in free_b])


def kron(a, b):
    """Kronecker product: blocks ``a[i, j] * b``."""
    a, b = _arr(a), _arr(b)
    nd = max(a.ndim, b.ndim)
    sa = (1,) * (nd - a.ndim) + a.shape
    sb = (1,) * (nd - b.ndim) + b.shape
    ia = [d for s in sa for d in (s, 1)]
    ib = [d for s in sb for d in (1, s)]
    prod = _np().multiply(a.reshape(ia) if nd else a, b.reshape(ib) if nd else b)
    return prod.reshape([x * y for x, y in zip(sa, sb)]) if nd else prod


def diagonal(a, offset=0, axis1=0, axis2=1):
    """The diagonal ``a[..., i, i + offset]`` over axes axis1, axis2 (a copy)."""
    np = _np()
    a = _arr(a)
    if a.ndim < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    ax1, ax2 = (x + a.ndim if x < 0 else x for x in (axis1, axis2))
    if ax1 == ax2:
        raise ValueError("axis1 and axis2 cannot be the same")
    rest = [k for k in range(a.ndim) if k not in (ax1, ax2)]
    t = a.transpose(rest + [ax1, ax2])
    n1, n2 = t.shape[-2], t.shape[-1]
    rows = max(0, min(n1 - max(0, -offset), n2 - max(0, offset)))
    i = np.arange(rows) + max(0, -offset)
    j = np.arange(rows) + max(0, offset)
    if rows == 0:
        return np.zeros(t.shape[:-2] + (0,), dtype=a.dtype)
    return t[(Ellipsis, i, j)]


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """Sum along the diagonal (sum's dtype rules: int8 -> int64)."""
    if out is not None:
        raise NotImplementedError("numpypy does not implement trace(out=...) yet")
    return diagonal(a, offset, axis1, axis2).sum(axis=-1, dtype=dtype)


def diag(v, k=0):
    """The k-th diagonal of a 2-d array, or a 2-d array with the 1-d ``v`` on it."""
    np = _np()
    v = _arr(v)
    if v.ndim == 1:
        n = v.shape[0] + abs(k)
        res = np.zeros((n, n), dtype=v.dtype)
        if v.shape[0]:
            i = np.arange(v.shape[0])
            res[(i + max(0, -k), i + max(0, k))] = v
        return res
    if v.ndim == 2:
        return diagonal(v, k)
    raise ValueError("Input must be 1- or 2-d.")
