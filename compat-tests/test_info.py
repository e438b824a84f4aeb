"""finfo / iinfo and the module constants against NumPy."""

import pytest

from compat import same

FLOAT_ATTRS = ["bits", "dtype", "eps", "epsneg", "max", "min", "tiny", "smallest_normal",
               "smallest_subnormal", "resolution", "precision", "maxexp", "minexp", "nexp",
               "nmant", "machep", "negep", "iexp"]
INT_ATTRS = ["bits", "min", "max", "dtype", "kind"]

CASES = [
    "repr(np.finfo(np.float32))", "str(np.finfo(np.float16))", "str(np.finfo(np.float64))",
    "repr(np.finfo(np.float64))", "np.finfo(np.int8)", "np.iinfo(np.float64)",
    "np.finfo(1.0).dtype", "np.finfo('f4').dtype", "np.iinfo(3).dtype",
    "np.iinfo(np.int8(3)).max", "repr(np.iinfo(np.int16))", "str(np.iinfo(np.int8))",
    "np.iinfo(bool)", "np.iinfo('u4').bits", "np.finfo(np.dtype('f8')) is np.finfo(float)",
    "np.finfo(complex).dtype", "np.finfo(np.complex64).eps", "np.finfo(np.float32(1)).max",
    "np.pi", "np.e", "np.inf", "np.nan", "np.newaxis", "np.__array_api_version__",
    "np.euler_gamma",
]


@pytest.mark.parametrize("attr", FLOAT_ATTRS)
@pytest.mark.parametrize("t", ["float16", "float32", "float64", "complex64", "complex128"])
def test_finfo(t, attr):
    same(f"np.finfo(np.{t}).{attr}")


@pytest.mark.parametrize("attr", INT_ATTRS)
@pytest.mark.parametrize("t", ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
                               "uint64"])
def test_iinfo(t, attr):
    same(f"np.iinfo(np.{t}).{attr}")


@pytest.mark.parametrize("case", CASES)
def test_info_case(case):
    same(case, message=False)
