"""Hypothesis differential tests of the products: integer and bool matmul/dot/tensordot are
exact (wrapping) against NumPy over random shapes, stack broadcasting and dtypes; float
matmul and solve agree within a condition-scaled tolerance."""

import numpy
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import numpypy

INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "bool"]


@st.composite
def matmul_operands(draw):
    dt1, dt2 = draw(st.sampled_from(INT_DTYPES)), draw(st.sampled_from(INT_DTYPES))
    n, k, m = (draw(st.integers(0, 9)) for _ in range(3))
    batch = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3))
    b1 = tuple(d if draw(st.booleans()) else 1 for d in batch)
    s1 = (k,) if draw(st.integers(0, 4)) == 0 else b1 + (n, k)
    s2 = (k,) if draw(st.integers(0, 4)) == 0 else batch + (k, m)
    a = draw(hnp.arrays(dt1, s1))
    b = draw(hnp.arrays(dt2, s2))
    return a, b


def _np(x):
    if isinstance(x, numpypy.generic):
        return numpy.array(x.item(), dtype=x.dtype.name)
    return numpy.asarray(x)


@settings(max_examples=300, deadline=None)
@given(matmul_operands())
def test_int_matmul_exact(ops):
    a, b = ops
    try:
        want = numpy.matmul(a, b)
    except Exception as e:  # noqa: BLE001
        try:
            numpypy.matmul(numpypy.asarray(a), numpypy.asarray(b))
        except Exception as g:  # noqa: BLE001
            assert type(g) is type(e) and str(g) == str(e)
            return
        raise AssertionError(f"numpypy accepted what NumPy rejects: {e}") from None
    got = _np(numpypy.matmul(numpypy.array(a), numpypy.array(b)))
    assert got.dtype == want.dtype and got.shape == want.shape
    if want.dtype.kind == "f":  # uint64 with a signed int: float64, where NumPy's BLAS uses FMA
        numpy.testing.assert_allclose(got, want, rtol=4 * numpy.finfo(want.dtype).eps * (a.shape[-1] + 1))
    else:
        numpy.testing.assert_array_equal(got, want)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 6), st.sampled_from(["float64", "float32", "complex128"]), st.data())
def test_float_solve_and_matmul(n, dtype, data):
    elems = st.floats(-10, 10, allow_nan=False, width=32)
    a = data.draw(hnp.arrays("float64", (n, n), elements=elems)).astype(dtype)
    b = data.draw(hnp.arrays("float64", (n,), elements=elems)).astype(dtype)
    cond = numpy.linalg.cond(a)
    eps = numpy.finfo(a.dtype).eps
    got = _np(numpypy.asarray(a) @ numpypy.asarray(b))
    want = a @ b
    scale = numpy.abs(a).sum() * (numpy.abs(b).max() + 1)
    numpy.testing.assert_allclose(got, want, rtol=0, atol=64 * eps * scale)
    if not numpy.isfinite(cond) or cond * eps > 1e-3:
        return
    x = _np(numpypy.linalg.solve(numpypy.asarray(a), numpypy.asarray(b)))
    xw = numpy.linalg.solve(a, b)
    assert x.dtype == xw.dtype
    tol = 64 * eps * cond
    numpy.testing.assert_allclose(x, xw, rtol=tol, atol=tol * (numpy.abs(xw).max() + 1e-300))
