"""ndarray methods next to the ufuncs, against NumPy: flags (writeable settable, read-only
writes), real/imag views (settable), view(dtype), conj/conjugate, ``in``, divmod (operator and
``np.divmod`` with ``out=``), NumPy's fast scalar power (``a ** 2`` is ``square``), and ``out=``
on the reduction methods."""

import pytest

from compat import same

CASES = [
    "np.array([[1, 2], [3, 4]]).flags.c_contiguous", "np.array([[1, 2], [3, 4]]).T.flags.f_contiguous",
    "np.array([[1, 2], [3, 4]]).T.flags['C_CONTIGUOUS']", "np.array([[1, 2], [3, 4]])[:, 0].flags.c_contiguous",
    "np.array([[1, 2], [3, 4]])[:, 0].flags['F_CONTIGUOUS']", "np.zeros((0, 3)).flags.f_contiguous",
    "np.array([[1, 2], [3, 4]]).flags.writeable", "np.array([1]).flags['WRITEABLE']",
    "np.array([1]).flags.aligned", "np.array([1]).flags['BOGUS']",
    "np.array([1+2j, 3-4j]).real", "np.array([1+2j, 3-4j], np.complex64).imag",
    "np.array([[1+2j, 3-4j]]).T.imag", "np.array([1.5, 2]).real", "np.array([1.5, 2]).imag",
    "np.array([1, 2], np.int8).imag", "np.array([True]).real", "np.array([1, 2]).imag.flags.writeable",
    "np.array([1, 2]).real.flags.writeable", "np.array([1+2j]).conj()", "np.array([1+2j]).conjugate()",
    "np.array([1, 2]).conj()", "np.array([1.5], np.float32).conjugate()",
    "np.array([1.0, -2.0]).view(np.int64)", "np.array([1, 2], np.int32).view(np.float32)",
    "np.array([1, 2], np.int8).view(np.uint8)", "np.array([1.0, -2.0]).view()",
    "np.array([1+1j]).view(np.complex128)", "np.array([1, 2], np.float16).view(np.int16)",
    "np.arange(4).reshape(2, 2)[:, 1].view(np.float64)",
    "2 in np.array([1, 2])", "5 in np.array([[1, 2], [3, 4]])", "[3, 4] in np.array([[1, 2], [3, 4]])",
    "np.nan in np.array([np.nan])", "1.0 in np.array([1+0j])", "True in np.array([0, 1])",
    "divmod(np.array([7, -7]), 2)", "divmod(7, np.array([2, -3]))",
    "divmod(np.array([7.5, -7]), np.array([2, 0]))", "divmod(np.array([True]), np.array([True]))",
    "divmod(np.array([1, 2], np.int8), 0)", "divmod(np.array([1+1j]), 2)", "divmod(np.array([5]), 'a')",
    "np.divmod(np.array([7, -7]), 2)", "np.divmod(7, 2)", "np.divmod(np.array([7.0]), -2.5)",
    "np.divmod(np.array([7, -7]), 2, out=(np.zeros(2), np.zeros(2)))",
    "np.divmod(np.array([7, -7]), 2, out=(None, np.zeros(2, np.int8)))",
    "np.divmod(np.array([7, -7]), 2, out=(np.zeros(2),))",
    "np.divmod(np.array([7.5, 2]), np.array([0.0, 0.0]))",
    "np.array([True, False]) ** 2", "np.array([True, False]) ** 3", "np.array([True, False]) ** 0.5",
    "np.array([True, False]) ** True", "np.array([True]) ** np.int64(2)", "np.array([True]) ** 2.0",
    "np.array([1e200]) ** 2", "np.array([1e200]) ** 2.0", "np.array([0.0]) ** -1",
    "np.array([0.0], np.float32) ** -1", "np.array([-np.inf, 4.0]) ** 0.5", "np.array([3], np.int8) ** 0.5",
    "np.array([2]) ** -1", "np.array([1+1j]) ** 2", "np.array([0j]) ** -1", "np.array([100], np.int8) ** 2",
    "np.array([3], np.uint8) ** 2", "np.array([2.5], np.float16) ** 2", "2 ** np.array([True, False])",
    "np.array([1, 2]).sum(out=np.zeros(()))", "np.array([[1, 2], [3, 4]]).sum(axis=0, out=np.zeros(2, np.int8))",
    "np.array([[0.5, 0.5], [1.7, 2]]).sum(axis=1, out=np.zeros(2, int))",
    "np.array([[1, 2], [3, 4]]).max(axis=1, out=np.zeros(2))", "np.array([[1, 2], [3, 4]]).mean(axis=0, out=np.zeros(2))",
    "np.array([[1, 2], [3, 4]]).cumsum(axis=0, out=np.zeros((2, 2)))",
    "np.array([[1, 2], [3, 4]]).any(axis=0, out=np.zeros(2, bool))",
    "np.array([1, 2]).sum(out=np.zeros(2))",
    "np.array([[1, 2], [3, 4]]).sum(initial=10)", "np.array([[1, 2], [3, 4]]).sum(axis=0, where=[True, False])",
    "np.array([[1, 2], [3, 4]], np.int8).sum(axis=1, initial=1, keepdims=True)",
    "np.array([[1, 2], [3, 4]]).max(axis=1, initial=3)", "np.array([]).max(initial=-1)",
    "np.array([[1, 2], [3, 4]]).min(where=[[True, False], [False, True]])",
    "np.array([[1, 2], [3, 4]]).min(where=[[True, False], [False, True]], initial=9)",
    "np.array([1.5, 2]).prod(where=np.array([True, False]), initial=2)",
    "np.array([True, False]).sum(where=[True, True], dtype=np.int8)", "np.array([[1, 2]]).max(axis=1, out=np.zeros(()))",
]

STATEMENTS = [
    "a = np.arange(3)\na.flags.writeable = False\na[0] = 5",
    "a = np.arange(3)\na.flags.writeable = False\na += 1",
    "a = np.arange(3)\na.flags.writeable = False\nout = a[1:].flags.writeable",
    "a = np.arange(3)\na.flags.writeable = False\nb = a[1:]\nb[0] = 3",
    "a = np.arange(3)\na.flags.writeable = False\na.flags.writeable = True\na[0] = 7\nout = a",
    "a = np.arange(3)\na.flags['WRITEABLE'] = False\nout = a.flags.writeable",
    "a = np.arange(3)\na.flags.writeable = False\nnp.add(a, 1, out=a)",
    "a = np.arange(3)\na.flags.writeable = False\na.fill(1)",
    "a = np.arange(3)\na.flags.writeable = False\nout = a + 1",
    "a = np.arange(3.0)\na.flags.writeable = False\nnp.add.reduce(np.ones((2, 3)), out=a)",
    "a = np.arange(3)\nb = a[:]\nb.flags.writeable = False\na[0] = 9\nout = b",
    "a = np.array([1+2j, 3-4j])\na.real = 7\nout = a", "a = np.array([1+2j, 3-4j])\na.imag = [5, 6]\nout = a",
    "a = np.array([1+2j, 3-4j])\nr = a.imag\nr[0] = 9\nout = a",
    "a = np.array([1+2j, 3-4j], np.complex64)\na.real += 1\nout = a",
    "a = np.array([1.0, 2])\na.imag = 1", "a = np.array([1.0, 2])\na.real = 5\nout = a",
    "a = np.array([1.0, 2])\nr = a.real\nr[0] = 5\nout = a",
    "a = np.array([1.0, -2.0])\nv = a.view(np.uint64)\nv[0] = 0\nout = a",
    "a = np.arange(4, dtype=np.int32)\nv = a.view(np.uint32)\na[1] = -1\nout = v",
    "b = np.array([True])\nb **= 2", "b = np.array([1e200])\nb **= 2\nout = b",
    "b = np.array([4.0])\nb **= 0.5\nout = b", "b = np.array([4, 5])\nb **= 2\nout = b",
    "a = np.array([7, -7])\nq, r = divmod(a, 3)\nout = (q, r)",
]


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    same(case)


@pytest.mark.parametrize("case", STATEMENTS)
def test_statement(case):
    same(case, stmt=True)
