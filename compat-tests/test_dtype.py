"""numpypy.dtype against numpy.dtype: spellings, attributes, equality with strings and types,
ordering by safe casting, errors."""

import pytest

from compat import same

SPELLINGS = ["?", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "F", "D",
             "bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
             "float16", "float32", "float64", "complex64", "complex128", "<f8", "f8", "|b1",
             "i1", "<i2", "<u4", "=i8", "<c8", "c16", "f2", "int", "uint", "float", "complex",
             "double", "single", "half", "intp", "uintp", "long", "ulong", "longlong", "short",
             "ushort", "byte", "ubyte", "intc", "uintc", "csingle", "cdouble", "bool_", "int_",
             "p", "P", ">i1", "|u1", "b1"]

ATTRIBUTES = ["name", "char", "kind", "itemsize", "alignment", "str", "byteorder", "num",
              "descr", "isnative", "isbuiltin", "hasobject", "flags", "shape", "ndim", "fields",
              "names", "subdtype", "metadata"]

CASES = [
    "np.dtype('f8') == None", "np.dtype('f8') == 'foo'", "np.dtype('f8') == 5",
    "np.dtype('f8') == float", "np.dtype('l') == int", "np.dtype('f8') == np.float64",
    "np.dtype('f8') == 'd'", "np.dtype('f8') != 'd'", "np.dtype('?') == bool",
    "np.dtype('D') == complex", "np.dtype('f4') == 'float32'", "np.dtype('f4') != float",
    "np.dtype(np.floating)", "np.dtype(np.generic)", "np.dtype(np.number)",
    "np.dtype(np.integer)", "np.dtype(np.signedinteger)", "np.dtype(np.unsignedinteger)",
    "np.dtype(np.inexact)", "np.dtype(np.complexfloating)", "np.dtype(5)", "np.dtype('x')",
    "np.dtype('Float64')", "np.dtype('float_')", "np.dtype('')", "np.dtype(None)",
    "hash(np.dtype('f8')) == hash(np.dtype(np.float64))",
    "hash(np.dtype('i8')) == hash(np.dtype('l'))", "np.dtype('f8') < np.dtype('f4')",
    "np.dtype('f4') < np.dtype('f8')", "np.dtype('f4') <= 'f8'", "np.dtype('i8') > 'i1'",
    "np.dtype('u8') >= 'i8'", "np.dtype('f8') < 'f8'", "np.dtype('f8') <= 'f8'",
    "str(np.dtype('f8'))", "repr(np.dtype('c8'))", "np.dtype('f8') is np.dtype(float)",
    "np.dtype('i8') is np.dtype(np.int64)", "np.dtype(b'f8')", "np.dtype('f8', align=True)",
    "np.dtype(np.dtype('i4'))", "np.dtype('i8').char", "np.dtype('q').name",
    "bool(np.dtype('f8'))", "len(np.dtype('f8'))", "np.dtype('f8') == np.dtype('f8').str",
    "np.dtype(np.int8(3))", "np.dtype(np.intp)", "np.dtype(bool)", "np.dtype(complex)",
    "np.dtype(int)", "np.dtype(float)", "np.dtype(np.longlong).name", "np.dtype(np.bool_)",
    "np.dtype('f8').base", "np.dtype('f8').newbyteorder('=')", "np.dtype('i1').newbyteorder()",
    "[np.dtype(c).name for c in '?bBhHiIlLqQefdFD']", "np.dtype('f8').type.__name__",
    "np.dtype('?').type.__name__", "np.dtype('f2').type is np.float16",
    "np.dtype(np.float32).type is np.float32", "np.dtype('c8').type(1)",
    "np.dtype('u2').type(65535)", "isinstance(np.dtype('f8'), np.dtype)",
    "np.dtype('int8') in (np.dtype('i1'), np.dtype('u1'))",
    "{np.dtype('f8'): 1}[np.dtype(float)]",
]

PROMOTION = [
    "np.promote_types('i1', 'u1')", "np.promote_types(np.uint64, np.int8)",
    "np.promote_types('f2', 'i2')", "np.promote_types('c8', 'f8')",
    "np.promote_types(bool, 'u1')", "np.promote_types(int, float)",
    "np.can_cast(np.int8, np.int16)", "np.can_cast('f8', 'f4')",
    "np.can_cast('f8', 'f4', 'same_kind')", "np.can_cast('i8', 'u8', 'same_kind')",
    "np.can_cast('u1', 'i1', casting='same_kind')", "np.can_cast('c8', 'f8', 'unsafe')",
    "np.can_cast('f8', 'f8', 'no')", "np.can_cast('f8', 'f4', 'bogus')",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_spelling(spelling):
    same(f"np.dtype({spelling!r})")


@pytest.mark.parametrize("attr", ATTRIBUTES)
@pytest.mark.parametrize("name", ["?", "i1", "u2", "i4", "u8", "f2", "f4", "f8", "c8", "c16"])
def test_attribute(name, attr):
    same(f"np.dtype({name!r}).{attr}")


@pytest.mark.parametrize("case", CASES)
def test_dtype_case(case):
    same(case)


@pytest.mark.parametrize("case", PROMOTION)
def test_promotion(case):
    same(case)


def test_unsupported_dtypes_raise_not_implemented():
    import numpypy as np

    for spelling in ("U10", "object", "M8[ns]", ">f8", "float128"):
        with pytest.raises(NotImplementedError):
            np.dtype(spelling)
    with pytest.raises(NotImplementedError):
        np.dtype(str)
