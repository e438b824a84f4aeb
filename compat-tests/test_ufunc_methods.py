"""ufunc objects against NumPy's: attributes, ``where=`` and ``out=`` on calls, ``reduce``
(axis None/int/tuple, dtype, out, keepdims, initial, where; identity rules), ``accumulate``,
``outer`` and ``at``, over every dtype family, with NumPy's errors."""

import pytest

from compat import same

ATTRIBUTES = [
    f"np.{u}.{attr}"
    for u in ["add", "subtract", "minimum", "maximum", "logical_and", "logical_or", "logical_xor",
              "bitwise_and", "bitwise_or", "bitwise_xor", "multiply", "sqrt", "negative", "power",
              "equal", "arctan2", "fmin", "divide", "true_divide", "absolute", "abs", "conj"]
    for attr in ["nin", "nout", "nargs", "identity", "__name__"]
] + ["np.add.types[:5]", "repr(np.add)", "repr(np.abs)"]

WHERE = [
    # With out=: unselected elements keep out's values.
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=np.array([True, False, True]))",
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=[True, False, True])",
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=[1, 0, 1])",
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=False)",
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=True)",
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=None)",
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=np.array([1, 0, 1]))",
    "np.add(np.array([1, 2, 3]), 10, out=np.zeros(3, dtype=int), where=np.array([1.5, 0, 1]))",
    "np.multiply(np.ones((2, 3)), 2.5, out=np.full((2, 3), -1.0), where=np.array([True, False, True]))",
    "np.sqrt(np.array([4.0, -1.0, 9.0]), out=np.zeros(3), where=np.array([True, False, True]))",
    "np.divide(np.array([1.0, 2.0]), np.array([0.0, 2.0]), out=np.ones(2), where=np.array([False, True]))",
    "np.negative(np.array([1, 2], np.int8), out=np.zeros(2, np.int8), where=[True, False])",
    "np.add(np.array([1, 2], np.float32), 1, out=np.zeros(2, np.float32), where=np.array([True, False]))",
    "np.logical_not(np.array([True, False]), out=np.array([True, True]), where=[False, True])",
    "np.add(np.array([1, 2]), 1, out=np.zeros(2), where=np.array([True, False, True]))",
    "np.add(np.array([1, 2]), 1, out=(np.zeros(2),), where=np.array([True, False]))",
    "np.add(np.array([1, 2]), 1, out=(None,))",
    "np.add(np.array([1, 2]), 1, out=(None, None))",
    "np.add(np.array([1, 2]), 1, out=None)",
    "np.add(np.array([1, 2]), 10, where=True)",
    "np.add(np.array([1+1j, 2]), 10, out=np.zeros(2, complex), where=[True, False])",
]

# Without out=, NumPy leaves unselected elements uninitialised: compare selected ones only.
WHERE_NO_OUT = [
    "m = np.array([True, False, True])\nout = np.add(np.array([1, 2, 3]), 5, where=m)[m]",
    "m = np.array([[True], [False]])\nout = np.multiply(np.ones((2, 2)), 3, where=m)[0]",
    "m = np.array([True, False])\nout = np.sqrt(np.array([4.0, -1.0]), where=m, out=None)[m]",
]

REDUCE = [
    "np.add.reduce(np.array([1, 2, 3]))", "np.add.reduce(np.array([[1, 2], [3, 4]]), axis=1)",
    "np.add.reduce(np.array([[1, 2], [3, 4]]), axis=None)",
    "np.add.reduce(np.array([[1, 2], [3, 4]]), axis=(0, 1))",
    "np.add.reduce(np.array([[1, 2], [3, 4]]), axis=-1, keepdims=True)",
    "np.add.reduce(np.arange(24).reshape(2, 3, 4), axis=(0, 2))",
    "np.add.reduce(np.arange(24).reshape(2, 3, 4), axis=(2, 0), keepdims=True)",
    "np.add.reduce(np.array([True, True]))", "np.add.reduce(np.array([1, 2], np.int8))",
    "np.add.reduce(np.array([1, 2], np.uint16))", "np.add.reduce(np.array([1, 2], np.float16))",
    "np.add.reduce(np.array([0.1, 0.2], np.float32))", "np.add.reduce(np.array([1+2j, 3]))",
    "np.add.reduce(np.array([1, 2], np.int8), dtype=np.int8)",
    "np.add.reduce(np.array([1.7, 2.6]), dtype=int)",
    "np.add.reduce(np.array([]))", "np.add.reduce(np.zeros((0, 3)), axis=0)",
    "np.add.reduce(5)", "np.add.reduce(np.array(5))", "np.add.reduce(np.array(5), axis=0)",
    "np.add.reduce([[1, 2], [3, 4]], out=np.zeros(2))",
    "np.add.reduce([[1, 2], [3, 4]], out=np.zeros(2, dtype=np.int8))",
    "np.add.reduce(np.ones((2, 3)), initial=5)",
    "np.add.reduce(np.arange(6).reshape(2, 3), initial=5, axis=1, keepdims=True)",
    "np.add.reduce(np.ones((2, 3)), where=np.array([True, False, True]))",
    "np.add.reduce(np.ones((2, 3)), axis=None, where=np.array([True, False, True]))",
    "np.add.reduce(np.ones((2, 3)), axis=3)", "np.add.reduce(np.ones((2, 3)), axis=(0, 0))",
    "np.multiply.reduce(np.array([1, 2, 3, 4], np.int16))",
    "np.multiply.reduce(np.array([True, False]))", "np.multiply.reduce(np.array([]))",
    "np.multiply.reduce(np.array([[1.5, 2], [3, 4]]), axis=0)",
    "np.minimum.reduce(np.array([3, 1, 2]))", "np.maximum.reduce(np.array([1, np.nan, 3]))",
    "np.maximum.reduce(np.array([[1, 5], [7, 2]], np.uint8), axis=1)",
    "np.minimum.reduce(np.array([]))", "np.minimum.reduce(np.empty((0, 3)), axis=1)",
    "np.minimum.reduce(np.empty((0, 3)), axis=0)", "np.minimum.reduce(np.empty((3, 0)), axis=1)",
    "np.minimum.reduce(np.array([]), initial=5)", "np.maximum.reduce(np.array([1, 2]), initial=5)",
    "np.minimum.reduce(np.ones((2, 3)), where=np.array([True, False, True]))",
    "np.minimum.reduce(np.ones((2, 3)), where=np.array([True, False, True]), initial=9)",
    "np.maximum.reduce(np.array([True, False]))", "np.minimum.reduce(np.array([1+1j, 1-1j]))",
    "np.logical_and.reduce(np.array([1, 2]))", "np.logical_and.reduce(np.array([], np.int64))",
    "np.logical_or.reduce(np.array([[0, 0], [0, 1.5]]), axis=0)",
    "np.logical_xor.reduce(np.array([True, True, True]))",
    "np.logical_xor.reduce(np.array([1, 2, 0]))",
    "np.subtract.reduce(np.array([10, 2, 3]))", "np.subtract.reduce([1, 2], initial=10)",
    "np.subtract.reduce(np.arange(6).reshape(2, 3), axis=1)",
    "np.subtract.reduce(np.arange(6).reshape(2, 3), axis=0, keepdims=True)",
    "np.subtract.reduce(np.ones((2, 3)), axis=(0, 1))", "np.subtract.reduce(np.ones((2, 3)), axis=None)",
    "np.subtract.reduce(np.ones(2), axis=None)", "np.subtract.reduce(np.array([]))",
    "np.subtract.reduce(np.array([True, False]))",
    "np.subtract.reduce(np.array([1, 2, 3]), where=[True, False, True], initial=10)",
    "np.subtract.reduce(np.array([1, 2, 3]), where=[True, False, True])",
    "np.divide.reduce(np.array([1, 2, 3]))", "np.divide.reduce(np.array([4]))",
    "np.divide.reduce(np.array([1.0, 0.0]))", "np.floor_divide.reduce(np.array([7, 2, 0]))",
    "np.power.reduce(np.array([2, 3, 2], np.int8))",
    "np.bitwise_or.reduce(np.array([1, 2, 4], np.int8))", "np.bitwise_and.reduce(np.array([], np.uint8))",
    "np.bitwise_xor.reduce(np.arange(12).reshape(3, 4), axis=(0, 1))",
    "np.bitwise_and.reduce(np.array([1.0]))",
    "np.fmax.reduce(np.array([1, np.nan, 3]))", "np.fmin.reduce(np.array([]))",
    "np.bitwise_xor.reduce(np.arange(1, 12).reshape(11, 1), axis=0)",
    "np.bitwise_or.reduce(np.arange(7, dtype=np.uint8))", "np.bitwise_and.reduce(np.array([], np.int8), initial=5)",
    "np.fmin.reduce(np.array([[np.nan, 3, 1], [2, np.nan, 5], [np.nan, np.nan, 0.5]]), axis=0)",
    "np.fmax.reduce(np.array([[np.nan, np.nan], [1, np.nan]]), axis=(0, 1))",
    "np.logical_xor.reduce(np.ones((5, 2)), axis=0, initial=True)",
    "np.maximum.reduce(np.array([[1, 9], [3, 4]]), axis=0, where=[[True, False], [True, True]], initial=0)",
    "np.add.reduce(np.array([[1, 9], [3, 4]], np.int8), axis=1, where=[[True, False], [True, True]])",
    "np.logical_and.reduce(np.array([[0, 9], [3, 4]]), axis=0, where=[[False, True], [True, True]])",
    "np.multiply.reduce(np.array([[2.5, 9], [3, 4]]), axis=None, where=[True, False], initial=2)",
    "np.hypot.reduce(np.array([3.0, 4.0]))", "np.arctan2.reduce(np.array([1.0, 2.0]))",
    "np.less.reduce(np.array([1, 2, 3]))", "np.equal.reduce(np.array([True, False, False]))",
    "np.absolute.reduce(np.array([1]))", "np.add.reduce([1], foo=1)",
    "np.add.reduce(np.ones((2, 2)), axis=0, out=np.zeros(()))",
    "np.add.reduce(np.ones((2, 2)), axis=0, out=np.zeros((2, 1)))",
    "np.add.reduce(np.ones((2, 2)), axis=0, keepdims=True, out=np.zeros((1, 2)))", "np.add.reduce(np.array([127, 1], np.int8), dtype=np.int8)",
    "np.add.reduce(np.array([np.inf, -np.inf]))", "np.divide.accumulate(np.array([1.0, 0.0]))",
    "np.subtract.accumulate(np.array([np.inf, np.inf, 1.0]))",
]

ACCUMULATE = [
    "np.add.accumulate(np.array([1, 2, 3]))", "np.add.accumulate(np.ones((2, 3)))",
    "np.add.accumulate(np.ones((2, 3)), axis=1)", "np.add.accumulate(np.ones((2, 3)), axis=-1)",
    "np.add.accumulate(np.ones((2, 3)), axis=None)", "np.add.accumulate(np.ones((2, 3)), axis=2)",
    "np.add.accumulate(np.array(5))", "np.add.accumulate(np.array([1, 2], np.int8))",
    "np.add.accumulate(np.array([True, True]))", "np.add.accumulate(np.array([1, 2], np.float16))",
    "np.add.accumulate(np.array([1, 2], np.int8), dtype=np.int8)",
    "np.multiply.accumulate(np.array([1, 2, 3], np.int8))",
    "np.subtract.accumulate(np.arange(5))", "np.divide.accumulate(np.arange(1, 5))",
    "np.minimum.accumulate(np.array([3, 1, 2, 0]))", "np.maximum.accumulate(np.array([1, np.nan, 3]))",
    "np.minimum.accumulate(np.array([]))", "np.subtract.accumulate(np.zeros((0, 2)))",
    "np.logical_or.accumulate(np.array([False, True, False]))",
    "np.bitwise_xor.accumulate(np.arange(6, dtype=np.uint8).reshape(2, 3), axis=1)",
    "np.power.accumulate(np.array([2, 2, 2]))", "np.sqrt.accumulate(np.array([1.0]))",
    "np.add.accumulate(np.array([1, 2]), out=np.zeros(2))",
    "np.add.accumulate(np.array([[1, 2], [3, 4]]), axis=(1,))",
    "np.add.accumulate([1], keepdims=True)",
]

OUTER = [
    "np.add.outer([1, 2], [3, 4, 5])", "np.add.outer(np.ones((2, 2)), [3, 4, 5])",
    "np.add.outer(1, 2)", "np.multiply.outer(np.array([1, 2], np.int8), 3)",
    "np.less.outer([1, 2], [1.5])", "np.subtract.outer(np.array([1.5, 2.5], np.float32), np.arange(3))",
    "np.power.outer(np.arange(3), np.arange(3))", "np.maximum.outer([[1], [2]], [[0, 5]])",
    "np.absolute.outer([1], [2])", "np.add.outer(np.array([True]), np.array([True, False]))",
    "np.subtract.outer(np.array([True]), np.array([True]))", "np.add.outer([1])",
    "np.add.outer([1], [2], [3])",
]

AT = [
    "a = np.zeros(3)\nnp.add.at(a, [0, 0, 2], 1)\nout = a",
    "a = np.arange(5)\nnp.add.at(a, [0, 1, 0, 0], np.array([1, 2, 3, 4]))\nout = a",
    "a = np.arange(6).reshape(2, 3)\nnp.negative.at(a, (1, [0, 2]))\nout = a",
    "a = np.arange(6).reshape(2, 3)\nnp.add.at(a, [1, 1], np.array([1, 2, 3]))\nout = a",
    "a = np.arange(6).reshape(2, 3)\nnp.multiply.at(a, (slice(None), 1), 10)\nout = a",
    "a = np.ones(4, np.int8)\nnp.add.at(a, [3, 3, 3], 100)\nout = a",
    "a = np.array([1.0, 2.0])\nnp.divide.at(a, [0, 0], 0.0)\nout = a",
    "a = np.array([1.0, 4.0, 9.0])\nnp.sqrt.at(a, [2, 2])\nout = a",
    "a = np.array([5, 2])\nnp.minimum.at(a, [0, 0, 1], np.array([3, 4, 1]))\nout = a",
    "a = np.zeros(3)\nnp.add.at(a, [5], 1)\nout = a",
    "a = np.zeros(3)\nnp.negative.at(a, [0], 1)\nout = a",
    "np.add.at([1, 2], [0], 1)", "np.add.at(np.zeros(2), [0])",
    "a = np.zeros(3)\nnp.add.at(a, np.array([True, False, True]), 2)\nout = a",
    "a = np.zeros(3, int)\nnp.add.at(a, [0], 1.5)\nout = a",
]


@pytest.mark.parametrize("case", ATTRIBUTES)
def test_attribute(case):
    same(case)


@pytest.mark.parametrize("case", WHERE)
def test_where(case):
    same(case)


@pytest.mark.parametrize("case", WHERE_NO_OUT)
def test_where_without_out(case):
    same(case, stmt=True)


@pytest.mark.parametrize("case", REDUCE)
def test_reduce(case):
    same(case, ulps=2)


@pytest.mark.parametrize("case", ACCUMULATE)
def test_accumulate(case):
    same(case, ulps=2)


@pytest.mark.parametrize("case", OUTER)
def test_outer(case):
    same(case)


@pytest.mark.parametrize("case", AT)
def test_at(case):
    same(case, stmt=True)
