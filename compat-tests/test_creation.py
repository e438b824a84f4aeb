"""Creation leftovers against NumPy: copy, ascontiguousarray, the *_like four, logspace,
meshgrid, fromfunction, indices, frombuffer, array/asarray of NumPy arrays (ndmin, copy)."""

import pytest

from compat import same

DTYPED = ["np.arange(6).reshape(2, 3)", "np.array([1.5, -2.0], np.float32)",
          "np.array([True, False])", "np.array([1+2j])", "np.zeros((0, 2), np.int8)",
          "np.array(3, np.uint16)", "np.arange(4, dtype=np.float16)"]

LIKE = ["np.zeros_like({a})", "np.ones_like({a})", "np.empty_like({a}).shape",
        "np.empty_like({a}).dtype", "np.full_like({a}, 7)", "np.full_like({a}, 2.5)",
        "np.zeros_like({a}, dtype=np.float32)", "np.ones_like({a}, shape=(2, 2))",
        "np.full_like({a}, 1, dtype=bool)", "np.copy({a})", "np.ascontiguousarray({a})",
        "np.ascontiguousarray({a}, dtype=np.float64)", "np.ones_like({a}, dtype=np.complex64)"]

CASES = [
    "np.zeros_like([1, 2])", "np.ones_like([[1.5]])", "np.full_like([1, 2], 9.9)",
    "np.full_like(np.arange(3, dtype=np.uint8), 300)", "np.zeros_like(np.arange(6).reshape(2, 3).T)",
    "np.copy([1, 2, 3])", "np.copy(5)", "np.ascontiguousarray(5)", "np.ascontiguousarray([[1, 2]])",
    "np.ascontiguousarray(np.arange(6).reshape(2, 3).T)",
    "np.ascontiguousarray(np.arange(6).reshape(2, 3).T).strides",
    "np.logspace(0, 2, 3)", "np.logspace(0, 1, 5, endpoint=False)", "np.logspace(0, 3, 4, base=2)",
    "np.logspace(0, 3, 4, base=2, dtype=int)", "np.logspace(1, 0, 3, dtype=np.float32)",
    "np.logspace(0, 2, 0)", "np.logspace(-1, 1, 3)", "np.logspace(0, 10, 3, base=2.0)",
    "np.meshgrid(np.arange(3), np.arange(2))", "np.meshgrid(np.arange(3), np.arange(2), indexing='ij')",
    "np.meshgrid(np.arange(3.0), [1, 2], np.arange(2, dtype=np.int8))",
    "np.meshgrid(np.arange(3.0), [1, 2], np.arange(2, dtype=np.int8), indexing='ij')",
    "np.meshgrid(np.arange(3), np.arange(2), sparse=True)", "np.meshgrid(np.arange(3))",
    "np.meshgrid()", "np.meshgrid(np.arange(2), np.arange(2), indexing='yx')",
    "np.meshgrid(np.arange(4).reshape(2, 2), [1, 2])",
    "np.fromfunction(lambda i, j: i + j, (2, 3))", "np.fromfunction(lambda i, j: i * 10 + j, (3, 2), dtype=int)",
    "np.fromfunction(lambda i: i == 1, (3,))", "np.fromfunction(lambda i, j, k: i - j + k, (2, 2, 2), dtype=np.int8)",
    "np.indices((2, 3))", "np.indices((2,), dtype=np.float32)", "np.indices(())",
    "np.frombuffer(b'\\x01\\x00\\x02\\x00', dtype=np.int16)", "np.frombuffer(bytes(16))",
    "np.frombuffer(bytes(8), dtype=np.complex64)", "np.frombuffer(b'abc', dtype=np.uint8, offset=1)",
    "np.frombuffer(b'abc', dtype=np.uint8, count=2)", "np.frombuffer(b'abc', dtype=np.int16)",
    "np.frombuffer(b'abc', dtype=np.uint8, offset=5)", "np.frombuffer(b'abc', dtype=np.uint8, count=5)",
    "np.array([1, 2], ndmin=3)", "np.array(5, ndmin=1)", "np.array([[1]], ndmin=1)",
]


@pytest.mark.parametrize("case", CASES + [c.format(a=a) for c in LIKE for a in DTYPED])
def test_creation(case):
    same(case)


NUMPY_INPUT = ["numpy_np.arange(6).reshape(2, 3)", "numpy_np.arange(6.0)[::-2]",
               "numpy_np.array([True, False])", "numpy_np.arange(4, dtype='complex64')",
               "numpy_np.eye(3, dtype='float16').T", "numpy_np.array(2.5)"]


@pytest.mark.parametrize("src", NUMPY_INPUT)
@pytest.mark.parametrize("fn", ["np.asarray({s})", "np.array({s})", "np.asarray({s}, dtype=np.float32)",
                                "np.array({s}, copy=True) + 1", "np.copy({s})", "np.array({s}, ndmin=2)",
                                "np.from_dlpack({s})", "np.ascontiguousarray({s})", "np.zeros_like({s})"])
def test_from_numpy_arrays(src, fn):
    import numpy

    def run(np):
        return eval(fn.format(s=src), {"np": np, "numpy_np": numpy})
    same(run)
