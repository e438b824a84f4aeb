"""Products and numpypy.linalg against NumPy.

Exact cases (integers wrap, bool is logical, float16 accumulates in float32 like NumPy's loop;
shapes, dtypes and error texts) go through ``same``. Float products and det/inv/solve are
compared with a tolerance: NumPy calls BLAS/LAPACK, which order their sums differently, so
results agree to rounding — we allow ``rtol = 64 * eps * cond(a)`` (cond from NumPy) and an
absolute floor of the same size relative to the result's scale.
"""

import numpy
import pytest

import numpypy
from compat import outcome, same

INT_PRODUCTS = [
    "np.arange(6).reshape(2, 3) @ np.arange(6).reshape(3, 2)",
    "np.matmul(np.arange(3), np.arange(3))", "np.arange(3) @ np.arange(6).reshape(3, 2)",
    "np.arange(6).reshape(2, 3) @ np.arange(3)",
    "np.arange(24).reshape(2, 3, 4) @ np.arange(8).reshape(4, 2)",
    "np.arange(24).reshape(2, 1, 3, 4) @ np.arange(24).reshape(2, 4, 3)",
    "np.array([[100, 100]], np.int8) @ np.array([[2], [1]], np.int8)",
    "np.array([[200, 200]], np.uint8) @ np.array([[2], [2]], np.uint8)",
    "np.array([[2**62, 2**62]]) @ np.array([[2], [1]])",
    "np.array([[1, 2]], np.int8) @ np.array([[1], [2]], np.uint8)",
    "np.array([[1, 2]], np.int16) @ np.array([[1], [2]], np.uint64)",
    "np.ones((2, 2), bool) @ np.ones((2, 2), bool)",
    "np.array([[True, False]]) @ np.array([[False], [True]])",
    "np.array([[1, 2]], np.float16) @ np.array([[3], [4]], np.float16)",
    "np.array([[1, 2]], np.float16) @ np.array([[3], [4]], np.int8)",
    "np.array([[1+2j, 3]]) @ np.array([[1j], [2]])",
    "np.zeros((0, 3)) @ np.zeros((3, 2))", "np.zeros((2, 0)) @ np.zeros((0, 2))",
    "np.zeros((3, 0), np.int8) @ np.zeros((0, 0), np.int8)",
    "np.ones((2, 3)) @ np.ones((2, 3))", "np.ones(3) @ np.ones(2)",
    "np.ones((2, 2, 3)) @ np.ones((3, 3, 2))", "np.ones(3) @ 5", "np.matmul(5, np.ones(3))",
    "np.arange(4) @ [1, 2, 3, 4]", "[1, 2] @ np.arange(4).reshape(2, 2)",
    "np.arange(4).reshape(2, 2).dot(np.arange(2))",
]

DOT_FAMILY = [
    "np.dot(np.arange(6).reshape(2, 3), np.arange(6).reshape(3, 2))", "np.dot(3, np.arange(3))",
    "np.dot(np.arange(3, dtype=np.int8), 2)", "np.dot(np.arange(3), np.arange(3))",
    "np.dot(np.arange(24).reshape(2, 3, 4), np.arange(40).reshape(5, 4, 2))",
    "np.dot(np.ones((2, 3)), np.ones((2, 3)))", "np.dot(np.ones(3), np.ones(2))",
    "np.dot(np.ones((2, 3, 4)), np.ones((5, 3, 2)))",
    "np.inner(np.arange(3), np.arange(3))", "np.inner(np.arange(6).reshape(2, 3), np.arange(9).reshape(3, 3))",
    "np.inner(np.ones(3), np.ones(2))", "np.inner(2, np.arange(3))",
    "np.outer(np.arange(3), np.arange(4))", "np.outer(np.arange(4).reshape(2, 2), [1, 2])",
    "np.outer(np.array([True, False]), np.array([True, True]))",
    "np.outer(np.arange(2, dtype=np.int8), np.arange(3, dtype=np.uint8))",
    "np.vdot(np.array([1+2j, 3j]), np.array([2j, 1]))", "np.vdot(np.arange(4).reshape(2, 2), np.arange(4))",
    "np.vdot(np.ones(3), np.ones(2))",
    "np.tensordot(np.arange(60).reshape(3, 4, 5), np.arange(24).reshape(4, 3, 2), axes=([1, 0], [0, 1]))",
    "np.tensordot(np.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3))",
    "np.tensordot(np.arange(6).reshape(2, 3), np.arange(12).reshape(3, 4), axes=1)",
    "np.tensordot(np.arange(3), np.arange(4), axes=0)",
    "np.tensordot(np.ones((2, 3)), np.ones((2, 3)), axes=([0], [1]))",
    "np.kron(np.arange(4).reshape(2, 2), np.array([[1, 10], [100, 1000]]))",
    "np.kron(np.array([1, 2]), np.array([1, 10, 100]))", "np.kron(np.eye(2, dtype=int), np.ones((2, 3), int))",
    "np.kron(np.array([1, 2], np.int8), np.arange(6).reshape(2, 3))",
    "np.trace(np.arange(9).reshape(3, 3))", "np.trace(np.arange(12).reshape(3, 4), 1)",
    "np.trace(np.arange(12).reshape(3, 4), -1)", "np.trace(np.arange(9, dtype=np.int8).reshape(3, 3))",
    "np.trace(np.arange(24).reshape(2, 3, 4))", "np.trace(np.arange(9).reshape(3, 3), 5)",
    "np.trace(np.ones((2, 2), bool))", "np.trace(np.arange(4.0).reshape(2, 2))",
    "np.diag(np.array([1, 2, 3]))", "np.diag(np.array([1, 2]), 1)", "np.diag(np.array([1.5, 2]), -2)",
    "np.diag(np.arange(9).reshape(3, 3))", "np.diag(np.arange(12).reshape(3, 4), 1)",
    "np.diag(np.arange(12).reshape(3, 4), -2)", "np.diag(np.arange(12).reshape(3, 4), 7)",
    "np.diag(np.array([True, False]))", "np.diag(np.ones((2, 2, 2)))", "np.diag(np.array([], np.int8))",
]

LINALG_ERRORS = [
    "np.linalg.det(np.ones(3))", "np.linalg.det(np.ones((2, 3)))",
    "np.linalg.inv(np.zeros((2, 2)))", "np.linalg.inv(np.array([[1, 2], [2, 4]]))",
    "np.linalg.det(np.ones((2, 2), np.float16))", "np.linalg.solve(np.ones((2, 2)), np.ones(3))",
    "np.linalg.solve(np.eye(2), np.ones((3, 2)))", "np.linalg.solve(np.zeros((2, 2)), np.ones(2))",
    "issubclass(np.linalg.LinAlgError, ValueError)", "np.linalg.LinAlgError.__name__",
    "np.linalg.det(np.zeros((0, 0)))", "np.linalg.inv(np.zeros((0, 0)))",
    "np.linalg.det(np.array([[2]], np.int8))", "np.linalg.det(np.array([[True]]))",
    "np.linalg.det(np.eye(3))", "np.linalg.inv(np.eye(3, dtype=np.float32))",
    "np.linalg.det(np.array([[1, 2], [3, 4]], np.float32)).dtype",
    "np.linalg.det(np.array([[1, 2], [3, 4]], np.complex64)).dtype",
    "np.linalg.inv(np.array([[1, 2], [3, 4]], np.int8)).dtype",
    "np.linalg.norm(np.array([3, 4]))", "np.linalg.norm(np.array([[3, 4]]), keepdims=True)",
    "np.linalg.norm(np.array([1, -2, 3]), np.inf)", "np.linalg.norm(np.array([1, -2, 3]), -np.inf)",
    "np.linalg.norm(np.array([1, 0, 3]), 0)", "np.linalg.norm(np.array([1, -2, 3]), 1)",
    "np.linalg.norm(np.array([[1, 2], [3, 4]]), axis=1)", "np.linalg.norm(np.array([[1, 2], [3, 4]]), axis=0, keepdims=True)",
    "np.linalg.norm(np.array([[1, -2], [3, 4]]), 1)", "np.linalg.norm(np.array([[1, -2], [3, 4]]), np.inf)",
    "np.linalg.norm(np.array([[1, -2], [3, 4]]), -1)", "np.linalg.norm(np.array([[1, -2], [3, 4]]), -np.inf)",
    "np.linalg.norm(np.array([3+4j]))", "np.linalg.norm(np.array([3, 4], np.float32))",
    "np.linalg.norm(np.ones((2, 2, 2)))", "np.linalg.norm(np.ones((2, 2, 2)), 1)",
    "np.linalg.norm(np.ones(3), 'fro')", "np.linalg.norm(np.ones((2, 2)), 3)",
    "np.linalg.norm(np.ones((2, 2)), axis=(0, 0))", "np.linalg.norm(np.ones(3), axis=1)",
    "np.linalg.norm(np.array([1, 2, 2]), 3)",
    "np.linalg.solve(np.ones((2, 3, 3)) + np.eye(3), np.ones(3)).shape",
    "np.linalg.solve(np.ones((2, 1, 3, 3)) + np.eye(3), np.ones((4, 3, 2))).shape",
    "np.linalg.solve(np.ones((2, 3, 3)) + np.eye(3), np.ones((4, 3, 2)))",
    "np.linalg.solve(np.eye(2, dtype=np.int8), np.array([3, 4], np.int16))",
    "np.linalg.solve(np.eye(2, dtype=np.float32), np.array([3, 4], np.float32))",
    "np.linalg.solve(np.eye(2, dtype=np.float32), np.array([3, 4j], np.complex64))",
]


@pytest.mark.parametrize("case", INT_PRODUCTS + DOT_FAMILY + LINALG_ERRORS)
def test_exact(case):
    same(case, ulps=2)


def _values(case, np):
    out = outcome(case, np)
    if out.error is not None:
        raise out.error
    v = out.value
    if isinstance(v, numpypy.generic):
        return numpy.array(v.item(), dtype=v.dtype.name)
    return numpy.asarray(v)


def close(case, cond=1.0):
    want, got = _values(case, numpy), _values(case, numpypy)
    assert want.dtype == got.dtype and want.shape == got.shape, case
    if want.dtype.kind in "biu":
        numpy.testing.assert_array_equal(got, want, err_msg=case)
        return
    eps = numpy.finfo(want.dtype).eps
    tol = 64 * eps * max(cond, 1.0)
    scale = numpy.max(numpy.abs(want)) if want.size else 0.0
    numpy.testing.assert_allclose(got, want, rtol=tol, atol=tol * scale, err_msg=case)


MATS = [
    "np.array([[4., 1., 2.], [1., 5., 3.], [2., 3., 6.]])",
    "np.array([[1., 2.], [3., 4.]])", "np.array([[0., 1.], [1., 0.]])",
    "np.array([[2, 1, 0, 0], [1, 2, 1, 0], [0, 1, 2, 1], [0, 0, 1, 2]])",
    "np.array([[1e-3, 1.], [1., 1.]], np.float32)",
    "np.array([[1+1j, 2], [3j, 4-1j]])", "np.array([[1+1j, 2], [3j, 4-1j]], np.complex64)",
    "(np.arange(27.0).reshape(3, 3, 3) % 7 + np.eye(3) * 5)",
]


@pytest.mark.parametrize("m", MATS)
@pytest.mark.parametrize("fn", ["np.linalg.det({m})", "np.linalg.inv({m})",
                                "np.linalg.solve({m}, np.ones({m}.shape[:-1]) if {m}.ndim == 2 else np.ones({m}.shape))",
                                "{m} @ {m}", "np.dot({m}, {m})", "np.linalg.norm({m})"])
def test_float_tolerance(m, fn):
    a = numpy.asarray(eval(m, {"np": numpy}))
    close(fn.format(m=m), cond=float(numpy.max(numpy.linalg.cond(a))))


@pytest.mark.parametrize("shape", [(1, 1, 1), (3, 5, 7), (70, 130, 300), (2, 65, 257, 3)])
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
def test_float_matmul_blocks(shape, dtype):
    *batch, n, k, m = shape if len(shape) == 4 else (None,) + shape
    lead = "" if batch == [None] else f"{batch[0]}, "
    case = (f"(np.arange({(batch[0] or 1) * n * k}) % 7 - 3).reshape({lead}{n}, {k}).astype('{dtype}') @ "
            f"(np.arange({k * m}) % 5 - 2.5).reshape({k}, {m}).astype('{dtype}')")
    close(case, cond=k)


def test_int_matmul_large_exact():
    same("(np.arange(130 * 300) % 97).reshape(130, 300) @ (np.arange(300 * 270) % 89 - 44).reshape(300, 270)")
    same("(np.arange(70 * 300) % 97).reshape(70, 300).astype(np.int16) @ (np.arange(300 * 5) % 89).reshape(300, 5).astype(np.int16)")


def test_matmul_operators():
    same("a = np.arange(4).reshape(2, 2)\na @= np.eye(2, dtype=int)\nout = a", stmt=True)
    same("a = np.arange(6).reshape(2, 3)\na @= np.ones((3, 2), int)\nout = a", stmt=True, message=False)


def test_matmul_defers_to_reflected_operand():
    class Right:
        def __rmatmul__(self, other):
            return "rmatmul"

    assert numpypy.ones(3) @ Right() == "rmatmul"
    with pytest.raises(TypeError):
        numpypy.ones(3) @ "a"


@pytest.mark.parametrize("case", [
    "np.linalg.solve(np.arange(18.0).reshape(2, 3, 3) % 5 + 4 * np.eye(3), np.arange(3.0))",
    "np.linalg.solve(np.arange(18.0).reshape(2, 1, 3, 3) % 5 + 4 * np.eye(3), np.arange(24.0).reshape(4, 3, 2))",
    "np.linalg.inv(np.arange(18.0).reshape(2, 3, 3) % 5 + 4 * np.eye(3))",
    "np.linalg.det(np.arange(18.0).reshape(2, 3, 3) % 5 + 4 * np.eye(3))",
])
def test_stacked_tolerance(case):
    close(case, cond=10.0)
