"""numpypy's sorting and searching against NumPy: sort/argsort (stable; NaN last; complex
lexicographic with NumPy's NaN order; every axis), in-place ndarray.sort, unique (return_index/
inverse/counts, NaN collapsing), searchsorted (sides, sorter), count_nonzero, argwhere."""

import pytest

from compat import same

ARRAYS = [
    "np.array([3, 1, 2, 1, 3])", "np.array([[3, -1, 2], [0, 5, -7]], np.int8)",
    "np.array([2.5, np.nan, -1.0, np.inf, -np.inf, np.nan, 0.0, -0.0])",
    "np.array([[1.5, np.nan], [np.nan, -2.0], [0.25, 0.25]], np.float32)",
    "np.array([3, 1, 2], np.float16)", "np.array([True, False, True, False])",
    "np.array([1+2j, 1+1j, np.nan+0j, 0+np.nan*1j, -1-1j, complex(np.nan, np.nan), 1+1j])",
    "np.array([2**64 - 1, 0, 2**63], np.uint64)", "np.arange(24, dtype=np.uint16).reshape(2, 3, 4)[:, ::-1, 1::2]",
    "np.array([], np.int32)", "np.zeros((2, 0))", "np.array([[5, 5, 1], [1, 5, 5]], np.int64)",
    "np.array([-2**63, 2**63 - 1, 0])", "np.array([np.inf, 1.0, np.nan, -np.inf])[::-1]",
]

TEMPLATES = [
    "np.sort({a})", "np.sort({a}, axis=0)", "np.sort({a}, axis=None)", "np.sort({a}, kind='stable')",
    "np.argsort({a}, kind='stable')", "np.argsort({a}, axis=0, kind='stable')",
    "np.argsort({a}, axis=None, kind='stable')", "np.unique({a})",
    "np.unique({a}, return_index=True, return_inverse=True, return_counts=True)",
    "np.unique({a}, return_inverse=True)", "np.unique({a}, equal_nan=False)",
    "np.count_nonzero({a})", "np.count_nonzero({a}, axis=0)", "np.count_nonzero({a}, axis=-1, keepdims=True)",
    "np.argwhere({a})", "{a}.argsort(kind='stable')", "np.sort({a}, kind='mergesort')",
    "np.searchsorted(np.sort({a}, axis=None), {a}.ravel())",
    "np.searchsorted(np.sort({a}, axis=None), {a}.ravel(), side='right')",
]

CASES = [
    "np.sort(np.array(3))", "np.sort(np.array(3), axis=None)", "np.argsort(np.array(3))",
    "np.sort([3, 1, 2], kind='foo')", "np.sort([3, 1, 2], order='x')", "np.sort([[3, 1]], axis=2)",
    "np.sort([3, 1, 2], kind='quicksort')", "np.sort([3, 1, 2], kind='heapsort')",
    "np.argsort([3, 1, 3, 1], kind='stable')", "np.sort([[3, 1], [2, 0]], axis=-2)",
    "np.unique([])", "np.unique([[1, 2], [2, 1]], return_inverse=True)",
    "np.unique([3.0, 3.0, -1.0, 0.0, 3.0])", "np.unique([1, 2], axis=0)",
    "np.unique([[1, 0, 1], [0, 1, 0], [1, 0, 1]], axis=0, return_index=True, return_inverse=True, return_counts=True)",
    "np.unique([[1, 0, 1], [0, 1, 0], [1, 0, 1]], axis=1, return_inverse=True)",
    "np.unique(np.array([[np.nan, 1], [np.nan, 1], [-0.0, 2], [0.0, 2]]), axis=0, return_counts=True)",
    "np.unique(np.zeros((0, 3)), axis=0)", "np.unique(np.zeros((2, 0)), axis=0, return_inverse=True)",
    "np.unique(np.arange(24).reshape(2, 3, 4) % 2, axis=2, return_counts=True)",
    "np.unique(np.array([[1+1j, 2], [1+1j, 2], [1, 2]]), axis=0, return_index=True)",
    "np.unique(np.array([[True, False], [True, False]]), axis=-1)", "np.unique([[1, 2]], axis=2)",
    "np.unique(np.array([np.nan, 1, np.nan]), return_counts=True)",
    "np.unique(np.array([np.nan, 1, np.nan]), return_index=True, equal_nan=False)",
    "np.unique(np.array([complex(np.nan, 1), complex(1, np.nan), 1]), return_counts=True)",
    "np.unique(5)", "np.unique([True, False, True], return_counts=True)",
    "np.searchsorted([1, 2, 3], 2)", "np.searchsorted([1, 2, 3], 2, side='right')",
    "np.searchsorted([1, 2, 3], [[0, 4], [2, 3]])", "np.searchsorted([1, 2, 3], 2, side='bad')",
    "np.searchsorted([[1, 2, 3]], 2)", "np.searchsorted([3, 1, 2], 2, sorter=[1, 2, 0])",
    "np.searchsorted([3, 1, 2], [0, 2, 5], side='right', sorter=[1, 2, 0])",
    "np.searchsorted([1, 2, 3], 2, sorter=[0, 1])", "np.searchsorted([1.0, np.nan], np.nan)",
    "np.searchsorted([1.0, np.nan], [np.nan, 2], side='right')", "np.searchsorted([1, 2, 3], 2.5)",
    "np.searchsorted(np.array([1, 2], np.int8), 300)", "np.searchsorted([], 1)",
    "np.array([1, 2, 3]).searchsorted([2])",
    "np.searchsorted(np.array([0.1], np.float32), 0.1, side='right')",
    "np.searchsorted(np.array([0.1], np.float16), [0.1], side='right')",
    "np.searchsorted(np.array([1, 2], np.uint8), -1)", "np.searchsorted(np.array([1, 2], np.int8), 1.5)",
    "np.searchsorted(np.array([1+1j, 2]), 1+2j)", "np.searchsorted([1, 2, 3], [2], sorter=[0.5, 1, 2])", "np.count_nonzero(5)", "np.count_nonzero([[0, 1j], [0, 0]])",
    "np.count_nonzero(np.zeros((2, 3)), axis=(0, 1))", "np.argwhere(5)", "np.argwhere(0)",
    "np.argwhere([[0, 1], [1, 0]])",
]


@pytest.mark.parametrize("case", [t.format(a=a) for a in ARRAYS for t in TEMPLATES])
def test_template(case):
    same(case)


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    same(case)


STATEMENTS = [
    "a = np.array([3, 1, 2]); r = a.sort(); out = (r, a)",
    "a = np.array([[3, 1], [2, 0]]); a.sort(axis=0); out = a",
    "a = np.array([np.nan, 1.0, -np.inf]); a.sort(); out = a",
    "a = np.arange(6.0)[::-1]; v = a[::2]; v.sort(); out = a",
    "a = np.array([[3, 1], [2, 0]]); a.sort(axis=None)",
    "a = np.broadcast_to(np.array([2, 1]), (2, 2)); a.sort()",
    "a = np.array([1+1j, np.nan, 0]); a.sort(); out = a",
]


@pytest.mark.parametrize("case", STATEMENTS)
def test_statement(case):
    same(case, stmt=True)
