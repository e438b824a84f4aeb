"""numpypy's scalar types against NumPy's: constructors, math with NEP 50 promotion and NumPy's
scalar warnings, comparisons, Python protocols, reprs."""

import pytest

from compat import same

ARITHMETIC = [
    "np.int8(127) + np.int8(1)", "np.int8(-128) * np.int8(-1)", "-np.int8(-128)",
    "abs(np.int8(-128))", "np.int8(2) ** np.int8(7)", "np.int8(-128) // np.int8(-1)",
    "np.int8(1) // np.int8(0)", "np.int8(1) % np.int8(0)", "np.float64(1) / np.float64(0)",
    "np.float32(1) / 0", "np.float64(0) / 0.0", "np.float16(60000) * 2", "np.int8(100) + 100",
    "np.int8(100) + 300", "np.uint8(3) - np.uint8(5)", "np.uint8(3) - 5", "np.int64(2**62) * 4",
    "np.int8(1) / np.int8(0)", "np.int8(5) << np.int8(9)", "divmod(np.int8(1), np.int8(0))",
    "np.int8(-128) / np.int8(-1)", "np.float64(2) ** 0.5", "np.int8(2) ** -1",
    "np.int8(3) + True", "np.True_ + np.True_", "np.True_ - np.True_", "-np.True_",
    "~np.True_", "np.float64(1.5) + 1", "np.float32(1.5) + 1.0",
    "np.float32(1.5) + np.float64(1.0)", "np.int8(1) + 1.5", "np.int8(1) + np.uint64(1)",
    "1 + np.int8(3)", "1.5 * np.float32(2)", "np.int8(1) + 2**70", "-np.uint8(1)",
    "-np.uint8(0)", "abs(np.uint8(200))", "np.float16(1) + 1e10", "np.float32(1) + 1e300",
    "np.uint64(2**63) + np.uint64(2**63)", "np.int64(-2**63) * -1",
    "np.uint8(2) * np.uint8(200)", "np.int8(5) - np.int8(-128)",
    "np.float64(1e308) + np.float64(1e308)", "np.float64(1e-308) * np.float64(1e-308)",
    "np.float32(3) ** np.float32(200)", "np.int8(3) ** np.int8(5)", "np.float64(-1) ** 0.5",
    "np.int8(0) / 0", "np.int8(5) % np.int8(0)", "divmod(np.float64(1), 0.0)",
    "divmod(np.int8(-128), np.int8(-1))", "np.int8(-128) % np.int8(-1)",
    "np.float64(1) // 0.0", "np.float64(0) // 0.0", "np.float64(1.5) + np.float64(2)",
    "np.float32(0.1) + np.float32(0.2)", "np.float64(0.1) + 0.2", "np.int8(7) % np.int8(-2)",
    "np.int8(-7) // np.int8(2)", "np.uint8(200) + np.int8(1)", "np.int16(3) * np.float16(2)",
    "np.uint64(3) + np.int64(1)", "np.complex64(1+1j) * 2.0",
    "np.complex64(1+1j) * np.float64(2.0)", "np.float32(2) ** 2", "np.int8(7) >> 1",
    "np.int8(7) & np.uint8(3)", "np.int32(7) ^ True", "np.True_ & np.False_", "np.True_ | 1",
    "np.True_ ^ True", "abs(np.complex128(3+4j))", "abs(np.float32(-2.5))", "-np.float16(2)",
    "+np.uint8(3)", "~np.uint8(3)", "~np.int8(3)", "np.int32(-5) // 2", "np.int32(-5) % 2",
    "np.float64(-5.5) % 2", "np.float64(-5.5) // 2", "np.int64(2) ** 62", "np.int64(2) ** 63",
    "np.uint8(255) + 1", "np.uint8(255) + np.uint8(1)", "np.int16(3) / np.int16(4)",
    "np.float16(3) / np.float16(4)", "np.int8(0) ** 0", "np.float32(0) ** -1",
    "np.float64(0.0) * np.inf", "np.float64(np.inf) - np.inf", "2 ** np.int8(3)",
    "7 // np.int16(-2)", "7.5 % np.float32(2)", "divmod(7, np.int8(3))",
    "divmod(np.float32(7.5), 2)", "np.complex128(1+2j) / np.complex64(0)",
    "np.complex64(2j) ** 2", "np.float16(0.1) * np.float16(3)", "np.uint32(5) - np.int32(7)",
    "np.int16(-1) >> np.uint8(1)", "np.uint16(1) << 15", "np.int64(-1) & np.uint64(5)",
    "np.bool_(True) * np.int8(-3)", "np.float64(1e300) * 1e300", "np.float32(-0.0) * 1",
    "np.float64(-0.0) + 0.0", "np.int32(2**31 - 1) + 1", "np.int16(-32768) // np.int16(-1)",
    "np.uint8(7) // np.uint8(0)", "np.float64(5) % np.inf", "np.float64(-5) % np.inf",
]

COMPARISONS = [
    "np.int8(1) == 1", "np.int8(1) < 300", "np.int8(3) == None", "np.int8(3) != None",
    "np.float64('nan') == np.float64('nan')", "np.float64(1.0) != 1", "np.int64(5) >= 5.5",
    "np.uint64(2**64-1) == -1", "np.uint64(2**64-1) > np.int64(-1)",
    "np.float64(3.5) > np.float32(3.25)", "np.float16(0.1) == 0.1", "np.float32(0.1) == 0.1",
    "np.uint8(200) > -1", "np.int64(2**63-1) == np.uint64(2**63-1)",
    "np.complex64(1+2j) == 1+2j", "np.complex128(1+2j) < np.complex128(1+3j)",
    "np.True_ == True", "np.True_ > np.False_", "np.int8(-1) < np.uint64(1)",
    "np.float64(2) * np.int64(3) == 6", "3 > np.float32(2.5)", "np.int8(1) <= np.int8(1)",
]

CONSTRUCTORS = [
    "np.int8()", "np.int8(300)", "np.uint8(-1)", "np.int64(2**64)", "np.uint64(2**64)",
    "np.uint64(-1)", "np.uint64(2**64 - 1)", "np.int8(3.7)", "np.int8(-3.7)", "np.int8(300.0)",
    "np.int8(float('nan'))", "np.int64(float('inf'))", "np.int8('12')", "np.int8(' 12 ')",
    "np.int8('300')", "np.int8('1.5')", "np.float32('1.5')", "np.float64('abc')",
    "np.float64(1+2j)", "np.int8(1+2j)", "np.int8(np.int64(300))",
    "np.int8(np.float64(300.5))", "np.int8(np.float64(1e20))", "np.float32(1e40)",
    "np.float16(1e10)", "np.bool_(5)", "np.bool_('')", "np.bool_()", "np.bool_(None)",
    "np.complex64(1+2j)", "np.complex128('1+2j')", "np.complex128(1, 2)",
    "np.complex128(1, 2.5)", "np.float64(None)", "np.int8(None)", "np.float64()",
    "np.int8(True)", "np.float64(np.complex128(1+2j))", "np.uint8(np.int8(-1))",
    "np.complex128(None)", "np.complex64()", "np.float64(True)", "np.float64(2**2000)",
    "np.float16(2**100)", "np.complex128(np.float32(1.5))", "np.float32(np.float64(0.1))",
    "np.float64('inf')", "np.int8(np.True_)", "np.float32(16777217.0)", "np.float16(65520)",
    "np.float16(0.1)", "np.float64(1e16)", "np.float32(1e-5)", "np.complex128(1e20+1j)",
    "np.True_ is np.bool_(1)", "np.bool_(np.False_) is np.False_", "np.int16(-32769)",
    "np.uint32(2**32)", "np.int32(-2**31)", "np.float32(2**128)", "np.int64(np.float64(2**63))",
    "np.uint8(np.float32(-1.5))", "np.int16(np.complex64(3+4j))", "np.bool_(np.float64(0.0))",
    "np.float16(np.int32(70000))", "np.complex64(np.complex128(1e300+1j))",
]

PROTOCOLS = [
    "int(np.True_)", "float(np.int8(3))", "hash(np.float32(0.1)) == hash(float(np.float32(0.1)))",
    "hash(np.int8(-1))", "hash(np.uint64(2**64-1))", "hash(np.complex64(1+2j))",
    "np.int8(3).item()", "type(np.float32(1).item())", "np.float64(2).is_integer()",
    "np.float32(2.5).is_integer()", "np.int8(3).is_integer()", "round(np.float64(2.5))",
    "round(np.float32(2.567), 2)", "round(np.int8(17), -1)", "round(np.float64(1234.5678), -2)",
    "round(np.float16(2.5))", "np.int8(17).dtype", "np.int8(3).itemsize", "np.int8(3).shape",
    "np.int8(3).ndim", "np.float32(3).nbytes", "np.int8(3).real", "np.complex64(1+2j).imag",
    "np.complex128(1+2j).real", "np.float64(3).conjugate()", "np.complex64(1+2j).conj()",
    "np.int8(5).astype(np.float32)", "np.float64(3.9).astype('i1')", "np.float64(3).tolist()",
    "np.int16(5).bit_count()", "np.int16(-5).bit_count()", "str(np.float32(0.1))",
    "np.float64(1.5).__format__('.2f')", "f'{np.int8(5):03d}'", "f'{np.float32(0.1)}'", "f'{np.True_}'", "format(np.True_, '>8')", "f'{np.complex64(0.1j)}'", "format(np.float16(0.1), '>8')",
    "np.float32(1.5).as_integer_ratio()", "np.int8(3).item(1)", "int(np.complex128(1+2j))",
    "complex(np.int8(2))", "isinstance(np.float64(1), float)", "isinstance(np.int64(1), int)",
    "isinstance(np.True_, bool)", "isinstance(np.complex128(1), complex)",
    "type(np.True_).__name__", "np.bool_ is np.bool", "str(np.True_)", "repr(np.False_)",
    "bool(np.float64(0.0))", "bool(np.complex64(0j))", "bool(np.int8(-1))",
    "np.int8(3).__index__()", "[1, 2, 3][np.int64(1)]", "[1, 2, 3][np.uint8(2)]",
    "np.float64(2.5).__round__()", "np.int8(17).conj()", "np.float64(3).real",
    "np.float64(3).imag", "np.float64(5).item(0)", "isinstance(np.float32(1), np.floating)",
    "isinstance(np.uint8(1), np.signedinteger)", "isinstance(np.uint8(1), np.integer)",
    "isinstance(np.complex64(1), np.inexact)", "isinstance(np.float64(1), np.number)",
    "isinstance(np.True_, np.number)", "np.float64.__mro__[1].__name__",
    "[c.__name__ for c in np.complex128.__mro__]", "[c.__name__ for c in np.uint8.__mro__]",
    "[c.__name__ for c in np.bool_.__mro__]", "[c.__name__ for c in np.float16.__mro__]",
    "np.float64(1).dtype == np.float64", "np.float64(1.5).hex()", "np.float64(1) + [1][0]",
    "np.float32(7).T", "np.int64(7).size", "sorted([np.int8(3), np.int8(-1), np.int8(2)])",
    "max(np.float32(1.5), np.float32(-2))", "sum([np.int8(100), np.int8(100)])",
    "np.uint8(3).astype(np.bool_)", "np.float64(0.5).astype(np.complex64)",
]

ALIASES = [
    "np.int_ is np.int64", "np.intp is np.int64", "np.double is np.float64",
    "np.single is np.float32", "np.half is np.float16", "np.csingle is np.complex64",
    "np.cdouble is np.complex128", "np.uint is np.uint64", "np.intc is np.int32",
    "np.uintc is np.uint32", "np.byte is np.int8", "np.ubyte is np.uint8",
    "np.short is np.int16", "np.ushort is np.uint16", "np.long is np.int64",
    "np.ulong is np.uint64", "np.uintp is np.uint64", "np.bool_ is np.bool",
    "np.True_ is np.bool_(True)", "np.float64.__name__", "np.bool_.__name__",
    "np.intc.__name__", "np.int_.__name__",
]

# Cases whose NumPy text names the module (`numpy.bool`); numpypy names its own.
MODULE_NAMED = [
    "operator.index(np.True_)", "np.generic()", "np.floating(1)", "np.number()",
]


@pytest.mark.parametrize("case", ARITHMETIC)
def test_arithmetic(case):
    same(case)


@pytest.mark.parametrize("case", COMPARISONS)
def test_comparison(case):
    same(case)


@pytest.mark.parametrize("case", CONSTRUCTORS)
def test_constructor(case):
    same(case)


@pytest.mark.parametrize("case", PROTOCOLS)
def test_protocol(case):
    same(case)


@pytest.mark.parametrize("case", ALIASES)
def test_alias(case):
    same(case)


@pytest.mark.parametrize("case", MODULE_NAMED)
def test_module_named_error(case):
    same(f"__import__('operator') and {case}" if case.startswith("operator") else case,
         message=False)


def test_scalars_pickle():
    import pickle

    import numpypy as np

    for x in (np.int8(-3), np.float32(0.1), np.float64(2.5), np.complex64(1 + 2j), np.True_,
              np.uint64(2**64 - 1)):
        y = pickle.loads(pickle.dumps(x))
        assert type(y) is type(x) and y == x
