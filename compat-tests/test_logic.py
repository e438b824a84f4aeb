"""numpypy's logic functions against NumPy: isclose (rtol/atol/equal_nan, broadcasting, dtype
rules for ints/bools/float32/complex, infinities), allclose, array_equal (equal_nan),
array_equiv."""

import pytest

from compat import same

CASES = [
    "np.isclose([1.0, 1e10, np.nan], [1.00001, 1.00001e10, np.nan])",
    "np.isclose([1.0, np.nan], [1.0, np.nan], equal_nan=True)", "np.isclose(1.0, 1.0 + 1e-9)",
    "np.isclose(1, 1)", "np.isclose(np.array([1, 2], np.int8), 2)", "np.isclose([True, False], [1, 0])",
    "np.isclose(np.array([1.0, 2.0], np.float32), np.float32(1.0000001))",
    "np.isclose([np.inf, -np.inf, np.inf], [np.inf, np.inf, 1e308])", "np.isclose([1e-9, 0], [0, 1e-9])",
    "np.isclose([1e-9, 0], [0, 1e-9], atol=0)", "np.isclose([1, 2], [[1], [2.0000001]])",
    "np.isclose([1, 2], [1, 2, 3])", "np.isclose([1+1j, 2], [1+1.000001j, 2.1])",
    "np.isclose([1.0, 2.0], [1.1, 2.2], rtol=0.1)", "np.isclose([1.0, 2.0], [1.1, 2.2], atol=[0.2, 0.1])",
    "np.isclose(np.array([1, 2], np.uint64), np.array([1, 3], np.int64))",
    "np.isclose(np.array(1.0), np.array(1.0))", "np.isclose([], [])",
    "np.isclose(np.array([1.0, np.nan], np.float16), np.array([1.0, np.nan], np.float16), equal_nan=True)",
    "np.allclose([1.0, 1e10], [1.00001, 1.0001e10])", "np.allclose([1.0, np.nan], [1.0, np.nan])",
    "np.allclose([1.0, np.nan], [1.0, np.nan], equal_nan=True)", "np.allclose(1, 1)",
    "np.allclose([], [])", "np.allclose([1, 2], [1, 3])", "np.allclose([1, 2], [[1, 2], [1, 2]])",
    "np.array_equal([1, 2], [1, 2])", "np.array_equal([1, 2], [1, 3])", "np.array_equal([1, 2], [1, 2, 3])",
    "np.array_equal([1.0, np.nan], [1.0, np.nan])", "np.array_equal([1.0, np.nan], [1.0, np.nan], equal_nan=True)",
    "np.array_equal([1, 2], [1.0, 2.0])", "np.array_equal(np.array([1+np.nan*1j]), np.array([1+np.nan*1j]), equal_nan=True)",
    "np.array_equal([[1, 2]], [1, 2])", "np.array_equal([], [])", "np.array_equal(5, 5.0)",
    "np.array_equal([1, 2], [1, 2], equal_nan=True)", "np.array_equal([np.nan, 1.0], [1.0, np.nan], equal_nan=True)",
    "np.array_equiv([1, 2], [[1, 2], [1, 2]])", "np.array_equiv([1, 2], [[1, 2], [1, 3]])",
    "np.array_equiv([1, 2], [1, 2, 3])",
]


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    same(case)


STATEMENTS = [
    "a = np.arange(3.0); out = np.array_equal(a, a, equal_nan=True)",
    "with np.errstate(invalid='raise'):\n    out = np.isclose([np.inf, np.nan], [np.inf, 1.0])",
]


@pytest.mark.parametrize("case", STATEMENTS)
def test_statement(case):
    same(case, stmt=True)
