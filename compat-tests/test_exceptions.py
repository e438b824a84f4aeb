"""numpypy.exceptions against numpy.exceptions, and the exception classes core errors map to."""

import pytest

from compat import same

CASES = [
    "str(np.exceptions.AxisError(2, 1, msg_prefix='error'))",
    "str(np.exceptions.AxisError('Custom error message'))",
    "str(np.exceptions.AxisError(-3, 2))", "np.exceptions.AxisError(5, 2).axis",
    "np.exceptions.AxisError(5, 2).ndim", "np.exceptions.AxisError('m').axis",
    "issubclass(np.exceptions.AxisError, IndexError)",
    "issubclass(np.exceptions.AxisError, ValueError)",
    "[c.__name__ for c in np.exceptions.AxisError.__mro__]",
    "[c.__name__ for c in np.exceptions.DTypePromotionError.__mro__]",
    "[c.__name__ for c in np.exceptions.ComplexWarning.__mro__]",
    "[c.__name__ for c in np.exceptions.VisibleDeprecationWarning.__mro__]",
    "[c.__name__ for c in np.exceptions.RankWarning.__mro__]",
    "[c.__name__ for c in np.exceptions.TooHardError.__mro__]",
    "[c.__name__ for c in np.exceptions.ModuleDeprecationWarning.__mro__]",
    "sorted(n for n in dir(np.exceptions) if not n.startswith('_'))",
]

# Core errors reached through scalar math and dtype lookup: class hierarchy and text.
RAISED = [
    "np.uint8(3) + 300", "np.int8(1) + 2**70", "np.int8(2) ** -1", "np.True_ - np.True_",
    "-np.True_", "np.dtype('x')", "np.float16(1) // 1j", "np.int8(1) << 1.5",
    "np.float64(1) & 1", "np.float64(1.5) << 1", "np.float64(1) % 1j", "np.int8(1) % 1j",
]

# Python's own TypeError for operators a type lacks names the type as its module spells it.
PYTHON_TYPE_ERRORS = [
    "np.complex64(1) % 2", "np.complex128(1) // np.complex128(1)", "divmod(np.complex64(1), 2)",
    "2 % np.complex64(1)", "np.complex64(1) // 2",
]


@pytest.mark.parametrize("case", CASES)
def test_exception_case(case):
    same(case)


@pytest.mark.parametrize("case", RAISED)
def test_raised(case):
    same(case)


@pytest.mark.parametrize("case", PYTHON_TYPE_ERRORS)
def test_python_type_error(case):
    same(case, message=False)
