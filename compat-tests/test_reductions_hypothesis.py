"""Hypothesis-driven differential tests of the reduction family and the ufunc methods: random
small arrays of every real dtype family (NaN and infinities included), random axes, keepdims
and q; numpypy against NumPy. Float sums may differ in the last bits where the pairwise
summation blocks differ, so values are compared within a few ULPs."""

import numpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compat import same

DTYPES = ["bool", "int8", "uint8", "int16", "int32", "int64", "uint64", "float16", "float32",
          "float64"]
SETTINGS = settings(max_examples=int(__import__("os").environ.get("COMPAT_EXAMPLES", 150)),
                    deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def array_source(draw, dtypes=DTYPES):
    """Source text of a small random array (1 to 3 dims, sizes 0 to 4)."""
    dt = numpy.dtype(draw(st.sampled_from(dtypes)))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    n = int(numpy.prod(shape))
    if dt.kind == "b":
        values = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    elif dt.kind in "iu":
        info = numpy.iinfo(dt)
        lo, hi = max(int(info.min), -1000), min(int(info.max), 1000)
        values = draw(st.lists(st.integers(lo, hi), min_size=n, max_size=n))
    else:
        finite = st.floats(-1e4, 1e4, width=dt.itemsize * 8)
        special = st.sampled_from([float("nan"), float("inf"), -float("inf"), 0.0, -0.0])
        values = draw(st.lists(finite | special, min_size=n, max_size=n))
    return f"np.array({values!r}, dtype=np.{dt.name}).reshape({shape!r})", len(shape)


def axis_source(draw, ndim):
    return draw(st.sampled_from(["None"] + [str(k) for k in range(-ndim, ndim)]))


REDUCERS = ["np.sum", "np.prod", "np.min", "np.max", "np.nansum", "np.nanmin", "np.nanmax",
            "np.nanmean", "np.ptp", "np.median", "np.mean", "np.average"]
UFUNCS = ["add", "multiply", "minimum", "maximum", "subtract", "bitwise_or", "logical_xor",
          "fmax", "floor_divide"]


@SETTINGS
@given(data=st.data())
def test_reducer(data):
    src, ndim = data.draw(array_source())
    f = data.draw(st.sampled_from(REDUCERS))
    axis = axis_source(data.draw, ndim)
    keep = ", keepdims=True" if data.draw(st.booleans()) and f != "np.average" else ""
    same(f"{f}({src}, axis={axis}{keep})", ulps=8, text=False)


@SETTINGS
@given(data=st.data())
def test_percentile(data):
    src, ndim = data.draw(array_source([d for d in DTYPES if d != "bool"]))
    axis = axis_source(data.draw, ndim)
    q = data.draw(st.sampled_from(["0", "100", "50", "33.3", "[10, 90]", "np.array([[5.5], [75]])"]))
    same(f"np.percentile({src}, {q}, axis={axis})", ulps=8, text=False)


@SETTINGS
@given(data=st.data())
def test_ufunc_method(data):
    src, ndim = data.draw(array_source())
    name = data.draw(st.sampled_from(UFUNCS))
    method = data.draw(st.sampled_from(["reduce", "accumulate"]))
    axis = data.draw(st.sampled_from([str(k) for k in range(-ndim, ndim)]))
    same(f"np.{name}.{method}({src}, axis={axis})", ulps=8, text=False)
