"""Hypothesis-driven differential tests of ufunc calls with ``where=`` and ``out=``, and of
``outer``/``at``: random small arrays of every real dtype family, random masks; numpypy against
NumPy, warnings included (numpypy must report only what the selected elements raise)."""

from hypothesis import given
from hypothesis import strategies as st

from compat import same
from test_reductions_hypothesis import SETTINGS, array_source

BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "maximum", "fmin",
          "power", "arctan2", "hypot", "logical_and", "bitwise_and", "less"]
UNARY = ["sqrt", "log", "negative", "absolute", "reciprocal", "exp", "square", "sign"]


def mask_source(draw, src):
    """A random bool mask with the shape of the array built by ``src``."""
    bits = draw(st.lists(st.booleans(), min_size=64, max_size=64))
    return f"np.array({bits!r})[:({src}).size].reshape(({src}).shape)"


@SETTINGS
@given(data=st.data())
def test_binary_where(data):
    a, _ = data.draw(array_source())
    b, _ = data.draw(array_source())
    b = f"({b}).reshape(-1)[:1]"
    name = data.draw(st.sampled_from(BINARY))
    m = mask_source(data.draw, a)
    case = (f"r = np.{name}({a}, {b})\n"
            f"out = np.{name}({a}, {b}, out=np.full(r.shape, 3, r.dtype), where={m})")
    same(case, stmt=True, ulps=2, text=False)


@SETTINGS
@given(data=st.data())
def test_unary_where(data):
    a, _ = data.draw(array_source())
    name = data.draw(st.sampled_from(UNARY))
    m = mask_source(data.draw, a)
    case = (f"r = np.{name}({a})\n"
            f"out = np.{name}({a}, out=np.full(r.shape, 3, r.dtype), where={m})")
    same(case, stmt=True, ulps=2, text=False)


@SETTINGS
@given(data=st.data())
def test_outer_and_at(data):
    a, _ = data.draw(array_source())
    b, _ = data.draw(array_source())
    name = data.draw(st.sampled_from(["add", "multiply", "maximum", "subtract"]))
    same(f"np.{name}.outer({a}, ({b}).reshape(-1)[:3])", ulps=2, text=False)
    # b of a's dtype: numrt's float32 -> float16 casts do not raise NumPy's overflow flag yet.
    idx = data.draw(st.lists(st.integers(0, 3), min_size=0, max_size=6))
    case = (f"out = ({a}).reshape(-1).copy()\n"
            f"np.{name}.at(out, [i % out.size for i in {idx!r}], ({a}).reshape(-1)[-1])")
    same(case, stmt=True, ulps=2, text=False)
