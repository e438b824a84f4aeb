"""numpypy.linalg: norm, det, inv, solve (NumPy's numpy.linalg for the common cases).

det, inv and solve use numrt's LU factorisation with partial pivoting (LAPACK getrf's
algorithm, in the input's precision: float32/complex64 stay single). Results agree with
NumPy's LAPACK to rounding (a few ULP times the condition number), not bit for bit.
Decompositions (svd, eig, qr, cholesky, lstsq, pinv, matrix_rank, 2-norm of matrices) are not
implemented and raise NotImplementedError.
"""

from . import _core
from ._products import matmul, outer, tensordot, vdot, trace, diagonal

__all__ = ["LinAlgError", "norm", "det", "inv", "solve", "matmul", "outer", "tensordot",
           "vdot", "trace", "diagonal"]


class LinAlgError(ValueError):
    """Generic Python-exception-derived object raised by linalg functions."""


LinAlgError.__module__ = "numpy.linalg"


def _np():
    import numpypy
    return numpypy


def _field_dtype(a):
    """The computation dtype: bool/int -> float64; float32/64 and complex stay."""
    np = _np()
    k = a.dtype.kind
    if k in "biu":
        return np.dtype("float64")
    if a.dtype == np.float16:
        raise TypeError("array type float16 is unsupported in linalg")
    return a.dtype


def _square_stack(a):
    if a.ndim < 2:
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be at least "
                          "two-dimensional")
    if a.shape[-1] != a.shape[-2]:
        raise LinAlgError("Last 2 dimensions of the array must be square")


def det(a):
    """Determinant of a (stack of) square matrices."""
    a = _np().asarray(a)
    _square_stack(a)
    return _core._det(a, _field_dtype(a))


def inv(a):
    """Inverse of a (stack of) square matrices; LinAlgError('Singular matrix')."""
    a = _np().asarray(a)
    _square_stack(a)
    return _core._inv(a, _field_dtype(a))


def solve(a, b):
    """Solve ``a @ x = b`` (b a vector if 1-d, else a stack of matrices)."""
    np = _np()
    a, b = np.asarray(a), np.asarray(b)
    _square_stack(a)
    dt = np.promote_types(_field_dtype(a), _field_dtype(b))
    m = a.shape[-1]
    if b.ndim == 1:
        if b.shape[0] != m:
            raise ValueError("solve1: Input operand 1 has a mismatch in its core dimension 0, "
                             "with gufunc signature (m,m),(m)->(m) "
                             f"(size {b.shape[0]} is different from {m})")
        bb = np.broadcast_to(b.reshape(m, 1), a.shape[:-2] + (m, 1))
        return _core._solve(a, bb, dt).reshape(a.shape[:-1])
    if b.shape[-2] != m:
        raise ValueError("solve: Input operand 1 has a mismatch in its core dimension 0, "
                         "with gufunc signature (m,m),(m,n)->(m,n) "
                         f"(size {b.shape[-2]} is different from {m})")
    try:
        stack = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ValueError:
        raise ValueError(
            "operands could not be broadcast together with remapped shapes "
            f"[original->remapped]: {_shape(a.shape)}->{_remap(a.shape)} "
            f"{_shape(b.shape)}->{_remap(b.shape)}  and requested shape "
            f"({m},{b.shape[-1]})") from None
    a = np.broadcast_to(a, stack + a.shape[-2:])
    b = np.broadcast_to(b, stack + b.shape[-2:])
    return _core._solve(a, b, dt)


def _shape(s):
    return "(" + ",".join(str(d) for d in s) + ")"


def _remap(s):
    return "(" + ",".join([str(d) for d in s[:-2]] + ["newaxis", "newaxis"]) + ")"


def _as_inexact(x):
    np = _np()
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        x = x.astype(np.float64)
    return x


def _sumsq(x, axis=None, keepdims=False):
    np = _np()
    if x.dtype.kind == "c":
        return np.add(np.square(np.real(x)), np.square(np.imag(x))).sum(axis=axis, keepdims=keepdims)
    return np.square(x).sum(axis=axis, keepdims=keepdims)


def norm(x, ord=None, axis=None, keepdims=False):
    """Vector and matrix norms (ord None/'fro'/inf/-inf/0/1/-1/p; no 2-norm of matrices)."""
    np = _np()
    x = _as_inexact(x)
    if axis is None and ord is None:
        r = np.sqrt(_sumsq(x.reshape(-1)))
        return _np().asarray(r).reshape((1,) * x.ndim) if keepdims else r
    if axis is None:
        axis = tuple(range(x.ndim))
        if x.ndim > 2:
            raise ValueError("Improper number of dimensions to norm.")
    elif not isinstance(axis, tuple):
        axis = (int(axis),)
    if len(axis) == 1:
        return _vector_norm(x, ord, axis[0], keepdims)
    if len(axis) == 2:
        return _matrix_norm(x, ord, axis, keepdims)
    raise ValueError("Improper number of dimensions to norm.")


def _vector_norm(x, ord, axis, keepdims):
    np = _np()
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    if axis < -x.ndim or axis >= x.ndim:
        raise np.exceptions.AxisError(axis, x.ndim)
    ax = np.absolute(x)
    if ord == np.inf:
        return ax.max(axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return ax.min(axis=axis, keepdims=keepdims)
    if ord == 0:
        return np.not_equal(x, 0).astype(ax.dtype).sum(axis=axis, keepdims=keepdims)
    if ord == 1:
        return ax.sum(axis=axis, keepdims=keepdims)
    if ord is None or ord == 2:
        return np.sqrt(_sumsq(x, axis=axis, keepdims=keepdims))
    ord = float(ord)
    return np.power(np.power(ax, ord).sum(axis=axis, keepdims=keepdims), 1.0 / ord)


def _matrix_norm(x, ord, axis, keepdims):
    np = _np()
    row, col = (a + x.ndim if a < 0 else a for a in axis)
    if not (0 <= row < x.ndim and 0 <= col < x.ndim):
        raise np.exceptions.AxisError(f"Invalid axis {axis!r} for an array with shape {x.shape!r}")
    if row == col:
        raise ValueError("Duplicate axes given.")
    ax = np.absolute(x)
    if ord is None or ord == "fro" or ord == "f":
        r = np.sqrt(_sumsq(x, axis=(row, col), keepdims=keepdims))
        return r
    if ord in (2, -2, "nuc"):
        raise NotImplementedError(f"numpypy does not implement norm(ord={ord!r}) of matrices yet")
    if ord in (1, -1):
        red = "max" if ord == 1 else "min"
        s = ax.sum(axis=row, keepdims=True)
        r = getattr(s, red)(axis=col, keepdims=True)
    elif ord in (np.inf, -np.inf):
        red = "max" if ord > 0 else "min"
        s = ax.sum(axis=col, keepdims=True)
        r = getattr(s, red)(axis=row, keepdims=True)
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        return r
    r = r.reshape([d for k, d in enumerate(r.shape) if k not in (row, col)])
    return r[()] if r.ndim == 0 else r
